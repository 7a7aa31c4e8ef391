"""A multi-platform image pushed to a loopback registry the way CI does it: each platform's image pushed
by digest (the publish job), then one index made of them by the sign job's own step."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.docker_cli import docker
from harness.images import build_image
from harness.platforms import Platform
from tests.support.markdown import shell_blocks
from tests.support.workflows import run_step, run_steps

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


def join_platforms(project: Path, repository: str, tags: list[str], platform_refs: list[str], tmp_path: Path) -> str:
    """Run the workflow's own step that joins the pushed platforms under `tags`; returns repository@digest."""
    (step,) = [step for step in run_steps(project, "sign") if step.get("id") == "index"]
    digests = tmp_path / "digests"
    digests.mkdir()
    for ref in platform_refs:
        (digests / ref.split("@sha256:")[1]).touch()
    metadata = json.dumps({"tags": [f"{repository}:{tag}" for tag in tags]})
    result = run_step(
        project,
        step,
        tmp_path,
        DOCKER_METADATA_OUTPUT_JSON=metadata,
        IMAGE_REPOSITORY=repository,
        RUNNER_TEMP=str(tmp_path),
    )
    assert result.process.returncode == 0, result.process.stdout + result.process.stderr
    return f"{repository}@{result.outputs['digest']}"


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
