"""The generated pre-commit configuration runs under both pre-commit and prek, with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all
from tests.support.hooks import RUNNERS, run_hooks
from tests.support.rendering import run_in

HOOKS = ("no conflict markers", "uv.lock matches pyproject.toml", "ruff check", "ruff format", "mypy", "hadolint")


@pytest.fixture
def committed_project(render) -> Path:
    project = render()
    # The hooks run the project's own tools; `uv sync` installs them once, online.
    run_in(project, "uv", "sync", "--locked")
    commit_all(project, "Start from uv-docker-template")
    return project


@pytest.mark.slow
@pytest.mark.parametrize("runner", RUNNERS)
def test_hooks_pass_offline_on_a_new_project(committed_project: Path, runner: str, tmp_path: Path) -> None:
    result = run_hooks(runner, committed_project, tmp_path / "home")

    assert result.returncode == 0, result.stdout + result.stderr
    for hook in HOOKS:
        assert any(line.startswith(hook) and line.endswith("Passed") for line in result.stdout.splitlines()), hook


@pytest.mark.slow
@pytest.mark.parametrize("runner", RUNNERS)
def test_hooks_catch_an_untyped_function(committed_project: Path, runner: str, tmp_path: Path) -> None:
    app = committed_project / "src" / recorded_answers(committed_project)["package_name"] / "app.py"
    app.write_text(app.read_text() + "\n\ndef untyped(value):\n    return value\n")
    commit_all(committed_project, "An untyped function")

    result = run_hooks(runner, committed_project, tmp_path / "home")

    assert result.returncode != 0
    assert any(line.startswith("mypy") and line.endswith("Failed") for line in result.stdout.splitlines())
