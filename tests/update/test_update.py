"""`copier update` brings a new template release into a project and keeps the project's own work.

Each test tags the template as it is now (the newest release in CHANGELOG.md),
writes the next release itself in a throwaway copy, and updates a project
across the two, through Copier's command line.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.answers import answers_with, recorded_answers
from harness.options import BASE_IMAGES, DEFAULT_BASE_IMAGE
from harness.paths import REPO_ROOT
from harness.template_repo import commit_all
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, locked_versions, update
from tests.support.rendering import assert_answers_recorded, run_in
from tests.support.team_work import USER_README, USER_ROUTE
from tests.support.template_releases import (
    NEXT_DOCKERIGNORE,
    Releases,
    add_template_dependency,
    append,
    release_ignoring_env_files,
    replace_once,
    template_releases,
)

RENAME_ANSWER = REPO_ROOT / "hooks/migrations/rename-answer.py"

# What the next release changes in files that are merged ...
NEXT_DEPENDENCY = "werkzeug>=3.1"
NEXT_DOCKERFILE_LINE = 'LABEL org.opencontainers.image.title="{{ project_name }}"\n'
# ... and in files that the project owns, which must not reach it.
NEXT_APP_ROUTE = '\n\n@app.get("/readyz")\ndef readyz() -> dict[str, str]:\n    return {"status": "ready"}\n'

# What the project's team changes after generating it.
USER_ROUTE_TEST = (
    "\n\ndef test_team_names_the_owners(client: FlaskClient) -> None:\n"
    '    assert client.get("/team").json == {"team": "payments"}\n'
)
USER_DOCKERFILE_LABEL = 'LABEL org.opencontainers.image.vendor="Payments Team"\n'
USER_DEPENDENCY = "python-dotenv"
# A pin held back in uv.lock only: an update must not move it.
USER_LOCK_PIN = ("flask", "3.1.0")


def dependencies(project: Path) -> list[str]:
    return tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]


def release_touching_merged_and_owned_files(repo: Path, version: str) -> None:
    template = repo / "template"
    append(template / ".dockerignore", NEXT_DOCKERIGNORE)
    add_template_dependency(template / "pyproject.toml.jinja", NEXT_DEPENDENCY)
    append(template / "Dockerfile.jinja", NEXT_DOCKERFILE_LINE)
    append(template / "src/{{ package_name }}/app.py.jinja", NEXT_APP_ROUTE)


def make_the_teams_changes(project: Path, package: str) -> None:
    append(project / f"src/{package}/app.py", USER_ROUTE)
    append(project / "tests/test_app.py", USER_ROUTE_TEST)
    append(project / "README.md", USER_README)
    dockerfile = project / "Dockerfile"
    tweaked, count = re.subn(r"(?m)^(FROM \S+ AS runtime\n)", rf"\1{USER_DOCKERFILE_LABEL}", dockerfile.read_text())
    assert count == 1, "the Dockerfile has no runtime stage to label"
    dockerfile.write_text(tweaked)
    run_in(project, "uv", "add", "--no-sync", USER_DEPENDENCY)
    name, version = USER_LOCK_PIN
    run_in(project, "uv", "lock", "--upgrade-package", f"{name}=={version}")
    commit_all(project, "Our own route, dependency, notes and label")


@dataclass(frozen=True)
class Updated:
    """A project with the team's work, updated across one release; what it held before, to compare."""

    project: Path
    releases: Releases
    owned: dict[str, str]
    pins: dict[str, str]


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> Updated:
    tmp = tmp_path_factory.mktemp("update")
    releases = template_releases(tmp / "template", release_touching_merged_and_owned_files)
    project = copy_and_commit(releases.repo, releases.current, tmp / "project")
    package = recorded_answers(project)["package_name"]
    make_the_teams_changes(project, package)
    owned = {path: (project / path).read_text() for path in (f"src/{package}/app.py", "tests/test_app.py")}
    pins = locked_versions(project)
    assert pins[USER_LOCK_PIN[0]] == USER_LOCK_PIN[1]

    update(project, releases.next)
    return Updated(project, releases, owned, pins)


@pytest.mark.slow
def test_the_release_reaches_the_files_the_template_keeps(updated: Updated) -> None:
    project = updated.project

    assert (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)
    assert NEXT_DEPENDENCY in dependencies(project)
    assert (project / "Dockerfile").read_text().endswith('LABEL org.opencontainers.image.title="Example Service"\n')


@pytest.mark.slow
def test_the_teams_edits_to_merged_files_stay(updated: Updated) -> None:
    project = updated.project

    assert USER_DOCKERFILE_LABEL in (project / "Dockerfile").read_text()
    assert (project / "README.md").read_text().endswith(USER_README)
    assert any(requirement.startswith(USER_DEPENDENCY) for requirement in dependencies(project))


