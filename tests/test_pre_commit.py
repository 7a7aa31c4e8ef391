"""The generated pre-commit configuration runs under both pre-commit and prek, with no network."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all
from tests.support.rendering import run_in

HOOKS = ("uv.lock matches pyproject.toml", "ruff check", "ruff format", "mypy", "hadolint")
# Every request goes to a port where nothing listens, and uv may not even try.
NO_NETWORK = {
    **{name: "http://127.0.0.1:9" for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")},
    "NO_PROXY": "",
    "no_proxy": "",
    "UV_OFFLINE": "1",
}


def run_hooks(runner: str, project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **NO_NETWORK, "PRE_COMMIT_HOME": str(home), "PREK_HOME": str(home)}
    return subprocess.run([runner, "run", "--all-files"], cwd=project, env=env, text=True, capture_output=True)


@pytest.fixture
def committed_project(render) -> Path:
    project = render()
    # The hooks run the project's own tools; `uv sync` installs them once, online.
    run_in(project, "uv", "sync", "--locked")
    commit_all(project, "Start from uv-docker-template")
    return project


@pytest.mark.slow
@pytest.mark.parametrize("runner", ["pre-commit", "prek"])
def test_hooks_pass_offline_on_a_new_project(committed_project: Path, runner: str, tmp_path: Path) -> None:
    result = run_hooks(runner, committed_project, tmp_path / "home")

    assert result.returncode == 0, result.stdout + result.stderr
    for hook in HOOKS:
        assert any(line.startswith(hook) and line.endswith("Passed") for line in result.stdout.splitlines()), hook


@pytest.mark.slow
@pytest.mark.parametrize("runner", ["pre-commit", "prek"])
def test_hooks_catch_an_untyped_function(committed_project: Path, runner: str, tmp_path: Path) -> None:
    app = committed_project / "src" / recorded_answers(committed_project)["package_name"] / "app.py"
    app.write_text(app.read_text() + "\n\ndef untyped(value):\n    return value\n")
    commit_all(committed_project, "An untyped function")

    result = run_hooks(runner, committed_project, tmp_path / "home")

    assert result.returncode != 0
    assert "Function is missing a type annotation" in result.stdout
    assert any(line.startswith("mypy") and line.endswith("Failed") for line in result.stdout.splitlines())
