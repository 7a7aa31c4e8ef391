"""The README's two commands: generating works as written (from a local clone), and CI runs the test one."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from harness.answers import answers_with
from harness.copier_cli import data_args
from harness.paths import REPO_ROOT
from tests.support.rendering import assert_answers_recorded

PUBLISHED_SOURCE = "gh:org/uv-docker-template"


def readme_command(starting_with: str) -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text()
    line = next(line.strip() for line in readme.splitlines() if line.strip().startswith(starting_with))
    return shlex.split(line)


def test_generate_command_makes_a_project(tmp_path: Path, template_snapshot: Path) -> None:
    command = readme_command("uvx ")
    assert PUBLISHED_SOURCE in command
    command[command.index(PUBLISHED_SOURCE)] = str(template_snapshot)
    command[-1] = str(tmp_path / command[-1])
    answers = answers_with()

    # --defaults and --data answer the questions that a person would be asked.
    result = subprocess.run([*command, "--defaults", *data_args(answers)], text=True, capture_output=True)

    assert result.returncode == 0, result.stderr
    project = Path(command[-1])
    assert (project / "uv.lock").is_file()
    assert_answers_recorded(project, answers)


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    section = readme.split("\n## Run the template's tests\n", 1)[1]

    assert f"\n    {(REPO_ROOT / '.ci/test-command').read_text().strip()}\n" in section
