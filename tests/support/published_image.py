"""A multi-platform image pushed to a loopback registry the way CI does it: each platform's image pushed
with its provenance and SBOM attestations (the publish job), then one index made of them by the sign
job's own step.

The builds run in a second engine, one with the containerd image store (harness.attesting_engine),
as the machine's own cannot attach attestations; the SBOM comes from the local generator
(harness.sbom_generator) in place of Docker's, which cannot be pulled here.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.images import build_image
from harness.platforms import Platform
from tests.support.emulated_builds import HOST_NETWORK, provide_referenced_images
from tests.support.markdown import shell_blocks
from tests.support.workflows import load_workflow, run_step, run_steps

VERIFY_SECTION = "Verify a published image"


@dataclass(frozen=True)
class Published:
    repository: str  # registry host:port/name
    reference: str  # repository@sha256:… of the multi-platform index
    labels: dict[str, str]


@dataclass(frozen=True)
class Builder:
    env: dict[str, str]  # a docker client's environment, for the attesting engine
    sbom_generator: str  # the image for --sbom=generator=


def workflow_attestations(project: Path, sbom_generator: str) -> list[str]:
    """The publish job's attestation inputs as `docker build` options, with the local SBOM generator."""
    (step,) = [step for step in load_workflow(project)["jobs"]["publish"]["steps"] if step.get("id") == "build"]
    assert step["with"]["sbom"] is True, step
    return [f"--provenance={step['with']['provenance']}", f"--sbom=generator={sbom_generator}"]


def push_by_digest(
    project: Path, repository: str, platform: Platform, labels: dict[str, str], builder: Builder, tmp_path: Path
) -> str:
    """Build `project` for `platform` with the publish job's attestations, push it, and return repository@digest."""
    provide_referenced_images(project, platform, builder.env)
    metadata = tmp_path / f"build-{platform.arch}.json"
    options = [
        *workflow_attestations(project, builder.sbom_generator),
        HOST_NETWORK,
        "--push",
        f"--metadata-file={metadata}",
    ]
    build_image(
        project, f"{repository}:{platform.arch}", platform=platform, labels=labels, options=options, env=builder.env
    )
    return f"{repository}@{json.loads(metadata.read_text())['containerimage.digest']}"


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


def readme_inspect_command(project: Path, field: str) -> str:
    """The README's command that shows the published image's `field` (Provenance or SBOM)."""
    (keyless, *_) = shell_blocks((project / "README.md").read_text(), VERIFY_SECTION, level=3)
    (command,) = [line for line in keyless.splitlines() if "imagetools inspect" in line and f".{field}}}" in line]
    return command


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
