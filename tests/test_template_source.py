"""A template copied from a relative path: the copy says that updates need another path, and how to give it."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support.project_updates import update
from tests.support.rendering import answers_with, copier_cli, data_args
from tests.support.template_releases import NEXT_DOCKERIGNORE, release_ignoring_env_files, template_releases
from tests.support.template_repo import commit_all


def test_relative_template_path_is_flagged_and_the_advice_makes_updates_work(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    relative = os.path.relpath(releases.repo, tmp_path)

    copied = copier_cli(
        "copy", "--trust", "--defaults", f"--vcs-ref={releases.current}", *data_args(answers_with()),
        relative, "project", cwd=tmp_path,
    )  # fmt: skip

    assert copied.returncode == 0, copied.stderr
    message = " ".join(copied.stderr.split())
    assert f"the template's path, {relative}, is relative" in message
    project = tmp_path / "project"
    commit_all(project, "Start from uv-docker-template")
    failed = copier_cli("update", "--trust", "--defaults", cwd=project)
    assert failed.returncode != 0
    assert "Updating is only supported in git-tracked templates" in failed.stderr

    # The advice: record the absolute path instead.
    answers = project / ".copier-answers.yml"
    answers.write_text(answers.read_text().replace(f"_src_path: {relative}\n", f"_src_path: {releases.repo}\n"))
    commit_all(project, "Record the template's absolute path")
    update(project, releases.next)
    assert (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)


def test_absolute_template_path_gets_no_warning(tmp_path: Path, template_snapshot: Path) -> None:
    copied = copier_cli(
        "copy", "--trust", "--defaults", "--vcs-ref=HEAD", *data_args(answers_with()),
        str(template_snapshot), str(tmp_path / "project"),
    )  # fmt: skip

    assert copied.returncode == 0, copied.stderr
    assert "is relative" not in copied.stderr
