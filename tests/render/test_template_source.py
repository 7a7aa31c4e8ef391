"""A template copied from a relative path: the copy says that updates need another path, and how to give it."""

from __future__ import annotations

import os
from pathlib import Path

from harness.answers import answers_with
from harness.copier_cli import copier_cli, copy_template
from harness.template_repo import commit_all
from tests.support.project_updates import update
from tests.support.template_releases import NEXT_DOCKERIGNORE, release_ignoring_env_files, template_releases


def test_relative_template_path_is_flagged_and_the_advice_makes_updates_work(tmp_path: Path) -> None:
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    relative = os.path.relpath(releases.repo, tmp_path)

    copied = copy_template(relative, "project", answers_with(), ref=releases.current, cwd=tmp_path)

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
    copied = copy_template(template_snapshot, tmp_path / "project", answers_with())

    assert copied.returncode == 0, copied.stderr
    assert "is relative" not in copied.stderr
