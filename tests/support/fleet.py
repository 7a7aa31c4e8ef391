"""The template's fleet command (`python -m fleet`), run as docs/organisation.md shows it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from harness.paths import REPO_ROOT


def run_fleet(
    *args: str | Path, path: str | None = None, only_path: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m fleet ARGS` from the template repository, with `path` first on PATH (for a fake `gh`),
    or with `only_path` as the whole PATH."""
    env = {**os.environ, "PATH": f"{path}{os.pathsep}{os.environ['PATH']}"} if path else None
    if only_path:
        env = {**os.environ, "PATH": only_path}
    command = [sys.executable, "-m", "fleet", *map(str, args)]
    return subprocess.run(command, cwd=REPO_ROOT, env=env, text=True, capture_output=True)
