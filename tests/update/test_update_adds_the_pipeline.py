"""`copier update` from 0.1.0 brings the CI pipeline, the hooks and mypy into a project, and keeps the team's work."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.answers import answers_with, recorded_answers
from harness.template_repo import commit_all
from tests.support.image_repository import image_repository
from tests.support.project_updates import files_with_conflict_markers
from tests.support.rendering import assert_answers_recorded
from tests.support.team_work import USER_README, USER_ROUTE
from tests.support.template_releases import append
from tests.support.workflows import (
    UPDATE_WORKFLOW,
    WORKFLOW,
    assert_passes_validators,
    run_job_steps,
    run_step,
    run_steps,
)

RELEASE_WITHOUT_CI = "0.1.0"
NEW_FILES = (
    str(WORKFLOW),
    str(UPDATE_WORKFLOW),
    ".github/renovate.json",
    ".pre-commit-config.yaml",
    "scripts/smoke-test.sh",
    "scripts/update-from-template.py",
)


@pytest.mark.slow
def test_update_from_the_release_without_ci_adds_the_pipeline(project_from, tmp_path: Path) -> None:
    past = project_from(RELEASE_WITHOUT_CI)
    project = past.path
    assert not any((project / name).exists() for name in NEW_FILES)
    app = project / "src" / recorded_answers(project)["package_name"] / "app.py"
    append(app, USER_ROUTE)
    append(project / "README.md", USER_README)
    commit_all(project, "Our own route and notes")
    app_before = app.read_text()

    past.update()

    for name in NEW_FILES:
        assert (project / name).is_file(), f"the update did not add {name}"
    assert app.read_text() == app_before, "the update changed the project's own code"
    assert (project / "README.md").read_text().endswith(USER_README)
    assert files_with_conflict_markers(project) == []
    answers = recorded_answers(project)
    assert_answers_recorded(project, answers_with(ci="github"))
    assert image_repository(project) == "ghcr.io/example-team/example-service"
    assert answers["_commit"] == past.releases.new
    # The new pipeline works on the updated project, the team's route included.
    assert_passes_validators(project)
    run_job_steps(project, "checks", tmp_path)
    # So does the update bot, which finds the project at the newest release.
    (bot,) = [step for step in run_steps(project, "update", UPDATE_WORKFLOW) if step.get("id") == "update"]
    assert run_step(project, bot, tmp_path, RUNNER_TEMP=str(tmp_path)).outputs["updated"] == "false"
