"""A project from 0.1.0 updates once with the extension package that 0.1.0 loads, and with stock Copier after.

The update renders the project's own release as well as the new one, so leaving 0.1.0 needs
`--with copier-template-extensions` once, as README.md says; 0.2.0 and later need nothing
but Copier. The update also carries the author's answers over to their new names.
"""

from __future__ import annotations

import pytest

from harness.answers import answers_with, recorded_answers
from harness.copier_cli import copier_cli
from harness.template_repo import commit_all, tag
from tests.support.image_repository import image_repository
from tests.support.project_updates import update
from tests.support.rendering import assert_answers_recorded, run_in
from tests.support.template_releases import append, following_minor

PAST_RELEASE = "0.1.0"
AUTHOR = {"user_name": "Ops Nöel Team", "user_email": "ops@example.com"}
NEXT_DOCKERIGNORE = "# Local notes stay out of the image.\nNOTES.md\n"


@pytest.mark.slow
def test_one_update_with_the_extension_from_0_1_0_then_stock_copier(project_from) -> None:
    past = project_from(PAST_RELEASE, **AUTHOR)
    project, path = past.path, past.releases
    newest = following_minor(path.new)
    append(path.repo / "template/.dockerignore", NEXT_DOCKERIGNORE)
    commit_all(path.repo, f"release {newest}")
    tag(path.repo, newest)
    assert {"author_name", "author_email"} <= recorded_answers(project).keys()

    # Stock Copier cannot render 0.1.0, and leaves the project as it was.
    refused = copier_cli("update", "--trust", "--defaults", f"--vcs-ref={path.new}", cwd=project)
    assert refused.returncode != 0
    assert recorded_answers(project)["_commit"] == path.old
    assert run_in(project, "git", "status", "--porcelain").stdout == ""

    past.update()

    answers = recorded_answers(project)
    assert answers["_commit"] == path.new
    assert not {"author_name", "author_email"} & answers.keys()
    assert_answers_recorded(project, answers_with(**AUTHOR))
    # The new release rendered with the carried-over name: its derived default, and unchanged files.
    assert image_repository(project) == "ghcr.io/ops-noel-team/example-service"
    pyproject = (project / "pyproject.toml").read_text()
    assert 'authors = [{ name = "Ops Nöel Team", email = "ops@example.com" }]' in pyproject
    assert "Ops Nöel Team" in (project / "LICENSE").read_text()
    assert "LICENSE" not in run_in(project, "git", "status", "--porcelain").stdout
    commit_all(project, f"Update to {path.new}")

    # From here on stock Copier is enough.
    update(project, newest)
    assert recorded_answers(project)["_commit"] == newest
    assert (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)
    assert_answers_recorded(project, answers_with(**AUTHOR))
