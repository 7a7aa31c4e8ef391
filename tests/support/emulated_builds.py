"""Builds in the second engine (harness.attesting_engine): the emulated platform's images and the published ones,
which share its build cache."""

from __future__ import annotations

from pathlib import Path

from harness.attesting_engine import copy_images
from harness.docker_cli import docker
from harness.images import Build, build_image, ensure_referenced_images
from harness.platforms import EMULATED, Platform

# Downloads go through the host's network: the second engine's bridge leads nowhere.
HOST_NETWORK = "--network=host"


def provide_images(refs: list[str], env: dict[str, str]) -> None:
    """Copy those of the machine's images `refs` that the engine of `env` lacks into it."""
    missing = [ref for ref in refs if docker("image", "inspect", ref, check=False, env=env).returncode != 0]
    if missing:
        copy_images(missing, env)


def provide_referenced_images(project: Path, platform: Platform, env: dict[str, str]) -> None:
    """Copy the images that the project's Dockerfile names, for `platform`, into the engine of `env`."""
    provide_images([platform.local_ref(ref) for ref in ensure_referenced_images(project / "Dockerfile", platform)], env)


def build_emulated_image(project: Path, tag: str, env: dict[str, str]) -> Build:
    """Build `project` for the emulated platform in the engine of `env`, as the README's build command does.

    Without a provenance attestation, the image is a single manifest that the
    machine's own engine, with the classic image store, loads as it is.
    """
    provide_referenced_images(project, EMULATED, env)
    return build_image(project, tag, platform=EMULATED, options=[HOST_NETWORK, "--provenance=false"], env=env)
