"""Command line tools that some tests need besides Docker."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def require_command(*command: str) -> None:
    """Like the docker_engine fixture, for another tool: skip without it, except in CI, where the test fails."""
    if shutil.which(command[0]) and subprocess.run(command, capture_output=True).returncode == 0:
        return
    reason = f"`{' '.join(command)}` does not run here"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires it (a script in .ci/ installs it)")
    pytest.skip(reason)
