"""Where a run's figures come from: the machine, the Docker engine, and the template's commit."""

from __future__ import annotations

import os
import subprocess

from harness.docker_cli import docker
from harness.paths import REPO_ROOT

# What the rendered project and the baselines are made of; changes elsewhere don't alter the figures.
MEASURED_PATHS = ("template", "copier.yml", "macros", "hooks", "bench/baselines")


def machine() -> dict[str, object]:
    return {
        "cores": os.cpu_count(),
        "docker_version": docker("version", "--format", "{{.Server.Version}}").stdout.strip(),
    }


def commit() -> str:
    """HEAD of the template repo, marked `-dirty` when the measured files differ from it (as `git describe` does)."""
    head = _git("rev-parse", "--short=12", "HEAD")
    changes = _git("status", "--porcelain", "--untracked-files=all", "--", *MEASURED_PATHS)
    return f"{head}-dirty" if changes else head


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO_ROOT, text=True, capture_output=True, check=True).stdout.strip()
