"""Renovate's copier manager, allowed to run scripts, updates a project exactly as the README's command does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.copier_cli import copier_cli
from harness.template_repo import commit_all
from tests.support.project_updates import copy_and_commit, update
from tests.support.team_work import USER_README
from tests.support.template_releases import NEXT_DOCKERIGNORE, append, release_ignoring_env_files, template_releases


def tree(project: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }


@pytest.mark.slow
def test_renovates_copier_command_gives_the_same_project_as_the_readmes(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    by_readme = copy_and_commit(releases.repo, releases.current, tmp_path / "by-readme")
    append(by_readme / "README.md", USER_README)
    commit_all(by_readme, "Our own notes")
    by_renovate = tmp_path / "by-renovate"
    shutil.copytree(by_readme, by_renovate, symlinks=True)

    update(by_readme, releases.next)
    # As Renovate's copier manager runs it when the bot may run scripts (ignoreScripts: false).
    renovate = copier_cli(
        "update", "--skip-answered", "--defaults", "--trust",
        "--answers-file", ".copier-answers.yml", "--vcs-ref", releases.next,
        cwd=by_renovate,
    )  # fmt: skip

    assert renovate.returncode == 0, renovate.stderr
    assert recorded_answers(by_renovate)["_commit"] == releases.next
    assert (by_renovate / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)
    assert (by_renovate / "README.md").read_text().endswith(USER_README)
    assert tree(by_renovate) == tree(by_readme)
