"""Build a rendered project's image the way its README says."""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .docker_cli import docker
from .paths import REPO_ROOT
from .platforms import HOST, Platform
from .provisioning import ensure_image

# Test images are named per checkout, so that two checkouts testing on one
# engine at once never run each other's images.
_CHECKOUT = hashlib.sha256(str(REPO_ROOT).encode()).hexdigest()[:8]


# Answers for a project that this machine can build: the `# syntax=` line would
# make BuildKit pull its frontend image, which no registry serves here; without
# it the daemon's built-in frontend builds the same Dockerfile.
BUILT_IN_FRONTEND = {"dockerfile_syntax": ""}


def checkout_tag(name: str) -> str:
    """The tag for this checkout's test image `name`."""
    return f"uv-docker-template-test-{_CHECKOUT}:{name}"


# An image that a Dockerfile pulls in: `FROM ref` or `COPY/RUN --from=ref` / `--mount=from=ref`.
IMAGE_REFERENCE = re.compile(r"^FROM\s+(\S+)|--(?:mount=)?from=([^\s,]+)", re.MULTILINE)


def host_ca_bundle() -> Path | None:
    """The CA bundle that this host trusts, to hand to builds behind a TLS-inspecting proxy."""
    candidate = Path(os.environ.get("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"))
    return candidate if candidate.is_file() else None


# The runtime stage's apt step, by fragments of its log title. The title shows
# the script's first line, which is not apt-get's, so the mount of apt's cache finds it.
RUNTIME_APT_STEP = ("[runtime ", "target=/var/cache/apt")


@dataclass(frozen=True)
class Build:
    tag: str
    seconds: float
    log: str

    def step_number(self, *fragments: str) -> str:
        """The log number of the one build step whose title ("[stage i/n] instruction") has all `fragments`."""
        steps = re.findall(r"^#(\d+) (\[[^\]]*\] .*)$", self.log, re.MULTILINE)
        numbers = {number for number, title in steps if all(f in title for f in fragments)}
        if len(numbers) != 1:
            raise AssertionError(f"{len(numbers)} build steps match {fragments!r}:\n{self.log}")
        return numbers.pop()

    def step_cached(self, *fragments: str) -> bool:
        return re.search(rf"^#{self.step_number(*fragments)} CACHED$", self.log, re.MULTILINE) is not None

    def step_output(self, *fragments: str) -> list[str]:
        number = self.step_number(*fragments)
        return re.findall(rf"^#{number} [\d.]+ (.*)$", self.log, re.MULTILINE)


def build_command(tag: str, ca_bundle: Path | None = None) -> list[str]:
    """The generated README's build command; given a CA bundle, its variant for TLS-inspecting proxies."""
    secret = ["--secret", f"id=ca-certificates,src={ca_bundle}"] if ca_bundle else []
    return ["docker", "build", *secret, "-t", tag, "."]


def ensure_referenced_images(dockerfile: Path, platform: Platform = HOST) -> list[str]:
    """Make every image that `dockerfile` names available for `platform`; return their references."""
    text = dockerfile.read_text()
    stages = set(re.findall(r"^FROM\s+\S+\s+AS\s+(\S+)", text, re.MULTILINE | re.IGNORECASE))
    refs = []
    for from_ref, copy_ref in IMAGE_REFERENCE.findall(text):
        ref = from_ref or copy_ref
        if ref not in stages and ref != "scratch":
            ensure_image(ref, platform)
            refs.append(ref)
    return refs


def build_image(
    project: Path,
    tag: str,
    ca_bundle: Path | None = None,
    platform: Platform = HOST,
    labels: Mapping[str, str] | None = None,
    options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
) -> Build:
    """Build as the README says, handing over `ca_bundle` (default: the host's) as the proxy CA secret;
    for another platform than this machine's, under emulation from the images kept for it; with `labels`
    as CI's publish job adds them. `options` go to `docker build` as well, e.g. `--no-cache` or a `--build-arg`;
    `env` is the client's environment, for another engine than the machine's own."""
    refs = ensure_referenced_images(project / "Dockerfile", platform)
    command = build_command(tag, ca_bundle or host_ca_bundle())
    label_options = [option for name, value in (labels or {}).items() for option in ("--label", f"{name}={value}")]
    started = time.monotonic()
    result = docker(
        *command[1:-1],
        *platform.build_options(refs),
        *label_options,
        *options,
        "--progress=plain",
        ".",
        cwd=project,
        env=env,
    )
    return Build(tag=tag, seconds=time.monotonic() - started, log=result.stderr)


def force_fresh_dependency_step(project: Path) -> None:
    """Make the project's dependency layer unlike any an earlier build made, so that step runs now.

    BuildKit reuses a layer built from the same inputs, even by an earlier test
    run; a tool table that nothing reads, unique to this call, changes the
    inputs without changing what gets installed.
    """
    with (project / "pyproject.toml").open("a") as pyproject:
        pyproject.write(f'\n[tool.template-test]\nrun = "{uuid.uuid4()}"\n')
