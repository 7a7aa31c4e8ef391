"""The generated "Template update" workflow: its update step, run as the workflow runs it, across two releases.

The step (scripts/update-from-template.py) does everything but the pull
request: the tests give it a template repo with two tagged releases, and read
what it leaves for the pull request step, which GitHub alone can run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all
from tests.support.bot_release import NEXT_DEPENDENCY, NEXT_NOTE, PATCH_NOTE, next_release
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, locked_versions
from tests.support.rendering import run_in
from tests.support.team_work import TEAMS_README_TITLE
from tests.support.template_releases import (
    Releases,
    following_patch,
    release_ignoring_env_files,
    template_releases,
)
from tests.support.workflows import (
    PINNED_USES,
    UPDATE_WORKFLOW,
    StepResult,
    load_workflow,
    run_step,
    run_steps,
    uses_lines,
)


@pytest.fixture
def project(releases: Releases, tmp_path: Path) -> Path:
    return copy_and_commit(releases.repo, releases.current, tmp_path / "project")


def update_step(project: Path) -> dict[str, Any]:
    (step,) = [step for step in run_steps(project, "update", UPDATE_WORKFLOW) if step.get("id") == "update"]
    return step


def run_update_step(project: Path, tmp_path: Path) -> StepResult:
    """The workflow's update step, with the test environment's Copier; it must succeed, conflicts or not."""
    result = run_step(project, update_step(project), tmp_path, RUNNER_TEMP=str(tmp_path), COPIER="copier")
    assert result.process.returncode == 0, f"{result.process.stdout}\n{result.process.stderr}"
    return result


def pull_request_body(tmp_path: Path) -> str:
    return (tmp_path / "template-update.md").read_text()


def unmerged_entries(project: Path) -> str:
    return run_in(project, "git", "ls-files", "--unmerged").stdout


@dataclass(frozen=True)
class CleanUpdate:
    releases: Releases
    project: Path
    result: StepResult
    body: str


@pytest.fixture(scope="module")
def clean_update(tmp_path_factory: pytest.TempPathFactory) -> CleanUpdate:
    """A project of the current release, with no edits of its own, after the update step brought the next one."""
    work = tmp_path_factory.mktemp("clean-update")
    releases = template_releases(work / "template", next_release)
    project = copy_and_commit(releases.repo, releases.current, work / "project")
    runner_temp = work / "runner-temp"
    runner_temp.mkdir()
    result = run_update_step(project, runner_temp)
    return CleanUpdate(releases, project, result, pull_request_body(runner_temp))


@pytest.mark.slow
def test_a_clean_update_asks_for_a_pull_request_titled_by_both_releases(clean_update: CleanUpdate) -> None:
    releases = clean_update.releases

    assert clean_update.result.outputs == {
        "updated": "true",
        "conflicts": "false",
        "title": f"Update from template {releases.current} to {releases.next}",
        "labels": "template-update",
    }


@pytest.mark.slow
def test_a_clean_update_records_the_new_release(clean_update: CleanUpdate) -> None:
    assert recorded_answers(clean_update.project)["_commit"] == clean_update.releases.next


@pytest.mark.slow
def test_the_body_quotes_the_changelog_of_the_releases_between(clean_update: CleanUpdate) -> None:
    releases, body = clean_update.releases, clean_update.body

    assert f"**{releases.current}** to **{releases.next}**" in body
    assert f"### {releases.next}\n\n{NEXT_NOTE}" in body
    assert f"### {following_patch(releases.current)}\n\n{PATCH_NOTE}" in body
    assert f"### {releases.current}" not in body, "the old release's own entries are not news"


@pytest.mark.slow
def test_the_body_of_a_clean_update_says_no_conflicts(clean_update: CleanUpdate) -> None:
    assert "[!WARNING]" not in clean_update.body
    assert "No conflicts." in clean_update.body


@pytest.mark.slow
def test_a_clean_update_relocks_against_the_new_dependency(clean_update: CleanUpdate) -> None:
    assert NEXT_DEPENDENCY in locked_versions(clean_update.project)
    run_in(clean_update.project, "uv", "lock", "--check")


@pytest.mark.slow
def test_a_clean_update_leaves_no_conflict(clean_update: CleanUpdate) -> None:
    assert files_with_conflict_markers(clean_update.project) == []
    assert unmerged_entries(clean_update.project) == ""


def team_adds(project: Path, *requirements: str) -> None:
    run_in(project, "uv", "add", "--no-sync", *requirements)
    commit_all(project, "The team's dependencies")


@pytest.mark.slow
def test_the_body_lists_the_packages_whose_locked_version_changed(project: Path, tmp_path: Path) -> None:
    run_update_step(project, tmp_path)

    body = pull_request_body(tmp_path)
    assert "`uv.lock` is relocked against the merged `pyproject.toml`:" in body
    assert f"- added `{NEXT_DEPENDENCY}` {locked_versions(project)[NEXT_DEPENDENCY]}\n" in body


@pytest.mark.slow
def test_the_body_carries_the_dependency_merge_report(project: Path, tmp_path: Path) -> None:
    # The team's line goes where the template's new one does: the line merge conflicts, the merge by package does not.
    team_adds(project, "httpx>=0.27")

    result = run_update_step(project, tmp_path)

    assert result.outputs["conflicts"] == "false"
    body = pull_request_body(tmp_path)
    assert "Merged the dependency lists of pyproject.toml by package:" in body
    assert "    [project] dependencies: kept your httpx>=0.27\n" in body
    assert f"    [project] dependencies: took the template's {NEXT_DEPENDENCY}\n" in body


@pytest.mark.slow
def test_a_dependency_conflict_is_reported_and_the_body_says_uv_lock_waits(project: Path, tmp_path: Path) -> None:
    team_adds(project, f"{NEXT_DEPENDENCY}>=1.0")
    lock_before = (project / "uv.lock").read_text()

    result = run_update_step(project, tmp_path)

    assert result.outputs["conflicts"] == "true"
    body = pull_request_body(tmp_path)
    assert f"yours {NEXT_DEPENDENCY}>=1.0, the template's {NEXT_DEPENDENCY}" in body
    assert "`uv.lock` is not relocked: resolve `pyproject.toml`, then `uv lock`." in body
    assert "relocked against" not in body
    assert (project / "uv.lock").read_text() == lock_before


@pytest.mark.slow
def test_an_update_that_moves_no_locked_package_says_uv_lock_is_unchanged(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project")

    run_update_step(project, tmp_path)

    body = pull_request_body(tmp_path)
    assert "`uv.lock` is unchanged." in body
    assert "relocked" not in body


@pytest.mark.slow
def test_a_conflicting_update_is_proposed_marked_with_a_clean_index_and_the_files_named(
    releases: Releases, project: Path, tmp_path: Path
) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("# Example Service\n", TEAMS_README_TITLE, 1))
    commit_all(project, "Our own title")

    result = run_update_step(project, tmp_path)

    assert result.outputs["updated"] == "true"
    assert result.outputs["conflicts"] == "true"
    assert result.outputs["title"] == f"[conflicts] Update from template {releases.current} to {releases.next}"
    assert result.outputs["labels"].split(",") == ["template-update", "template-update-conflicts"]
    assert files_with_conflict_markers(project) == ["README.md"]
    body = pull_request_body(tmp_path)
    assert "> - `README.md`" in body
    assert f"### {releases.next}\n\n{NEXT_NOTE}" in body
    # The index holds no unmerged entries: the pull request step can commit the result as it is.
    assert unmerged_entries(project) == ""
    run_in(project, "git", "add", "-A")
    commit_all(project, "Update with conflicts")
    assert recorded_answers(project)["_commit"] == releases.next


@pytest.mark.slow
def test_at_the_newest_release_the_step_changes_nothing_and_says_so(project: Path, tmp_path: Path) -> None:
    run_update_step(project, tmp_path)
    commit_all(project, "Update from template")
    (tmp_path / "template-update.md").unlink()

    result = run_update_step(project, tmp_path)

    assert result.outputs == {"updated": "false", "conflicts": "false", "title": "", "labels": ""}
    assert run_in(project, "git", "status", "--porcelain").stdout == ""
    assert not (tmp_path / "template-update.md").exists()


@pytest.mark.slow
def test_a_failed_update_fails_the_step_and_proposes_nothing(releases: Releases, project: Path, tmp_path: Path) -> None:
    # Copier refuses to update a tree with untracked files, before changing anything.
    (project / "notes.txt").write_text("not committed\n")

    result = run_step(project, update_step(project), tmp_path, RUNNER_TEMP=str(tmp_path), COPIER="copier")

    assert result.process.returncode != 0
    assert f"copier update to {releases.next} failed" in result.process.stderr
    assert result.outputs == {}
    assert not (tmp_path / "template-update.md").exists()


@pytest.fixture(scope="module")
def default_project(render_session) -> Path:
    return render_session()


@pytest.fixture(scope="module")
def workflow(default_project: Path) -> dict[str, Any]:
    return load_workflow(default_project, UPDATE_WORKFLOW)


def pull_request_step(workflow: dict[str, Any]) -> dict[str, Any]:
    return next(step for step in workflow["jobs"]["update"]["steps"] if "create-pull-request" in step.get("uses", ""))


def test_the_workflow_runs_on_a_schedule_and_on_demand(workflow: dict[str, Any]) -> None:
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}


def test_the_update_step_writes_the_body_where_the_pull_request_step_reads_it(
    default_project: Path, workflow: dict[str, Any]
) -> None:
    assert update_step(default_project)["run"] == (
        'python3 scripts/update-from-template.py "$RUNNER_TEMP/template-update.md"'
    )
    assert pull_request_step(workflow)["with"]["body-path"] == "${{ runner.temp }}/template-update.md"


def test_the_pull_request_step_runs_only_after_an_update(workflow: dict[str, Any]) -> None:
    assert pull_request_step(workflow)["if"] == "steps.update.outputs.updated == 'true'"


def test_the_pull_request_takes_its_title_and_labels_from_the_update_step(workflow: dict[str, Any]) -> None:
    settings = pull_request_step(workflow)["with"]
    title = "${{ steps.update.outputs.title }}"

    assert settings["branch"] == "template-update"
    assert settings["title"] == settings["commit-message"] == title
    assert settings["labels"] == "${{ steps.update.outputs.labels }}"


def test_only_the_update_job_may_write_and_only_contents_and_pull_requests(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["update"]["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_no_checkout_keeps_its_credentials(workflow: dict[str, Any]) -> None:
    checkouts = [step for step in workflow["jobs"]["update"]["steps"] if "checkout" in step.get("uses", "")]

    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_every_action_is_pinned_by_commit(default_project: Path) -> None:
    uses = uses_lines(default_project, UPDATE_WORKFLOW)

    assert len(uses) == 3
    assert [line for line in uses if not PINNED_USES.match(line)] == []


def test_the_update_step_alone_gets_the_template_read_token_through_its_environment(
    default_project: Path, workflow: dict[str, Any]
) -> None:
    steps = workflow["jobs"]["update"]["steps"]

    assert update_step(default_project)["env"] == {"TEMPLATE_READ_TOKEN": "${{ secrets.TEMPLATE_READ_TOKEN }}"}
    assert [step for step in steps if "TEMPLATE_READ_TOKEN" in str(step)] == [update_step(default_project)]


@pytest.mark.slow
def test_stdout_carries_only_the_outputs_whatever_the_template_prints(project: Path, tmp_path: Path) -> None:
    """A CI other than GitHub's reads the name=value lines from stdout; the merge report has `=` in it too."""
    team_adds(project, "httpx>=0.27")

    result = run_update_step(project, tmp_path)

    assert [line.split("=", 1)[0] for line in result.process.stdout.splitlines()] == list(result.outputs)
