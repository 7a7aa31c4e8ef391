"""Where a project's template lives: each location form that README.md lists copies, updates and runs the bot.

A small template is served over HTTP on loopback; git's `url.<base>.insteadOf`,
given through the environment, sends github.com, gitlab.com and
git.example.com there, and a stand-in for ssh serves `git@` locations from the
same directory. Forms that Copier cannot read are refused by the bot up front,
with the form to write instead.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.paths import REPO_ROOT
from harness.template_repo import commit_all
from tests.support.git_http_server import GitHost, serve_git
from tests.support.small_template import (
    RELEASES,
    SCRIPT,
    SmallTemplate,
    copy_small,
    git_config_environment,
    isolated_environment,
    publish,
    ran,
    run_bot,
    small_template,
    update_small,
)

HOSTS = ("https://github.com/", "https://gitlab.com/", "https://git.example.com/")
# Each form, written as a user writes it; {root} is the served directory, {clone} a local clone.
LOCATIONS = {
    "gh": "gh:org/tpl",
    "gl": "gl:org/tpl",
    "https": "https://git.example.com/org/tpl.git",
    "git+https": "git+https://git.example.com/org/tpl",
    "ssh": "git@git.example.com:org/tpl.git",
    "file": "file://{root}/org/tpl.git",
    "git+file": "git+file://{root}/org/tpl",
    "path": "{clone}",
}
# The forms Copier cannot read, and the one the bot names instead.
REFUSED = {
    "https://git.example.com/org/tpl": "git+https://git.example.com/org/tpl",
    "file:///srv/templates/tpl": "git+file:///srv/templates/tpl",
    "ssh://git@git.example.com/org/tpl": "git+ssh://git@git.example.com/org/tpl",
}
FAKE_SSH = """#!/bin/sh
# Stands in for ssh: runs the command that git asks of the remote (the last argument) in the served directory.
for command; do :; done
cd '{root}' && exec sh -c "$command"
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SmallTemplate:
    return small_template(tmp_path_factory.mktemp("small-template"))


@pytest.fixture(scope="module")
def host(template: SmallTemplate, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitHost]:
    root = tmp_path_factory.mktemp("git-host")
    publish(template.repo, root / "org/tpl.git")
    with serve_git(root) as served:
        yield served


@pytest.fixture(scope="module")
def fake_ssh(host: GitHost, tmp_path_factory: pytest.TempPathFactory) -> Path:
    script = tmp_path_factory.mktemp("ssh") / "ssh"
    script.write_text(FAKE_SSH.format(root=host.root))
    script.chmod(0o755)
    return script


@pytest.fixture
def env(host: GitHost, fake_ssh: Path, tmp_path: Path) -> dict[str, str]:
    """Every git host of LOCATIONS answered from loopback, through environment settings only."""
    rewrites = [(f"url.{host.base_url}.insteadOf", base) for base in HOSTS]
    return isolated_environment(tmp_path, GIT_SSH_COMMAND=str(fake_ssh), **git_config_environment(*rewrites))


@pytest.mark.slow
@pytest.mark.parametrize("form", LOCATIONS)
def test_a_location_form_copies_updates_and_runs_the_bot(
    form: str, template: SmallTemplate, host: GitHost, env: dict[str, str], tmp_path: Path
) -> None:
    src = LOCATIONS[form].format(root=host.root, clone=template.repo)
    project = copy_small(src, tmp_path / "project", RELEASES[0], env)
    update_small(project, RELEASES[1], env)

    result = run_bot(project, tmp_path, env)

    assert result.process.returncode == 0, ran(result.process)
    assert result.outputs["updated"] == "true"
    answers = recorded_answers(project)
    assert (answers["_src_path"], answers["_commit"]) == (src, RELEASES[2])


@pytest.mark.parametrize("src", REFUSED)
def test_the_bot_refuses_a_location_copier_cannot_read_and_names_the_form_to_use(src: str, tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project/.copier-answers.yml").write_text(f"_commit: 0.1.0\n_src_path: {src}\n")
    (tmp_path / "project/scripts").mkdir()
    shutil.copy2(REPO_ROOT / "template" / SCRIPT, tmp_path / "project" / SCRIPT)

    result = run_bot(tmp_path / "project", tmp_path, isolated_environment(tmp_path))

    assert result.process.returncode != 0
    assert REFUSED[src] in result.process.stderr
    assert result.outputs == {}


@pytest.fixture
def moved(template: SmallTemplate, tmp_path: Path) -> Iterator[tuple[Path, GitHost]]:
    """A project copied from org/tpl, whose template then moved to platform/tpl on the same host."""
    root = tmp_path / "moving-host"
    publish(template.repo, root / "org/tpl.git")
    with serve_git(root) as served:
        env = isolated_environment(tmp_path)
        project = copy_small(served.url("org/tpl.git"), tmp_path / "project", RELEASES[1], env)
        (root / "platform").mkdir()
        (root / "org/tpl.git").rename(root / "platform/tpl.git")
        yield project, served


def test_after_the_template_moved_the_bot_says_to_point_src_path_at_it(
    moved: tuple[Path, GitHost], tmp_path: Path
) -> None:
    project, _ = moved

    result = run_bot(project, tmp_path, isolated_environment(tmp_path))

    assert result.process.returncode != 0
    assert "set _src_path in .copier-answers.yml to its new location" in result.process.stderr


@pytest.mark.slow
def test_a_moved_template_updates_once_src_path_names_its_new_location(
    moved: tuple[Path, GitHost], tmp_path: Path
) -> None:
    project, host = moved
    new_location = host.url("platform/tpl.git")
    # README's procedure: the new location in a commit of its own, then the update.
    answers = project / ".copier-answers.yml"
    answers.write_text(re.sub(r"(?m)^_src_path: .*$", f"_src_path: {new_location}", answers.read_text()))
    commit_all(project, "The template moved")

    result = run_bot(project, tmp_path, isolated_environment(tmp_path))

    assert result.process.returncode == 0, ran(result.process)
    answers = recorded_answers(project)
    assert (answers["_src_path"], answers["_commit"]) == (new_location, RELEASES[2])
