"""`copier update --data ci=gitlab` moves a GitHub project to GitLab: the GitHub files go, GitLab's come, edits stay."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all, snapshot_template, tag
from tests.support.gitlab_pipeline import PIPELINE, RENOVATE, assert_passes_validators
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, update
from tests.support.team_work import TEAMS_README_TITLE, USER_README, USER_ROUTE
from tests.support.template_releases import append, current_release

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Switched:
    project: Path
    app_before: str  # the app module with the team's route, as committed before the switch
    app: Path
    readme: Path


@pytest.fixture(scope="module")
def switched(tmp_path_factory: pytest.TempPathFactory) -> Switched:
    """A GitHub project of the current release, with the team's route, title and notes, moved to GitLab."""
    work = tmp_path_factory.mktemp("switch")
    template = snapshot_template(work / "template")
    tag(template, current_release())
    project = copy_and_commit(template, current_release(), work / "project")
    assert (project / ".github/workflows/ci.yml").is_file(), "the project must start on GitHub"
    app = project / "src" / recorded_answers(project)["package_name"] / "app.py"
    append(app, USER_ROUTE)
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("# Example Service\n", TEAMS_README_TITLE, 1) + USER_README)
    commit_all(project, "Our own route and notes")
    app_before = app.read_text()

    update(project, ":current:", "--data", "ci=gitlab")
    return Switched(project, app_before, app, readme)


def test_the_github_files_go(switched: Switched) -> None:
    assert not (switched.project / ".github").exists()


def test_gitlabs_pipeline_and_renovate_come_and_pass_the_validators(switched: Switched) -> None:
    assert (switched.project / PIPELINE).is_file()
    assert (switched.project / RENOVATE).is_file()
    assert_passes_validators(switched.project)


def test_the_answers_record_gitlab(switched: Switched) -> None:
    assert recorded_answers(switched.project)["ci"] == "gitlab"


def test_the_teams_app_is_kept(switched: Switched) -> None:
    assert switched.app.read_text() == switched.app_before


def test_the_readme_keeps_the_teams_title_and_notes_and_speaks_of_gitlab(switched: Switched) -> None:
    readme = switched.readme.read_text()

    assert readme.startswith(TEAMS_README_TITLE)
    assert readme.endswith(USER_README)
    assert ".gitlab-ci.yml" in readme


def test_the_switch_leaves_no_conflict(switched: Switched) -> None:
    assert files_with_conflict_markers(switched.project) == []
