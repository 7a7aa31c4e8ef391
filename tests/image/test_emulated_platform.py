"""The image for the other platform (arm64 on an amd64 machine), built and run under QEMU emulation.

One Debian base image, every server: what a native runner checks in the
project's CI, checked here before a release.
"""

from __future__ import annotations

import re

import pytest

from harness.containers import running
from harness.docker_cli import docker
from harness.platforms import EMULATED, EMULATED_BASE_IMAGE
from tests.support.image_matrix import BuiltImage

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# Emulated start-up is several times slower than native.
EMULATED_START_SECONDS = 60.0


def test_is_built_for_the_emulated_platform(emulated_image: BuiltImage) -> None:
    architecture = docker("image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", emulated_image.image).stdout
    machine = docker("run", "--rm", "--platform", EMULATED.name, emulated_image.image, "uname", "-m").stdout

    assert architecture.strip() == EMULATED.name
    assert machine.strip() == EMULATED.wheel_machine


def test_serves_healthz(emulated_image: BuiltImage) -> None:
    with running(emulated_image.image, "--platform", EMULATED.name) as container:
        container.ms_to_first_200("/healthz", within=EMULATED_START_SECONDS)
        status, body = container.get("/healthz")

    assert status == 200
    assert b'"ok"' in body


def test_stops_with_exit_status_0(emulated_image: BuiltImage) -> None:
    with running(emulated_image.image, "--platform", EMULATED.name) as container:
        container.ms_to_first_200("/healthz", within=EMULATED_START_SECONDS)
        container.wait_for_log(emulated_image.server.worker_started, emulated_image.server.workers, within=30)
        seconds, exit_code = container.stop()

    assert exit_code == 0
    assert seconds < 10, f"docker stop took {seconds:.1f} s: the server ignored the stop signal"


def test_cache_mounts_are_kept_per_platform(emulated_image: BuiltImage) -> None:
    """Every apt and uv cache that the build mounted carries the platform in its id: the two never share one."""
    mounted = re.findall(r"--mount=type=cache,id=([^,]+)", emulated_image.build.log)

    assert {cache_id.rsplit("-", 1)[0] for cache_id in mounted} >= {
        f"apt-archives-{EMULATED_BASE_IMAGE.id}",
        f"uv-{EMULATED_BASE_IMAGE.id}",
    }
    assert [cache_id for cache_id in mounted if not cache_id.endswith(f"-{EMULATED.arch}")] == []
