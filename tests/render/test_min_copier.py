"""The oldest Copier that copier.yml accepts (`_min_copier_version`) runs every command the README gives.

It comes from the package index, as `uvx` gets it for users, in an environment of its own that holds
Copier and nothing else; everything else is local.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from harness.answers import answers_with, recorded_answers
from harness.copier_cli import copier_cli, copy_template
from harness.options import COPIER_CONFIG
from harness.template_repo import commit_all
from tests.support.copier_installs import copier_from_index
from tests.support.rendering import assert_answers_recorded
from tests.support.template_releases import NEXT_DOCKERIGNORE, release_ignoring_env_files, template_releases

MIN_COPIER = COPIER_CONFIG["_min_copier_version"]


# The README's `uvx copier ...`, with Copier held at the minimum: Copier alone, no other package.
OLDEST_COPIER = copier_from_index(MIN_COPIER)


def oldest_copier(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return copier_cli(*args, cwd=cwd, copier=OLDEST_COPIER)


@pytest.mark.slow
def test_the_oldest_copier_allowed_copies_checks_and_updates(tmp_path: Path) -> None:
    assert oldest_copier("--version").stdout.split()[-1] == MIN_COPIER
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    project = tmp_path / "project"
    answers = answers_with()

    copied = copy_template(releases.repo, project, answers, ref=releases.current, copier=OLDEST_COPIER)

    assert copied.returncode == 0, copied.stderr
    assert_answers_recorded(project, answers)
    # The questions that are not asked are recorded all the same.
    assert {"python_version", "dockerfile_syntax"} <= set(recorded_answers(project))
    assert (project / "uv.lock").is_file()
    commit_all(project, "Start from uv-docker-template")

    check = oldest_copier("check-update", "--output-format", "json", cwd=project)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["latest_version"] == releases.next

    updated = oldest_copier("update", "--trust", "--defaults", cwd=project)
    assert updated.returncode == 0, updated.stderr
    assert recorded_answers(project)["_commit"] == releases.next
    assert (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)
    assert_answers_recorded(project, answers)
