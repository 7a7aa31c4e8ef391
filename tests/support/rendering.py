"""Check what Copier recorded in a rendered project, and run commands in it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from harness.answers import recorded_answers


def assert_answers_recorded(project: Path, answers: dict[str, Any]) -> None:
    """Copier ignores answers to questions that do not exist; this catches a misspelt or removed one."""
    recorded = recorded_answers(project)
    for name, value in answers.items():
        assert name in recorded, f"answer {name!r} was not recorded: is there such a question?"
        assert recorded[name] == value, f"{name}: passed {value!r}, recorded {recorded[name]!r}"


def run_in(project: Path, *command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command in a rendered project; a failure shows its output."""
    result = subprocess.run(command, cwd=project, env=env, text=True, capture_output=True)
    assert result.returncode == 0, f"{' '.join(command)} failed in {project}:\n{result.stdout}\n{result.stderr}"
    return result
