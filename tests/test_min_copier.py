"""The oldest Copier that copier.yml accepts (`_min_copier_version`) runs every command the README gives.

It comes from the package index, as `uvx` gets it for users, in an environment of its own that holds
Copier and nothing else; everything else is local.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.support.copier_installs import copier_from_index
from tests.support.rendering import TEMPLATE_DIR, answers_with, assert_answers_recorded, data_args, recorded_answers
from tests.support.template_releases import template_releases
from tests.support.template_repo import commit_all
from tests.test_update import NEXT_DOCKERIGNORE, release_ignoring_env_files

MIN_COPIER = yaml.safe_load((TEMPLATE_DIR / "copier.yml").read_text())["_min_copier_version"]


# The README's `uvx copier ...`, with Copier held at the minimum: Copier alone, no other package.
oldest_copier = copier_from_index(MIN_COPIER)


@pytest.mark.slow
def test_the_oldest_copier_allowed_copies_checks_and_updates(tmp_path: Path) -> None:
    assert oldest_copier("--version").stdout.split()[-1] == MIN_COPIER
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    project = tmp_path / "project"
    answers = answers_with()

    copied = oldest_copier(
        "copy", "--trust", "--defaults", f"--vcs-ref={releases.current}", *data_args(answers),
        str(releases.repo), str(project),
    )  # fmt: skip

    assert copied.returncode == 0, copied.stderr
    assert_answers_recorded(project, answers)
    # The questions that are not asked are recorded all the same.
    assert {"python_version", "uv_version", "dockerfile_syntax"} <= set(recorded_answers(project))
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
