"""Copier as users install it from the package index, each in an environment of its own.

The suite's own `copier` (the dev group's) is stock Copier too; these pin another
release, or add the extension package that projects from 0.1.0 need once.
"""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

from .rendering import TEMPLATE_DIR

Copier = Callable[..., subprocess.CompletedProcess[str]]

LOCKED_COPIER = next(
    package["version"]
    for package in tomllib.loads((TEMPLATE_DIR / "uv.lock").read_text())["package"]
    if package["name"] == "copier"
)
# What 0.1.0's copier.yml loads (`_jinja_extensions`); README.md's first update from 0.1.0 adds it.
EXTENSION_PACKAGE = "copier-template-extensions"


def copier_from_index(version: str = LOCKED_COPIER, *, with_packages: tuple[str, ...] = ()) -> Copier:
    """`uvx --from copier==VERSION [--with PACKAGE...] copier ...`: that Copier and its own dependencies only."""
    extras = [arg for package in with_packages for arg in ("--with", package)]

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        command = ["uvx", "--from", f"copier=={version}", *extras, "copier", *args]
        return subprocess.run(command, cwd=cwd, env=env, text=True, capture_output=True)

    return run


copier_with_extension = copier_from_index(with_packages=(EXTENSION_PACKAGE,))
