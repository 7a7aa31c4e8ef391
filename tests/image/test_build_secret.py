"""The proxy CA bundle reaches uv during the build and never lands in the image."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.docker_cli import docker
from harness.images import build_image, checkout_tag, force_fresh_dependency_step, host_ca_bundle
from harness.layers import saved_layers

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_ca_bundle_is_used_by_uv_and_in_no_layer(render_buildable, tmp_path: Path) -> None:
    host_bundle = host_ca_bundle()
    if host_bundle is None:
        pytest.skip("this host has no CA bundle to pass as the ca-certificates secret")
    project = render_buildable()
    force_fresh_dependency_step(project)
    canary = "# ca-certificates secret canary 5d1c0b7e"
    bundle = tmp_path / "ca-bundle.pem"
    bundle.write_text(host_bundle.read_text() + f"\n{canary}\n")
    # One line of base64 from each certificate: enough to spot any of them in a
    # layer. (The runtime image installs no CA certificates of its own.)
    certificate_lines = set(re.findall(r"-----BEGIN CERTIFICATE-----\n(.+)\n", bundle.read_text()))

    build = build_image(project, checkout_tag("secret"), ca_bundle=bundle)

    assert not build.step_cached("[dependencies ", "RUN ")
    assert "+ export SSL_CERT_FILE=/run/secrets/ca-certificates" in build.step_output("[dependencies ", "RUN ")
    for layer in saved_layers(build.tag).values():
        assert canary.encode() not in layer
        assert not [line for line in certificate_lines if line.encode() in layer], "a CA certificate is in a layer"
    config = docker("image", "inspect", build.tag).stdout + docker("history", "--no-trunc", build.tag).stdout
    assert canary not in config
    assert not [line for line in certificate_lines if line in config]
