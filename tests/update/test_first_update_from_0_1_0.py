"""A project from 0.1.0 updates once with the extension package that 0.1.0 loads, and with stock Copier after.

The update renders the project's own release as well as the new one, so leaving 0.1.0 needs
`--with copier-template-extensions` once, as README.md says; 0.2.0 and later need nothing
but Copier. The update also carries the author's answers over to their new names.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.answers import answers_with, recorded_answers
from harness.copier_cli import copier_cli
from harness.template_repo import commit_all, tag
from tests.support.image_repository import image_repository
from tests.support.past_projects import past_project
from tests.support.past_releases import UpgradePath
from tests.support.project_updates import update
from tests.support.rendering import assert_answers_recorded, run_in
from tests.support.template_releases import append, following_minor

PAST_RELEASE = "0.1.0"
AUTHOR = {"user_name": "Ops Nöel Team", "user_email": "ops@example.com"}
NEXT_DOCKERIGNORE = "# Local notes stay out of the image.\nNOTES.md\n"


@dataclass(frozen=True)
class FirstUpdate:
    """A project from 0.1.0 after stock Copier refused to update it and Copier with the extension did."""

    project: Path
    releases: UpgradePath
    newest: str
    refused: subprocess.CompletedProcess[str]
    left_by_the_refusal: tuple[str, str]
    status_after: str


@pytest.fixture(scope="module")
def first_update(tmp_path_factory: pytest.TempPathFactory) -> FirstUpdate:
    past = past_project(tmp_path_factory.mktemp("from-0.1.0"), PAST_RELEASE, **AUTHOR)
    project, path = past.path, past.releases
    assert {"author_name", "author_email"} <= recorded_answers(project).keys()
    newest = following_minor(path.new)
    append(path.repo / "template/.dockerignore", NEXT_DOCKERIGNORE)
    commit_all(path.repo, f"release {newest}")
    tag(path.repo, newest)

    refused = copier_cli("update", "--trust", "--defaults", f"--vcs-ref={path.new}", cwd=project)
    left = (recorded_answers(project)["_commit"], run_in(project, "git", "status", "--porcelain").stdout)
    past.update()
    status = run_in(project, "git", "status", "--porcelain").stdout
    commit_all(project, f"Update to {path.new}")
    return FirstUpdate(project, path, newest, refused, left, status)


@pytest.mark.slow
def test_stock_copier_cannot_render_0_1_0_and_leaves_the_project_as_it_was(first_update: FirstUpdate) -> None:
    assert first_update.refused.returncode != 0
    assert first_update.left_by_the_refusal == (PAST_RELEASE, "")


@pytest.mark.slow
def test_the_first_update_carries_the_authors_answers_to_their_new_names(first_update: FirstUpdate) -> None:
    answers = recorded_answers(first_update.project)

    assert answers["_commit"] == first_update.releases.new
    assert not {"author_name", "author_email"} & answers.keys()
    assert_answers_recorded(first_update.project, answers_with(**AUTHOR))


@pytest.mark.slow
def test_the_new_release_renders_with_the_carried_over_author(first_update: FirstUpdate) -> None:
    project = first_update.project
    pyproject = (project / "pyproject.toml").read_text()

    assert image_repository(project) == "ghcr.io/ops-noel-team/example-service"
    assert 'authors = [{ name = "Ops Nöel Team", email = "ops@example.com" }]' in pyproject
    assert "Ops Nöel Team" in (project / "LICENSE").read_text()
    assert "LICENSE" not in first_update.status_after


@pytest.mark.slow
def test_after_the_first_update_stock_copier_is_enough(first_update: FirstUpdate, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(first_update.project, project, symlinks=True)

    update(project, first_update.newest)

    assert recorded_answers(project)["_commit"] == first_update.newest
    assert (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)
    assert_answers_recorded(project, answers_with(**AUTHOR))
