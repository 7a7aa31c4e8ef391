"""The command line tools the fleet commands drive: git, and gh for GitHub."""

from __future__ import annotations

import subprocess


def run(*command: str, cwd: str | None = None) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, cwd=cwd, text=True, capture_output=True)
    except FileNotFoundError:
        raise RuntimeError(f"{command[0]} is not installed, or not on PATH: install it first") from None


def checked(result: subprocess.CompletedProcess[str]) -> str:
    """The command's output; its error message, as an exception, if it failed."""
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(result.args[:3])}: {result.stderr.strip() or f'exit status {result.returncode}'}"
        )
    return result.stdout


def output(*command: str, cwd: str | None = None) -> str:
    return checked(run(*command, cwd=cwd))
