"""Each rendered project passes its own checks on the first try."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.copier_cli import copy_template
from harness.options import BASE_IMAGES, DEFAULT_FRAMEWORK, DEFAULT_SERVER, SERVER_CHOICES
from harness.template_repo import commit_all
from tests.support.rendering import run_in
from tests.support.workflows import run_job_steps, run_steps

# The longest names that README.md allows: 100 characters for project_name, 64 for the others.
LONGEST_NAMES = {
    "project_name": ("Customer Notification Preferences Management Service " * 2)[:100],
    "dist_name": ("customer-notification-preferences-management-service-" * 2)[:64],
    "package_name": ("customer_notification_preferences_management_service_" * 2)[:64],
}
assert [len(name) for name in LONGEST_NAMES.values()] == [100, 64, 64]

# Every server with each framework that it serves, but the defaults, which the base images' renders cover.
OTHER_SERVERS = {
    name: {"framework": framework.name, "server": server.name}
    for name, (framework, server) in SERVER_CHOICES.items()
    if (framework, server) != (DEFAULT_FRAMEWORK, DEFAULT_SERVER)
}
UNUSUAL_ANSWERS = {
    "long names": {"project_name": "Customer Billing Platform Reconciliation API"},
    "long name with derived names": {"project_name": "Customer Notification Preferences Management Service"},
    # gunicorn.conf.py names the package too.
    "longest names": {**LONGEST_NAMES, "server": "gunicorn"},
    "name without Latin letters": {"project_name": "注文サービス", "dist_name": "chumon", "package_name": "chumon"},
    "own package name": {"project_name": "Web", "package_name": "web_app"},
    "quotes and backslashes": {"description": 'Talks to "Acme" \\ friends', "user_name": 'Ops "Night" \\ Team'},
}


@pytest.mark.slow
@pytest.mark.parametrize(
    "answers",
    [
        *({"base_image": base} for base in BASE_IMAGES),
        *OTHER_SERVERS.values(),
        {"log_format": "text", "kubernetes": False},
        {"framework": "fastapi", "log_format": "text"},
        *UNUSUAL_ANSWERS.values(),
    ],
    ids=[*BASE_IMAGES, *OTHER_SERVERS, "text logs, no manifests", "fastapi, text logs", *UNUSUAL_ANSWERS],
)
def test_project_passes_its_own_checks(render, answers: dict[str, str], tmp_path: Path) -> None:
    """The checks are the generated workflow's own `run:` steps, so that CI and this test cannot drift apart."""
    project = render(**answers)
    commands = [step["run"] for step in run_steps(project, "checks")]

    # run_job_steps fails unless every step exits 0; pytest does so only if it collected tests.
    run_job_steps(project, "checks", tmp_path)

    for tool in ("uv lock --check", "ruff check", "ruff format --check", "mypy", "pytest", "hadolint Dockerfile"):
        assert any(tool in command for command in commands), f"the workflow no longer runs {tool}"


def test_copying_again_with_the_same_answers_changes_nothing(render) -> None:
    project = render()
    commit_all(project, "initial copy")
    answers = {k: v for k, v in recorded_answers(project).items() if not k.startswith("_")}

    result = copy_template(recorded_answers(project)["_src_path"], project, answers, "--overwrite")

    assert result.returncode == 0, result.stderr
    assert run_in(project, "git", "status", "--porcelain").stdout == "", run_in(project, "git", "diff").stdout
