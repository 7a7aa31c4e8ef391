"""A conflict left in any committed file fails CI's checks and the pre-commit hooks; headings underlined with = do not.

The bot commits an update that conflicts as it is, markers and all, so the
pull request must go red on them whatever the file.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from harness.answers import recorded_answers
from harness.template_repo import commit_all
from tests.support.hooks import RUNNERS, hook_result, run_hooks
from tests.support.project_updates import copy_and_commit, files_with_conflict_markers, update
from tests.support.rendering import run_in
from tests.support.template_releases import replace_once, template_releases
from tests.support.workflows import first_failing_step, run_job_steps, run_step, run_steps

DEPLOYMENT = "k8s/base/deployment.yaml"
DEPLOYMENT_TEMPLATE = "template/{% if kubernetes %}k8s{% endif %}/base/deployment.yaml.jinja"
MARKER_STEP = "No conflict markers"
MARKER_HOOK = "no conflict markers"
# As Copier leaves a conflict; git's own differ only in their labels.
CONFLICT = "<<<<<<< before updating\nours = 1\n=======\ntheirs = 2\n>>>>>>> after updating\n"
# One of each kind of file that a project keeps: Python, YAML, Markdown, the Dockerfile, dotfiles, k8s.
KINDS_OF_FILE = (
    "src/{package}/app.py",
    "compose.yaml",
    "README.md",
    "Dockerfile",
    ".dockerignore",
    ".envrc",
    DEPLOYMENT,
    ".github/workflows/ci.yml",
)
SETEXT_HEADINGS = "\nRunbook\n=======\n\nOn call\n-------\n\nThe team answers pages.\n"


def release_with_three_replicas(repo: Path, version: str) -> None:
    replace_once(repo / DEPLOYMENT_TEMPLATE, "replicas: 2", "replicas: 3")


def files_named(output: str) -> set[str]:
    """The files in `path:line:text` lines, as git grep and the hook runners print a match."""
    return set(re.findall(r"^\s*([^\s:]+):\d+:", output, re.MULTILINE))


@pytest.fixture(scope="module")
def conflicted_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project that set four replicas, with the next release's three committed in conflict, as the bot does."""
    tmp_path = tmp_path_factory.mktemp("conflicted")
    releases = template_releases(tmp_path / "template", release_with_three_replicas)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project")
    replace_once(project / DEPLOYMENT, "replicas: 2", "replicas: 4")
    commit_all(project, "Four replicas")
    update(project, releases.next, conflicts=True)
    assert files_with_conflict_markers(project) == [DEPLOYMENT]
    commit_all(project, f"Update to {releases.next}, with conflicts")
    # The hooks run the project's own tools, offline: install them once.
    run_in(project, "uv", "sync", "--locked")
    return project


@pytest.fixture
def clean_project(render) -> Path:
    project = render()
    commit_all(project, "Start from uv-docker-template")
    return project


def marker_step(project: Path) -> dict[str, Any]:
    (step,) = [step for step in run_steps(project, "checks") if step.get("name") == MARKER_STEP]
    return step


@pytest.mark.slow
def test_checks_job_stops_at_the_conflicted_update_naming_the_file(conflicted_project: Path, tmp_path: Path) -> None:
    failed = first_failing_step(conflicted_project, "checks", tmp_path)

    assert failed is not None, "every step of the checks job passed on a committed conflict"
    step, result = failed
    assert step.get("name") == MARKER_STEP
    assert result.process.stdout.splitlines() == [
        f"{DEPLOYMENT}:{number}:{line}"
        for number, line in enumerate((conflicted_project / DEPLOYMENT).read_text().splitlines(), start=1)
        if line.startswith(("<<<<<<< ", ">>>>>>> "))
    ]


@pytest.mark.slow
@pytest.mark.parametrize("runner", RUNNERS)
def test_hooks_fail_on_the_conflicted_update(conflicted_project: Path, runner: str, tmp_path: Path) -> None:
    result = run_hooks(runner, conflicted_project, tmp_path / "home")

    assert result.returncode != 0
    assert hook_result(result.stdout, MARKER_HOOK) == "Failed"
    assert files_named(result.stdout) == {DEPLOYMENT}
    assert hook_result(result.stdout, "ruff check") == "Passed", "only the markers are wrong"


def test_markers_in_every_kind_of_file_fail_the_ci_step_and_the_hook(clean_project: Path, tmp_path: Path) -> None:
    package = recorded_answers(clean_project)["package_name"]
    # Read before the workflow itself is conflicted (GitHub would not run it at all then).
    step = marker_step(clean_project)
    conflicted = [name.format(package=package) for name in KINDS_OF_FILE]
    for name in conflicted:
        path = clean_project / name
        path.write_text(path.read_text() + CONFLICT)
    commit_all(clean_project, "Conflicts everywhere")

    ci = run_step(clean_project, step, tmp_path)
    hooks = {runner: run_hooks(runner, clean_project, tmp_path / runner, "conflict-markers") for runner in RUNNERS}

    assert ci.process.returncode != 0
    assert files_named(ci.process.stdout) == set(conflicted)
    for runner, result in hooks.items():
        assert result.returncode != 0, runner
        assert files_named(result.stdout) == set(conflicted), runner


def test_headings_underlined_with_equals_signs_pass_the_ci_step_and_the_hook(
    clean_project: Path, tmp_path: Path
) -> None:
    readme = clean_project / "README.md"
    readme.write_text(readme.read_text() + SETEXT_HEADINGS)
    commit_all(clean_project, "A runbook section")

    ci = run_step(clean_project, marker_step(clean_project), tmp_path)
    hooks = {runner: run_hooks(runner, clean_project, tmp_path / runner, "conflict-markers") for runner in RUNNERS}

    assert ci.process.returncode == 0, ci.process.stdout
    for runner, result in hooks.items():
        assert result.returncode == 0, f"{runner}:\n{result.stdout}"
        assert hook_result(result.stdout, MARKER_HOOK) == "Passed", runner


def test_the_ci_step_the_hook_and_the_update_bots_advice_search_for_the_same_lines(clean_project: Path) -> None:
    *command, ci_pattern = shlex.split(marker_step(clean_project)["run"])
    config = yaml.safe_load((clean_project / ".pre-commit-config.yaml").read_text())
    (hook,) = [hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "conflict-markers"]
    script = (clean_project / "scripts/update-from-template.py").read_text()

    assert command == ["!", "git", "grep", "-nIE"]
    assert (hook["language"], hook["entry"]) == ("pygrep", ci_pattern)
    assert re.findall(r'^MARKER_PATTERN = "(.*)"$', script, re.MULTILINE) == [ci_pattern]


@pytest.mark.slow
def test_a_clean_project_passes_every_step_of_the_checks_job(clean_project: Path, tmp_path: Path) -> None:
    results = run_job_steps(clean_project, "checks", tmp_path)

    assert len(results) == len(run_steps(clean_project, "checks"))
