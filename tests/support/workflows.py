"""Read a generated GitHub Actions workflow, and run its `run:` steps the way a runner does."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(".github/workflows/ci.yml")
UPDATE_WORKFLOW = Path(".github/workflows/template-update.yml")
RENOVATE = Path(".github/renovate.json")
# A full commit SHA, then the release it stands for as a comment.
PINNED_USES = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
# GitHub's default shell for `run:` on Linux runners.
RUNNER_SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]


def load_workflow(project: Path, path: Path = WORKFLOW) -> dict[str, Any]:
    workflow = yaml.safe_load((project / path).read_text())
    # YAML 1.1 reads the key `on` as true.
    workflow["on"] = workflow.pop(True)
    return workflow


def run_steps(project: Path, job: str, path: Path = WORKFLOW) -> list[dict[str, Any]]:
    return [step for step in load_workflow(project, path)["jobs"][job]["steps"] if "run" in step]


def uses_lines(project: Path, path: Path = WORKFLOW) -> list[str]:
    return [line for line in (project / path).read_text().splitlines() if re.match(r"^\s*(- )?uses:", line)]


@dataclass(frozen=True)
class StepResult:
    process: subprocess.CompletedProcess[str]
    outputs: dict[str, str]


def run_step(project: Path, step: dict[str, Any], tmp_path: Path, **env: str) -> StepResult:
    """Run one `run:` step in `project`, with `env` standing in for its `${{ }}` values."""
    output_file = tmp_path / f"github-output-{step.get('id', 'step')}"
    output_file.write_text("")
    process = subprocess.run(
        [*RUNNER_SHELL, step["run"]],
        cwd=project,
        env={**os.environ, "GITHUB_OUTPUT": str(output_file), **env},
        text=True,
        capture_output=True,
    )
    outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if line)
    return StepResult(process, outputs)


def run_job_steps(project: Path, job: str, tmp_path: Path) -> list[StepResult]:
    """Run every `run:` step of `job` in order; fail on the first that fails, with its output."""
    results = []
    for step in run_steps(project, job):
        result = run_step(project, step, tmp_path)
        assert result.process.returncode == 0, (
            f"{job} step {step['run']!r} failed:\n{result.process.stdout}\n{result.process.stderr}"
        )
        results.append(result)
    return results


def first_failing_step(project: Path, job: str, tmp_path: Path) -> tuple[dict[str, Any], StepResult] | None:
    """Run `job`'s `run:` steps in order until one fails, as a runner does: that step and its result, or None."""
    for step in run_steps(project, job):
        result = run_step(project, step, tmp_path)
        if result.process.returncode != 0:
            return step, result
    return None


def run_smoke_test(project: Path, image: str, tmp_path: Path) -> StepResult:
    """The image job's smoke test, as the workflow runs it, on a locally built `image`."""
    (step,) = [step for step in run_steps(project, "image") if "scripts/smoke-test.sh" in step["run"]]
    assert step["env"] == {"IMAGE": "smoke-test:${{ github.sha }}"}, "the smoke test takes its image from IMAGE"
    return run_step(project, step, tmp_path, IMAGE=image)


def validate(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, text=True, capture_output=True)


def assert_passes_validators(project: Path) -> None:
    """Every workflow and Renovate's configuration: actionlint (with shellcheck), zizmor offline with no
    finding at all, and the vendored JSON schemas."""
    workflows = [str(project / path) for path in (WORKFLOW, UPDATE_WORKFLOW)]
    renovate = str(project / RENOVATE)
    for command in (
        ["actionlint", "-verbose", *workflows],
        ["zizmor", "--offline", "--persona", "pedantic", "--no-progress", *workflows],
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows],
        ["check-jsonschema", "--builtin-schema", "vendor.renovate", renovate],
    ):
        result = validate(*command)
        assert result.returncode == 0, f"{command[0]} rejects it:\n{result.stdout}\n{result.stderr}"
        if command[0] == "zizmor":
            assert "No findings to report" in result.stdout + result.stderr
