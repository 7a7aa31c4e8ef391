"""A committed project generated from a published release, with the way up to the working tree at hand.

The template repo that holds it tags the release and, after it, the working tree as the
current release (past_releases.upgrade_path); `update()` runs `copier update` to the
current release with the Copier that the project's release needs.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.copier_cli import COPIER

from .copier_installs import COPIER_WITH_EXTENSION
from .past_releases import UpgradePath, answers_at, upgrade_path
from .project_updates import copy_and_commit, update

# 0.1.0's copier.yml loads a Jinja extension, so a project from it needs the package until its first update.
NEEDS_EXTENSION = {"0.1.0"}


@dataclass(frozen=True)
class PastProject:
    path: Path
    releases: UpgradePath
    copier: Sequence[str]

    def update(self, *options: str, conflicts: bool = False) -> subprocess.CompletedProcess[str]:
        """`copier update` to the current release (the working tree)."""
        return update(self.path, self.releases.new, *options, conflicts=conflicts, copier=self.copier)


def copier_for(release: str) -> Sequence[str]:
    return COPIER_WITH_EXTENSION if release in NEEDS_EXTENSION else COPIER


def past_project(destination: Path, release: str, **answers: Any) -> PastProject:
    """Generate and commit a project at `release` from the base answers with `answers`, under its question names."""
    releases = upgrade_path(destination / "template", release)
    copier = copier_for(release)
    project = copy_and_commit(
        releases.repo, release, destination / "project", copier=copier, answers=answers_at(release, **answers)
    )
    return PastProject(project, releases, copier)
