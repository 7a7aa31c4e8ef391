"""The GitLab pipeline's scheduled template-update job, its script as read from .gitlab-ci.yml, across two releases.

The update script does the update; the job's own lines push the branch and open
or update the merge request through GitLab's API, here a recording curl.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all, git
from tests.support.bot_release import NEXT_NOTE
from tests.support.fake_gh import FakeGh, fake_gh
from tests.support.gitlab_pipeline import job_script, load_pipeline, run_job
from tests.support.project_updates import copy_and_commit
from tests.support.rendering import run_in
from tests.support.team_work import TEAMS_README_TITLE
from tests.support.template_releases import Releases

API = "https://gitlab.example.com/api/v4/projects/42/merge_requests"
OPEN_MERGE_REQUESTS = f"{API}?state=opened&source_branch=template-update&target_branch=main"


@pytest.fixture
def project(releases: Releases, tmp_path: Path) -> Path:
    return copy_and_commit(releases.repo, releases.current, tmp_path / "project", ci="gitlab")


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """The project's repository on the GitLab server, where the job pushes its branch."""
    remote = tmp_path / "server" / "example-team" / "example-service.git"
    remote.mkdir(parents=True)
    git(remote, "init", "--quiet", "--bare")
    return remote


def run_update_job(project: Path, remote: Path, calls: Path, open_merge_requests: str = "[]") -> FakeGh:
    """The job's script, with the test environment's Copier and a curl that records what it would send."""
    curl = fake_gh(calls, {_get_arguments(): (0, open_merge_requests, "")}, command="curl")
    run_job(
        project,
        "template-update",
        PATH=f"{curl.directory / 'bin'}:{os.environ['PATH']}",
        COPIER="copier",
        CI_SERVER_URL=f"file://{remote.parent.parent}",
        TEMPLATE_UPDATE_TOKEN="project-access-token",
    )
    return curl


def _get_arguments() -> str:
    token = "PRIVATE-TOKEN: project-access-token"
    return f"--silent --show-error --fail --header {token} {OPEN_MERGE_REQUESTS}"


def sent(curl: FakeGh) -> tuple[list[str], dict[str, object]]:
    """The call that wrote the merge request, and the JSON it sent."""
    (call,) = [call for call in curl.calls if "--request" in call]
    data = call[call.index("--data") + 1].removeprefix("@")
    return call, json.loads(Path(data).read_text())


def pushed_branch_commit(remote: Path, path: str) -> str:
    return run_in(remote, "git", "show", f"template-update:{path}").stdout


@pytest.mark.slow
def test_a_clean_update_opens_a_merge_request_with_the_title_labels_and_body(
    releases: Releases, project: Path, remote: Path, tmp_path: Path
) -> None:
    curl = run_update_job(project, remote, tmp_path / "curl")

    call, request = sent(curl)
    title = f"Update from template {releases.current} to {releases.next}"
    assert call[call.index("--request") + 1] == "POST"
    assert call[-1] == API
    assert request["title"] == title
    assert request["labels"] == "template-update"
    assert (request["source_branch"], request["target_branch"]) == ("template-update", "main")
    assert f"### {releases.next}\n\n{NEXT_NOTE}" in str(request["description"])
    assert "No conflicts." in str(request["description"])
    assert f"_commit: {releases.next}" in pushed_branch_commit(remote, ".copier-answers.yml")
    assert run_in(remote, "git", "log", "-1", "--format=%s", "template-update").stdout.strip() == title


@pytest.mark.slow
def test_a_conflicted_update_updates_the_open_merge_request_and_says_so(
    releases: Releases, project: Path, remote: Path, tmp_path: Path
) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("# Example Service\n", TEAMS_README_TITLE, 1))
    commit_all(project, "Our own title")

    curl = run_update_job(project, remote, tmp_path / "curl", open_merge_requests='[{"iid": 7}]')

    call, request = sent(curl)
    assert call[call.index("--request") + 1] == "PUT"
    assert call[-1] == f"{API}/7"
    assert request["title"] == f"[conflicts] Update from template {releases.current} to {releases.next}"
    assert request["labels"] == "template-update,template-update-conflicts"
    assert "> - `README.md`" in str(request["description"])
    assert "<<<<<<<" in pushed_branch_commit(remote, "README.md")


@pytest.mark.slow
def test_at_the_newest_release_the_job_pushes_and_sends_nothing(
    releases: Releases, project: Path, remote: Path, tmp_path: Path
) -> None:
    run_update_job(project, remote, tmp_path / "first-run")
    git(project, "checkout", "--quiet", "-")
    git(project, "merge", "--quiet", "template-update")

    curl = run_update_job(project, remote, tmp_path / "curl")

    assert curl.calls == []
    assert recorded_answers(project)["_commit"] == releases.next


def test_only_a_schedule_with_template_update_runs_it_and_nothing_else_runs_then(render) -> None:
    pipeline = load_pipeline(render(ci="gitlab"))
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}

    assert pipeline["template-update"]["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $TEMPLATE_UPDATE == "true"'}
    ]
    assert pipeline["template-update"]["variables"] == {"TEMPLATE_READ_USER": "oauth2"}
    for name in set(jobs) - {"template-update", "publish"}:
        assert pipeline[".pipeline"] in [pipeline[parent] for parent in _parents(jobs[name])], name
    assert pipeline[".pipeline"]["rules"][0] == {"if": '$TEMPLATE_UPDATE == "true"', "when": "never"}
    assert pipeline["publish"]["rules"][0]["when"] == "never"
    assert '$CI_PIPELINE_SOURCE == "schedule"' in pipeline["publish"]["rules"][0]["if"]
    assert "scripts/update-from-template.py" in job_script(render(ci="gitlab"), "template-update")[0]


def _parents(job: dict[str, object]) -> list[str]:
    extends = job.get("extends", [])
    return [extends] if isinstance(extends, str) else list(extends)  # type: ignore[arg-type]
