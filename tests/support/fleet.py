"""The template's fleet command (`python -m fleet`), run as README.md shows it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from harness.paths import REPO_ROOT


def run_fleet(*args: str | Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m fleet ARGS` from the template repository, with `path` first on PATH (for a fake `gh`)."""
    env = {**os.environ, "PATH": f"{path}{os.pathsep}{os.environ['PATH']}"} if path else None
    command = [sys.executable, "-m", "fleet", *map(str, args)]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, text=True, capture_output=True)