@pytest.mark.slow
def test_the_files_the_project_owns_are_untouched(updated: Updated) -> None:
    for path, text in updated.owned.items():
        assert (updated.project / path).read_text() == text, f"{path} belongs to the project; the update changed it"


@pytest.mark.slow
def test_the_lock_keeps_the_teams_pins_and_agrees_with_pyproject(updated: Updated) -> None:
    locked = locked_versions(updated.project)

    assert USER_DEPENDENCY in locked
    assert {name: locked.get(name) for name in updated.pins} == updated.pins, "the update moved pins in uv.lock"
    run_in(updated.project, "uv", "lock", "--check")


@pytest.mark.slow
def test_the_update_leaves_nothing_to_resolve(updated: Updated) -> None:
    assert files_with_conflict_markers(updated.project) == []


@pytest.mark.slow
def test_the_new_release_is_recorded_with_the_answers_kept(updated: Updated) -> None:
    assert recorded_answers(updated.project)["_commit"] == updated.releases.next
    assert_answers_recorded(updated.project, answers_with())


@pytest.mark.slow
def test_the_updated_project_passes_its_tests_with_the_teams_route(updated: Updated) -> None:
    run_in(updated.project, "uv", "run", "--locked", "pytest")
    # Named, so that it fails (exit 4) if the team's test is not there any more.
    run_in(updated.project, "uv", "run", "--locked", "pytest", "tests/test_app.py::test_team_names_the_owners")


def release_raising_the_ruff_floor(repo: Path, version: str) -> None:
    replace_once(repo / "template/pyproject.toml.jinja", '"ruff>=0.8",', '"ruff>=0.11",')


def project_raising_the_ruff_floor_too(tmp_path: Path) -> tuple[Path, str]:
    """A project whose team raised the same line as the next release: (project, next release)."""
    releases = template_releases(tmp_path / "template", release_raising_the_ruff_floor)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project")
    run_in(project, "uv", "add", "--no-sync", "--dev", "ruff>=0.9")
    commit_all(project, "Require a newer ruff")
    return project, releases.next


@pytest.mark.slow
def test_conflicting_edit_keeps_both_sides_marked_and_says_so(tmp_path: Path) -> None:
    project, next_release = project_raising_the_ruff_floor_too(tmp_path)
    lock_before = (project / "uv.lock").read_text()

    result = update(project, next_release, conflicts=True)

    conflict = '<<<<<<< before updating\n    "ruff>=0.9",\n=======\n    "ruff>=0.11",\n>>>>>>> after updating\n'
    assert conflict in (project / "pyproject.toml").read_text(), "both sides must be kept, the project's first"
    assert files_with_conflict_markers(project) == ["pyproject.toml"]
    assert "the update conflicts with your changes in these files:\n    pyproject.toml\n" in result.stderr
    assert "git diff --check" in result.stderr
    assert run_in(project, "git", "diff", "--name-only", "--diff-filter=U").stdout == "pyproject.toml\n"
    # uv cannot read the conflicted file, so the lock waits for the resolution.
    assert "uv.lock was left as it was" in result.stderr
    assert (project / "uv.lock").read_text() == lock_before
    # git lists the file as unmerged, as after a `git merge`, and finds the markers.
    assert "UU pyproject.toml" in run_in(project, "git", "status", "--porcelain").stdout.splitlines()
    assert recorded_answers(project)["_commit"] == next_release


@pytest.mark.slow
def test_rejected_hunks_fail_the_update_too(tmp_path: Path) -> None:
    project, next_release = project_raising_the_ruff_floor_too(tmp_path)

    result = update(project, next_release, "--conflict", "rej", conflicts=True)

    assert files_with_conflict_markers(project) == ["pyproject.toml.rej"]
    rejected = run_in(project, "git", "ls-files", "--others", "--exclude-standard", "*.rej").stdout
    assert rejected == "pyproject.toml.rej\n"
    assert "the update conflicts with your changes in these files:\n    pyproject.toml.rej\n" in result.stderr


