"""CONTRIBUTING.md's "Release the template": its commands publish both `main` and the release tag."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from harness.paths import CONTRIBUTING
from harness.template_repo import commit_all, git
from tests.support.markdown import shell_blocks

RELEASE = "9.9.9"


def readme_release_commands() -> str:
    blocks = shell_blocks(CONTRIBUTING.read_text(), "Release the template")
    return next(block for block in blocks if "git tag" in block)


def test_the_release_commands_push_main_and_the_tag_of_its_commit(tmp_path: Path) -> None:
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", str(server))
    clone = tmp_path / "template"
    clone.mkdir()
    (clone / "CHANGELOG.md").write_text("## 9.9.8\n")
    commit_all(clone, "release 9.9.8")
    git(clone, "remote", "add", "origin", str(server))
    git(clone, "push", "-q", "origin", "main")
    (clone / "CHANGELOG.md").write_text(f"## {RELEASE}\n\n## 9.9.8\n")
    release_commit = commit_all(clone, f"release {RELEASE}")
    # The tag is annotated: git asks who tags, as it does for a commit.
    identity = {"GIT_COMMITTER_NAME": "Template Tests", "GIT_COMMITTER_EMAIL": "template-tests@example.com"}

    released = subprocess.run(
        ["sh", "-eu", "-c", readme_release_commands().replace("X.Y.Z", RELEASE)],
        cwd=clone,
        env={**os.environ, **identity},
        text=True,
        capture_output=True,
    )

    assert released.returncode == 0, released.stderr
    assert git(server, "rev-parse", "refs/heads/main").strip() == release_commit
    assert git(server, "rev-parse", f"refs/tags/{RELEASE}^{{commit}}").strip() == release_commit
    assert git(server, "cat-file", "-t", f"refs/tags/{RELEASE}").strip() == "tag"
