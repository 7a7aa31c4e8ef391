"""A multi-platform image pushed to a loopback registry the way CI's publish job does it:
each platform's image pushed by digest, then one index made of them."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.docker_cli import docker
from harness.images import build_image
from harness.platforms import Platform
from tests.support.markdown import shell_blocks

VERIFY_SECTION = "Verify a published image"


@dataclass(frozen=True)
class Published:
    repository: str  # registry host:port/name
    reference: str  # repository@sha256:… of the multi-platform index
    labels: dict[str, str]


def push_by_digest(project: Path, repository: str, platform: Platform, labels: dict[str, str]) -> str:
    """Build `project` for `platform`, push it, and return repository@digest."""
    tag = f"{repository}:{platform.arch}"
    build_image(project, tag, platform=platform, labels=labels)
    docker("push", "-q", tag)
    digests = docker("image", "inspect", "-f", "{{json .RepoDigests}}", tag).stdout
    return next(ref for ref in json.loads(digests) if ref.startswith(f"{repository}@"))


def join_platforms(repository: str, tag: str, platform_refs: list[str]) -> str:
    """`docker buildx imagetools create`, as the publish job joins its builds; returns repository@digest."""
    docker("buildx", "imagetools", "create", "-t", f"{repository}:{tag}", *platform_refs)
    digest = docker("buildx", "imagetools", "inspect", f"{repository}:{tag}", "--format", "{{json .Manifest}}").stdout
    return f"{repository}@{json.loads(digest)['digest']}"


def skopeo_inspect(reference: str, *options: str) -> dict:
    result = subprocess.run(
        ["skopeo", "inspect", "--tls-verify=false", *options, f"docker://{reference}"],
        text=True,
        capture_output=True,
        check=True,
    )
    return json.loads(result.stdout)


def readme_key_pair_commands(project: Path) -> list[str]:
    """The README's commands that sign with a key pair and verify, one per line."""
    blocks = shell_blocks((project / "README.md").read_text(), VERIFY_SECTION, level=3)
    (block,) = [block for block in blocks if "cosign generate-key-pair" in block]
    return block.splitlines()


def run_readme_command(command: str, keys: Path, image: str, password: str) -> subprocess.CompletedProcess[str]:
    """One README command in `keys` (where cosign.key and cosign.pub live), with IMAGE and COSIGN_PASSWORD set."""
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=keys,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(keys), "IMAGE": image, "COSIGN_PASSWORD": password},
        text=True,
        capture_output=True,
        timeout=120,
    )
