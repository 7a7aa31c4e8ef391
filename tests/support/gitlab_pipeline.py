"""Read a generated .gitlab-ci.yml, and run a job's `script:` the way a GitLab shell runner does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

# GitLab's shell executor stops at the first failing command, as GitHub's runner does.
from .workflows import RUNNER_SHELL, validate

PIPELINE = Path(".gitlab-ci.yml")
RENOVATE = Path("renovate.json")
# What GitLab sets in every job that the scripts read; a test adds or overrides its own.
COMMIT_SHA = "0123456789abcdef0123456789abcdef01234567"
CI_VARIABLES = {
    "CI": "true",
    "GITLAB_CI": "true",
    "CI_COMMIT_SHA": COMMIT_SHA,
    "CI_COMMIT_SHORT_SHA": COMMIT_SHA[:8],
    "CI_DEFAULT_BRANCH": "main",
    "CI_PROJECT_ID": "42",
    "CI_PROJECT_NAME": "example-service",
    "CI_PROJECT_PATH": "example-team/example-service",
    "CI_PROJECT_URL": "https://gitlab.example.com/example-team/example-service",
    "CI_REGISTRY_IMAGE": "registry.gitlab.example.com/example-team/example-service",
    "CI_SERVER_URL": "https://gitlab.example.com",
    "CI_API_V4_URL": "https://gitlab.example.com/api/v4",
    "GITLAB_USER_NAME": "Example Bot",
    "GITLAB_USER_EMAIL": "bot@example.com",
}


def load_pipeline(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / PIPELINE).read_text())


def job_script(project: Path, job: str) -> list[str]:
    return load_pipeline(project)[job]["script"]


def run_script_line(project: Path, line: str, **env: str) -> subprocess.CompletedProcess[str]:
    """One entry of a job's `script:`, with GitLab's predefined variables and `env` over them."""
    return subprocess.run(
        [*RUNNER_SHELL, line],
        cwd=project,
        env={**os.environ, **CI_VARIABLES, **env},
        text=True,
        capture_output=True,
    )


def run_job(project: Path, job: str, **env: str) -> list[subprocess.CompletedProcess[str]]:
    """Every line of `job`'s script in order, as the runner does; fail on the first that fails, with its output."""
    results = []
    for line in job_script(project, job):
        result = run_script_line(project, line, **env)
        assert result.returncode == 0, f"{job}: {line!r} failed:\n{result.stdout}\n{result.stderr}"
        results.append(result)
    return results


def assert_passes_validators(project: Path) -> None:
    """GitLab's CI schema and Renovate's, as check-jsonschema vendors them."""
    for schema, path in (("vendor.gitlab-ci", PIPELINE), ("vendor.renovate", RENOVATE)):
        result = validate("check-jsonschema", "--builtin-schema", schema, str(project / path))
        assert result.returncode == 0, f"{schema} rejects {path}:\n{result.stdout}\n{result.stderr}"
