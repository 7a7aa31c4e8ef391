"""`copier update --data ci=gitlab` moves a GitHub project to GitLab: the GitHub files go, GitLab's come, edits stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all, snapshot_template, tag
from tests.support.gitlab_pipeline import PIPELINE, RENOVATE, assert_passes_validators
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, update
from tests.support.team_work import TEAMS_README_TITLE, USER_README, USER_ROUTE
from tests.support.template_releases import append, current_release


@pytest.mark.slow
def test_switching_ci_to_gitlab_replaces_the_github_files_and_keeps_the_projects_edits(tmp_path: Path) -> None:
    template = snapshot_template(tmp_path / "template")
    tag(template, current_release())
    project = copy_and_commit(template, current_release(), tmp_path / "project")
    assert (project / ".github/workflows/ci.yml").is_file()
    app = project / "src" / recorded_answers(project)["package_name"] / "app.py"
    append(app, USER_ROUTE)
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("# Example Service\n", TEAMS_README_TITLE, 1) + USER_README)
    commit_all(project, "Our own route and notes")
    app_before = app.read_text()

    update(project, ":current:", "--data", "ci=gitlab")

    assert not (project / ".github").exists()
    assert (project / PIPELINE).is_file()
    assert (project / RENOVATE).is_file()
    assert_passes_validators(project)
    assert recorded_answers(project)["ci"] == "gitlab"
    assert app.read_text() == app_before
    assert readme.read_text().startswith(TEAMS_README_TITLE)
    assert readme.read_text().endswith(USER_README)
    assert ".gitlab-ci.yml" in readme.read_text()
    assert files_with_conflict_markers(project) == []
