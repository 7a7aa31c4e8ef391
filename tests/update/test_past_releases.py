"""Past releases are found in the history even where their tags were not fetched."""

from __future__ import annotations

from pathlib import Path

from packaging.version import Version

from harness.paths import REPO_ROOT
from harness.template_repo import git
from tests.support.past_releases import (
    newest_release_in,
    previous_release,
    release_commit,
    release_commit_from_history,
    upgrade_path,
)
from tests.support.template_releases import current_release

FIRST_RELEASE = "0.1.0"


def changelog_at(commit: str) -> str:
    return git(REPO_ROOT, "show", f"{commit}:CHANGELOG.md")


def test_a_release_found_in_the_history_is_its_last_commit() -> None:
    """The commit names the release as its newest, and the next commit on main names a newer one."""
    commit = release_commit_from_history(FIRST_RELEASE)
    following = git(REPO_ROOT, "rev-list", "--first-parent", "--reverse", f"{commit}..HEAD").split()[0]

    assert newest_release_in(changelog_at(commit)) == Version(FIRST_RELEASE)
    assert newest_release_in(changelog_at(following)) > Version(FIRST_RELEASE)
    assert release_commit(FIRST_RELEASE) == commit, "a tag, where fetched, must agree with the history"


def test_upgrade_path_tags_the_past_release_and_the_working_tree(tmp_path: Path) -> None:
    path = upgrade_path(tmp_path / "template", FIRST_RELEASE)

    assert (path.old, path.new) == (FIRST_RELEASE, current_release())
    assert newest_release_in(git(path.repo, "show", f"{path.old}:CHANGELOG.md")) == Version(FIRST_RELEASE)
    assert git(path.repo, "show", f"{path.new}:CHANGELOG.md") == (REPO_ROOT / "CHANGELOG.md").read_text()
    assert git(path.repo, "status", "--porcelain") == ""


def test_the_previous_release_is_the_newest_one_published() -> None:
    """The release just before the one in progress: its commit names it as the newest, and nothing newer."""
    previous = previous_release()
    commit = release_commit(previous)
    following = git(REPO_ROOT, "rev-list", "--first-parent", "--reverse", f"{commit}..HEAD").split()[0]

    assert newest_release_in(changelog_at(commit)) == Version(previous)
    assert newest_release_in(changelog_at(following)) == Version(current_release())
