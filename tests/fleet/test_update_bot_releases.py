"""Which release the bot updates to, and with which Copier.

A project copied from a commit between releases records a commit, not a
release; Copier's own check (`copier check-update`) still knows it is behind.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.paths import REPO_ROOT
from tests.support.project_updates import locked_versions
from tests.support.small_template import (
    RELEASES,
    SCRIPT,
    SmallTemplate,
    bot_body,
    changelog_note,
    copy_small,
    isolated_environment,
    ran,
    run_bot,
    small_template,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SmallTemplate:
    return small_template(tmp_path_factory.mktemp("small-template"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("commit", "releases_quoted"),
    [("before_any_release", RELEASES), ("between_releases", RELEASES[1:])],
)
def test_a_project_on_a_commit_between_releases_updates_to_the_newest_and_quotes_what_it_missed(
    commit: str, releases_quoted: tuple[str, ...], template: SmallTemplate, tmp_path: Path
) -> None:
    env = isolated_environment(tmp_path)
    project = copy_small(str(template.repo), tmp_path / "project", getattr(template, commit), env)
    assert recorded_answers(project)["_commit"] not in RELEASES, "the copy records a commit, not a release"

    result = run_bot(project, tmp_path, env)

    assert result.process.returncode == 0, ran(result.process)
    assert result.outputs["updated"] == "true"
    assert recorded_answers(project)["_commit"] == RELEASES[-1]
    body = bot_body(tmp_path)
    assert [version for version in RELEASES if changelog_note(version) in body] == list(releases_quoted)


def test_the_bots_copier_is_the_one_the_template_locks() -> None:
    default = runpy.run_path(str(REPO_ROOT / "template" / SCRIPT))["DEFAULT_COPIER"]

    assert default == f"uvx copier=={locked_versions(REPO_ROOT)['copier']}"
