"""Copier's command line, run as a user's shell runs it."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COPIER = ("copier",)


def copier_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, copier: Sequence[str] = COPIER
) -> subprocess.CompletedProcess[str]:
    """Run `copier` (by default the one found on PATH, env's if given) with `args`."""
    return subprocess.run([*copier, *args], cwd=cwd, env=env, text=True, capture_output=True)


def data_args(answers: dict[str, Any]) -> list[str]:
    return [arg for name, value in answers.items() for arg in ("-d", f"{name}={value}")]


def copy_template(
    template: Path | str,
    destination: Path | str,
    answers: dict[str, Any],
    *options: str,
    ref: str = "HEAD",
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    copier: Sequence[str] = COPIER,
) -> subprocess.CompletedProcess[str]:
    """`copier copy` of the template repository at `ref`: `answers` as `-d`, every other question's default."""
    return copier_cli(
        "copy",
        "--trust",
        "--defaults",
        f"--vcs-ref={ref}",
        *options,
        *data_args(answers),
        str(template),
        str(destination),
        cwd=cwd,
        env=env,
        copier=copier,
    )
