"""The template's releases, and how far a service's recorded `_commit` is behind the newest one.

A release is a tag named by its PEP 440 version (pre-releases aside, as Copier
skips them too). Copier records a copy from an untagged commit as `git describe`
names it: `0.2.0-3-gabc1234` (three commits after 0.2.0), or a bare hash when no
release comes before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from .commands import output

DESCRIBED = re.compile(r"(?P<release>.+)-(?P<distance>\d+)-g(?P<hash>[0-9a-f]+)")


@dataclass(frozen=True)
class Position:
    """Where a service is: on a release, or on an untagged commit after `follows` (None: before any release)."""

    commit: str
    follows: Version | None
    on_release: bool

    def releases_behind(self, releases: list[Version]) -> int:
        """The releases the service lacks: those after the one it is on or follows; all of them after none."""
        return sum(1 for release in releases if self.follows is None or release > self.follows)


def as_version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def position(commit: str) -> Position:
    """Read `_commit` as Copier writes it."""
    release = as_version(commit)
    if release is not None and not re.fullmatch(r"[0-9a-f]{7,40}", commit):
        return Position(commit, release, on_release=True)
    described = DESCRIBED.fullmatch(commit)
    follows = as_version(described["release"]) if described else None
    return Position(commit, follows, on_release=False)


def published_releases(template: str) -> list[Version]:
    """The release tags of the template at `template` (any location `git ls-remote` takes), oldest first."""
    listing = output("git", "ls-remote", "--tags", "--refs", template)
    tags = (line.split("\trefs/tags/", 1)[1] for line in listing.splitlines() if "\trefs/tags/" in line)
    versions = (as_version(tag) for tag in tags)
    return sorted(version for version in versions if version is not None and not version.is_prerelease)
