"""Projects from the published releases, which recorded uv_version as an answer, take the template's uv on update.

0.1.0 and 0.2.0 asked for (or recorded) uv_version, and an update replayed
it, so a project stayed on its uv for good. Now the template owns the pin: the
update renders the project's own release with the recorded answer, the new one
with the template's uv, and merges the difference; the answer is dropped. The
projects' Renovate has pinned the base image's digest and moved uv.lock
before: the update keeps both.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.options import UV_VERSION
from tests.support.past_projects import past_project
from tests.support.past_releases import UpgradePath
from tests.support.pins import BASE_DIGEST, BOT_LOCKED, renovate_moves_its_pins
from tests.support.project_updates import files_with_conflict_markers, locked_versions
from tests.support.rendering import run_in

pytestmark = pytest.mark.slow

# A uv of the project's own choosing, a minor release behind the template's.
OWN_UV = "0.11.0"
UV_LINE = "COPY --from=ghcr.io/astral-sh/uv:{} /uv "


def uv_build_bound(version: str) -> str:
    major, minor, _ = version.split(".")
    return f"<{major}.{int(minor) + 1}"


@pytest.fixture(scope="module", params=["0.1.0", "0.2.0"])
def updated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, UpgradePath]:
    release = request.param
    past = past_project(tmp_path_factory.mktemp(f"from-{release}"), release, uv_version=OWN_UV)
    project = past.path
    assert UV_LINE.format(OWN_UV) in (project / "Dockerfile").read_text(), f"{release} did not take the answer"
    renovate_moves_its_pins(project)

    past.update()
    return project, past.releases


def test_the_update_moves_the_project_to_the_templates_uv(updated: tuple[Path, UpgradePath]) -> None:
    project, releases = updated

    assert recorded_answers(project)["_commit"] == releases.new
    assert files_with_conflict_markers(project) == []
    assert UV_LINE.format(UV_VERSION) in (project / "Dockerfile").read_text()
    assert "uv_version" not in recorded_answers(project)


def test_uv_builds_bound_follows_the_templates_uv(updated: tuple[Path, UpgradePath]) -> None:
    project, _ = updated

    (requires,) = tomllib.loads((project / "pyproject.toml").read_text())["build-system"]["requires"]

    assert requires == f"uv_build>=0.7.19,{uv_build_bound(UV_VERSION)}"


def test_the_relocked_uv_lock_holds_the_cooldown(updated: tuple[Path, UpgradePath]) -> None:
    project, _ = updated

    run_in(project, "uv", "lock", "--check")

    assert 'exclude-newer-span = "P7D"' in (project / "uv.lock").read_text()


def test_the_bots_pins_are_kept(updated: tuple[Path, UpgradePath]) -> None:
    project, _ = updated
    name, version = BOT_LOCKED

    assert (project / "Dockerfile").read_text().count(f"@{BASE_DIGEST} AS ") == 2
    assert locked_versions(project)[name] == version
