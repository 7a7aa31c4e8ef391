"""Published releases of the template, rebuilt from this repository's history.

Users' projects record the release they came from, so updates must work from
every earlier release, not only from one a test writes. A release is a tag
named by its version; where the tags were not fetched (a plain CI clone), the
history still holds it: a release is the last commit whose CHANGELOG.md names
it as the newest, i.e. the parent of the commit that first names a newer one.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import Version

from harness.answers import answers_with
from harness.options import COPIER_CONFIG
from harness.paths import REPO_ROOT
from harness.template_repo import commit_all, git, snapshot_template, tag

from .template_releases import RELEASE_HEADING, current_release

RENAME_ANSWER = "hooks/migrations/rename-answer.py"


@dataclass(frozen=True)
class UpgradePath:
    """A throwaway template repo in which `old` and `new` are tags."""

    repo: Path
    old: str
    new: str


def newest_release_in(changelog: str) -> Version | None:
    versions = [Version(v) for v in RELEASE_HEADING.findall(changelog)]
    return max(versions, default=None)


def previous_release() -> str:
    """The newest published release: the one before the release in progress that CHANGELOG.md opens with."""
    current = Version(current_release())
    versions = [Version(v) for v in RELEASE_HEADING.findall((REPO_ROOT / "CHANGELOG.md").read_text())]
    return str(max(v for v in versions if v < current))


def release_commit(version: str) -> str:
    """The commit of a published release: its tag, or else where the history says it ended."""
    tagged = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{version}^{{commit}}"],
        cwd=REPO_ROOT,
        text=True,
        capture_output=True,
    )
    if tagged.returncode == 0:
        return tagged.stdout.strip()
    return release_commit_from_history(version)


def release_commit_from_history(version: str) -> str:
    if git(REPO_ROOT, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise LookupError(f"release {version} has no tag and this clone is shallow: fetch the tags or the history")
    wanted = Version(version)
    changes = git(REPO_ROOT, "log", "--reverse", "--first-parent", "--format=%H", "HEAD", "--", "CHANGELOG.md")
    for commit in changes.split():
        newest = newest_release_in(git(REPO_ROOT, "show", f"{commit}:CHANGELOG.md"))
        if newest is not None and newest > wanted:
            return git(REPO_ROOT, "rev-parse", f"{commit}^").strip()
    raise LookupError(f"no commit names a release newer than {version}: it is the newest, not a past release")


def write_tree_of(commit: str, destination: Path) -> None:
    """Lay out the files of `commit` in `destination`, as a clone of that release would have them."""
    archive = subprocess.run(["git", "archive", commit], cwd=REPO_ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="tar")


def upgrade_path(destination: Path, old: str) -> UpgradePath:
    """Tag the published release `old` and, after it, the working tree as the current release."""
    destination.mkdir(parents=True, exist_ok=True)
    write_tree_of(release_commit(old), destination)
    commit_all(destination, f"release {old}")
    tag(destination, old)
    # Start the new release from an empty tree, so that files it dropped are gone.
    git(destination, "rm", "-rq", ".")
    new = current_release()
    snapshot_template(destination)
    tag(destination, new)
    return UpgradePath(destination, old, new)


def renamed_questions(since: str) -> list[tuple[str, str]]:
    """(old, new) names of the questions that releases after `since` renamed, as copier.yml's migrations say."""
    migrations = COPIER_CONFIG["_migrations"]
    return [
        (step["command"][-2], step["command"][-1])
        for step in migrations
        if RENAME_ANSWER in " ".join(step["command"]) and Version(step["version"]) > Version(since)
    ]


def answers_at(release: str, **overrides: Any) -> dict[str, Any]:
    """The base answers with `overrides`, under the question names that `release` had."""
    answers = answers_with(**overrides)
    for old, new in reversed(renamed_questions(release)):
        if new in answers:
            answers[old] = answers.pop(new)
    return answers
