"""Two tagged releases of the template in a throwaway repo: today's, and a next one that a test writes.

The current release is the newest version in CHANGELOG.md, so the real
migrations of earlier releases never run in these tests; the next one is the
following minor version, and only the edits a test makes go into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from harness.paths import REPO_ROOT
from harness.template_repo import commit_all, snapshot_template, tag

RELEASE_HEADING = re.compile(r"^## (\d\S*)", re.MULTILINE)


def current_release() -> str:
    """The newest release that CHANGELOG.md describes."""
    versions = [Version(v) for v in RELEASE_HEADING.findall((REPO_ROOT / "CHANGELOG.md").read_text())]
    assert versions, "CHANGELOG.md names no release (## X.Y.Z headings)"
    return str(max(versions))


def following_minor(version: str) -> str:
    major, minor = Version(version).release[:2]
    return f"{major}.{minor + 1}.0"


def following_patch(version: str) -> str:
    major, minor, patch = Version(version).release[:3]
    return f"{major}.{minor}.{patch + 1}"


@dataclass(frozen=True)
class Releases:
    repo: Path
    current: str
    next: str


def template_releases(destination: Path, make_next: Callable[[Path, str], None]) -> Releases:
    """Tag the template as it is now; `make_next(repo, version)` edits the repo into the next release."""
    current = current_release()
    following = following_minor(current)
    repo = snapshot_template(destination)
    tag(repo, current)
    make_next(repo, following)
    commit_all(repo, f"release {following}")
    tag(repo, following)
    return Releases(repo, current, following)


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a file of the template; fail loudly if it no longer reads as the test expects."""
    text = path.read_text()
    assert text.count(old) == 1, f"{path.name}: expected exactly one {old!r}; has the template changed?"
    path.write_text(text.replace(old, new))


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


# A next release that changes one merged file: enough for an update to have something to bring.
NEXT_DOCKERIGNORE = "# Local settings and secrets stay out of the image.\n.env\n"


def release_ignoring_env_files(repo: Path, version: str) -> None:
    append(repo / "template/.dockerignore", NEXT_DOCKERIGNORE)


def add_template_dependency(pyproject_template: Path, requirement: str) -> None:
    """A release's new dependency: one more line at the end of the template's `dependencies`."""
    text = pyproject_template.read_text()
    end = text.index("\n]", text.index("\ndependencies = [\n"))
    pyproject_template.write_text(f'{text[:end]}\n    "{requirement}",{text[end:]}')
