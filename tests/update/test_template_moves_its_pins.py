"""A release that moves the template's pins updates, without a conflict, a project whose Renovate moved its own.

The project's bot has pinned the base image by digest in the Dockerfile and
moved a package in uv.lock; the next release moves uv (and with it uv_build's
bound) and an action's SHA in both workflows. Each side's lines are its own, so
the merge takes both, and the update keeps the bot's.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.options import DEFAULT_BASE_IMAGE, UV_VERSION
from tests.support.pins import BASE_DIGEST, BOT_LOCKED, renovate_moves_its_pins
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, locked_versions, update
from tests.support.rendering import run_in
from tests.support.template_releases import Releases, replace_once, template_releases
from tests.support.workflows import UPDATE_WORKFLOW, WORKFLOW

pytestmark = pytest.mark.slow

NEXT_UV = "0.14.0"
SETUP_UV = "astral-sh/setup-uv@"
# A commit of the action's next release, as the template's maintainers would pin it.
NEXT_SETUP_UV = f"{SETUP_UV}{'1' * 40} # v11.0.0"


def setup_uv_line(path: Path) -> str:
    (line,) = [line for line in path.read_text().splitlines() if SETUP_UV in line]
    return line.split("uses: ")[1]


def release_moving_uv_and_an_action(repo: Path, version: str) -> None:
    replace_once(repo / "copier.yml", f'default: "{UV_VERSION}"', f'default: "{NEXT_UV}"')
    workflows = repo / "template/{% if ci == 'github' %}.github{% endif %}/workflows"
    for workflow in (workflows / "ci.yml.jinja", workflows / "template-update.yml"):
        replace_once(workflow, setup_uv_line(workflow), NEXT_SETUP_UV)


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Releases]:
    tmp = tmp_path_factory.mktemp("pins")
    releases = template_releases(tmp / "template", release_moving_uv_and_an_action)
    project = copy_and_commit(releases.repo, releases.current, tmp / "project")
    renovate_moves_its_pins(project)

    update(project, releases.next)
    return project, releases


def test_the_update_leaves_no_conflict(updated: tuple[Path, Releases]) -> None:
    project, releases = updated

    assert recorded_answers(project)["_commit"] == releases.next
    assert files_with_conflict_markers(project) == []


def test_uv_moves_to_the_releases_and_is_not_recorded(updated: tuple[Path, Releases]) -> None:
    project, _ = updated

    assert f"COPY --from=ghcr.io/astral-sh/uv:{NEXT_UV} /uv " in (project / "Dockerfile").read_text()
    assert "uv_version" not in recorded_answers(project)


def test_uv_builds_bound_moves_with_uv(updated: tuple[Path, Releases]) -> None:
    project, _ = updated

    requires = tomllib.loads((project / "pyproject.toml").read_text())["build-system"]["requires"]

    assert requires == ["uv_build>=0.7.19,<0.15"]


@pytest.mark.parametrize("workflow", [WORKFLOW, UPDATE_WORKFLOW], ids=["ci", "template-update"])
def test_the_action_moves_to_the_releases_pin(updated: tuple[Path, Releases], workflow: Path) -> None:
    project, _ = updated

    assert setup_uv_line(project / workflow) == NEXT_SETUP_UV


def test_the_bots_base_image_digests_are_kept(updated: tuple[Path, Releases]) -> None:
    project, _ = updated

    assert (project / "Dockerfile").read_text().count(f"FROM {DEFAULT_BASE_IMAGE.name}@{BASE_DIGEST} AS ") == 2


def test_the_bots_lock_is_kept_and_current(updated: tuple[Path, Releases]) -> None:
    project, _ = updated
    name, version = BOT_LOCKED

    run_in(project, "uv", "lock", "--check")

    assert locked_versions(project)[name] == version