@pytest.mark.slow
def test_update_to_the_same_release_changes_nothing(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project")

    update(project, releases.current)

    assert run_in(project, "git", "status", "--porcelain").stdout == ""
    assert recorded_answers(project)["_commit"] == releases.current


@pytest.mark.slow
def test_update_with_data_changes_one_answer_and_stays_on_the_release(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project")

    update(project, ":current:", "--data", "description=Pays the invoices")

    assert_answers_recorded(project, answers_with(description="Pays the invoices"))
    assert recorded_answers(project)["_commit"] == releases.current
    assert tomllib.loads((project / "pyproject.toml").read_text())["project"]["description"] == "Pays the invoices"
    assert "\nPays the invoices\n" in (project / "README.md").read_text()
    assert not (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE), "took the next release"
    run_in(project, "uv", "lock", "--check")


@pytest.mark.slow
def test_answers_to_questions_not_asked_replay_and_python_follows_the_base_image(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    not_asked = {"dockerfile_syntax": ""}
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project", **not_asked)

    update(project, releases.next)

    assert_answers_recorded(project, answers_with(**not_asked))
    assert not (project / "Dockerfile").read_text().startswith("# syntax=")
    commit_all(project, f"Update to uv-docker-template {releases.next}")

    # python_version is not asked: a new base image brings its own.
    other = next(base for base in BASE_IMAGES.values() if base != DEFAULT_BASE_IMAGE)
    update(project, ":current:", "--data", f"base_image={other.name}")

    assert_answers_recorded(project, answers_with(**not_asked, base_image=other.name, python_version=other.python))
    assert (project / ".python-version").read_text().strip() == other.python


# A question that a release renames, with an answer that differs from its default.
OLD_QUESTION, NEW_QUESTION = "dockerfile_syntax", "dockerfile_frontend"
PINNED_FRONTEND = "docker/dockerfile:1.9"


def rename_question(repo: Path, version: str) -> None:
    for path in [repo / "copier.yml", *(repo / "macros").rglob("*"), *(repo / "template").rglob("*")]:
        if path.is_file() and OLD_QUESTION in path.read_text():
            path.write_text(path.read_text().replace(OLD_QUESTION, NEW_QUESTION))
    migration = (
        "_migrations:\n"
        f'  - version: "{version}"\n'
        "    when: \"{{ _stage == 'before' }}\"\n"
        "    command:\n"
        '      - "{{ _copier_python }}"\n'
        '      - "{{ _copier_conf.src_path }}/hooks/migrations/rename-answer.py"\n'
        '      - "{{ _copier_conf.answers_file }}"\n'
        f"      - {OLD_QUESTION}\n"
        f"      - {NEW_QUESTION}\n"
    )
    replace_once(repo / "copier.yml", "_migrations:\n", migration)


def project_across_a_renamed_question(tmp_path: Path) -> tuple[Path, str]:
    releases = template_releases(tmp_path / "template", rename_question)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project", **{OLD_QUESTION: PINNED_FRONTEND})
    return project, releases.next


@pytest.mark.slow
def test_migration_carries_the_answer_of_a_renamed_question(tmp_path: Path) -> None:
    project, next_release = project_across_a_renamed_question(tmp_path)

    result = update(project, next_release)

    assert f"Renamed the answer {OLD_QUESTION} to {NEW_QUESTION}" in result.stdout
    answers = recorded_answers(project)
    assert OLD_QUESTION not in answers
    assert answers[NEW_QUESTION] == PINNED_FRONTEND
    assert answers["_commit"] == next_release
    assert_answers_recorded(project, answers_with())
    assert (project / "Dockerfile").read_text().splitlines()[0] == f"# syntax={PINNED_FRONTEND}"
    # The rename changes what is recorded and nothing that is rendered.
    assert run_in(project, "git", "status", "--porcelain").stdout == " M .copier-answers.yml\n"
    assert files_with_conflict_markers(project) == []


ANSWERS = "# Changes here will be overwritten by Copier\n_commit: 0.1.0\nold_name: kept value\nother: 1\n"


def rename_answer(answers_file: Path, old: str, new: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RENAME_ANSWER), str(answers_file), old, new], text=True, capture_output=True
    )


def test_rename_answer_changes_only_the_key_and_only_once(tmp_path: Path) -> None:
    answers_file = tmp_path / ".copier-answers.yml"
    answers_file.write_text(ANSWERS)

    first = rename_answer(answers_file, "old_name", "new_name")
    second = rename_answer(answers_file, "old_name", "new_name")

    assert first.returncode == second.returncode == 0
    assert answers_file.read_text() == ANSWERS.replace("old_name:", "new_name:")


def test_rename_answer_refuses_to_overwrite_an_answer(tmp_path: Path) -> None:
    answers_file = tmp_path / ".copier-answers.yml"
    answers_file.write_text(ANSWERS + "new_name: other value\n")

    result = rename_answer(answers_file, "old_name", "new_name")

    assert result.returncode != 0
    assert "has both old_name and new_name" in result.stderr
    assert answers_file.read_text() == ANSWERS + "new_name: other value\n"
