"""Render the template the way users do, and check what Copier recorded."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import yaml

TEMPLATE_DIR = Path(__file__).resolve().parents[2]
BASE_ANSWERS: dict[str, Any] = yaml.safe_load((TEMPLATE_DIR / "tests/base-answers.yml").read_text())


def answers_with(**overrides: Any) -> dict[str, Any]:
    return {**BASE_ANSWERS, **overrides}


def recorded_answers(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text())


def assert_answers_recorded(project: Path, answers: dict[str, Any]) -> None:
    """Copier ignores answers to questions that do not exist; this catches a misspelt or removed one."""
    recorded = recorded_answers(project)
    for name, value in answers.items():
        assert name in recorded, f"answer {name!r} was not recorded: is there such a question?"
        assert recorded[name] == value, f"{name}: passed {value!r}, recorded {recorded[name]!r}"


def copier_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the copier command line found on PATH (env's, if given), as a user's shell would."""
    return subprocess.run(["copier", *args], cwd=cwd, env=env, text=True, capture_output=True)


def data_args(answers: dict[str, Any]) -> list[str]:
    return [arg for name, value in answers.items() for arg in ("-d", f"{name}={value}")]


def run_in(project: Path, *command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command in a rendered project; a failure shows its output."""
    result = subprocess.run(command, cwd=project, env=env, text=True, capture_output=True)
    assert result.returncode == 0, f"{' '.join(command)} failed in {project}:\n{result.stdout}\n{result.stderr}"
    return result
