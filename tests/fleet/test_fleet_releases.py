"""How far behind a recorded `_commit` is, for each form Copier records it in."""

from __future__ import annotations

import pytest
from packaging.version import Version

from fleet.releases import position

RELEASES = [Version(v) for v in ("0.1.0", "0.2.0", "0.3.0")]


@pytest.mark.parametrize(
    ("commit", "behind", "on_release"),
    [
        ("0.1.0", 2, True),
        ("0.3.0", 0, True),
        # `git describe` of a commit after a release: it lacks every release after that one.
        ("0.2.0-3-g6c7aff1", 1, False),
        # A commit before any release: a bare hash, even one of digits only.
        ("6c7aff1", 3, False),
        ("1234567", 3, False),
    ],
)
def test_releases_behind(commit: str, behind: int, on_release: bool) -> None:
    where = position(commit)

    assert (where.releases_behind(RELEASES), where.on_release) == (behind, on_release)
