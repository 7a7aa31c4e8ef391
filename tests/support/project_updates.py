"""Copy a project at one release and update it to another, through Copier's command line as users do."""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness.answers import answers_with
from harness.copier_cli import COPIER, copier_cli, copy_template
from harness.template_repo import commit_all

from .rendering import assert_answers_recorded, run_in

CONFLICT_MARKERS = ("<<<<<<< ", ">>>>>>> ")


def copy_and_commit(
    template: Path,
    ref: str,
    destination: Path,
    *,
    copier: Sequence[str] = COPIER,
    answers: dict[str, Any] | None = None,
    **overrides: Any,
) -> Path:
    """Generate a project at `ref` and commit it, as the template's README says to.

    The answers are the base answers with `overrides`, unless given whole (as a past release names them).
    """
    answers = answers_with(**overrides) if answers is None else answers
    result = copy_template(template, destination, answers, ref=ref, copier=copier)
    assert result.returncode == 0, f"copier copy failed:\n{result.stderr}"
    assert_answers_recorded(destination, answers)
    commit_all(destination, "Start from uv-docker-template")
    return destination


def update(
    project: Path, ref: str, *options: str, conflicts: bool = False, copier: Sequence[str] = COPIER
) -> subprocess.CompletedProcess[str]:
    """`copier update` to `ref`, keeping the recorded answers; it must fail exactly when it leaves conflicts."""
    result = copier_cli("update", "--trust", "--defaults", f"--vcs-ref={ref}", *options, cwd=project, copier=copier)
    outcome = f"copier update to {ref} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert (result.returncode != 0) == conflicts, outcome
    return result


def files_with_conflict_markers(project: Path) -> list[str]:
    """Tracked files with a line that opens or closes a conflict, plus any rejected-hunk files."""
    # An unmerged file is listed once per stage.
    tracked = dict.fromkeys(run_in(project, "git", "ls-files", "-z").stdout.split("\0"))
    untracked = run_in(project, "git", "ls-files", "--others", "-z", "--", "*.rej").stdout.split("\0")
    marked = [
        name
        for name in filter(None, tracked)
        if (project / name).is_file()
        and any(line.startswith(CONFLICT_MARKERS) for line in (project / name).read_text().splitlines())
    ]
    return marked + [name for name in untracked if name]


def locked_versions(project: Path) -> dict[str, str]:
    """Package name to version, as uv.lock pins them."""
    lock = tomllib.loads((project / "uv.lock").read_text())
    return {package["name"]: package["version"] for package in lock["package"]}
