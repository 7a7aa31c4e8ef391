"""Copier as users install it from the package index, each in an environment of its own.

The suite's own `copier` (the dev group's) is stock Copier too; these pin another
release, or add the extension package that projects from 0.1.0 need once. Each is a
command prefix for harness.copier_cli.
"""

from __future__ import annotations

from harness.paths import REPO_ROOT

from .project_updates import locked_versions

# The suite's own Copier, as this repository's uv.lock pins it.
LOCKED_COPIER = locked_versions(REPO_ROOT)["copier"]
# What 0.1.0's copier.yml loads (`_jinja_extensions`); README.md's first update from 0.1.0 adds it.
EXTENSION_PACKAGE = "copier-template-extensions"


def copier_from_index(version: str = LOCKED_COPIER, *with_packages: str) -> tuple[str, ...]:
    """`uvx --from copier==VERSION [--with PACKAGE...] copier`: that Copier and its own dependencies only."""
    extras = [arg for package in with_packages for arg in ("--with", package)]
    return ("uvx", "--from", f"copier=={version}", *extras, "copier")


COPIER_WITH_EXTENSION = copier_from_index(LOCKED_COPIER, EXTENSION_PACKAGE)
