"""Bad answers are refused with a message that says what to do, and leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.answers import answers_with
from harness.copier_cli import copy_template
from harness.options import FRAMEWORKS, SERVERS

# One past each limit that README.md states; test_rendered_project.py renders names at the limits.
TOO_LONG_PROJECT_NAME = "Customer Notification Preferences " * 3
TOO_LONG_NAME = "a" * 65
# A choice outside a question's list: Copier refuses it in words of its own, so only the refusal is checked.
COPIERS_OWN = None

# What the server question lists for FastAPI, and so names when it refuses another.
ASGI_SERVERS = [name for name, server in SERVERS.items() if server.serves(FRAMEWORKS["fastapi"])]

BAD_ANSWERS = {
    "empty project_name": ({"project_name": ""}, "project_name must not be empty"),
    "project_name over 100 characters": (
        {"project_name": TOO_LONG_PROJECT_NAME[:101], "dist_name": "short", "package_name": "short"},
        "is 101 characters long; the limit is 100",
    ),
    # Long enough that the package directory's name would exceed the file system's 255 bytes.
    "project_name of 335 characters": ({"project_name": "x" * 335}, "is 335 characters long; the limit is 100"),
    "project_name that derives a dist_name over 64 characters": (
        {"project_name": "Very Long Service Name " * 3},
        'dist_name "very-long-service-name-very-long-service..." is 68 characters long; the limit is 64.',
    ),
    "dist_name over 64 characters": ({"dist_name": TOO_LONG_NAME}, "is 65 characters long; the limit is 64"),
    "package_name over 64 characters": ({"package_name": TOO_LONG_NAME}, "is 65 characters long; the limit is 64"),
    "project_name without Latin letters and no dist_name": (
        {"project_name": "注文サービス"},
        "dist_name must not be empty. It is made from project_name's Latin letters and digits",
    ),
    "project_name of punctuation only": ({"project_name": "--- !"}, "needs at least one letter or digit"),
    "empty description": ({"description": ""}, "description must not be empty"),
    "blank description": ({"description": "  "}, "description must not be empty"),
    "description of two lines": ({"description": "One\nTwo"}, "description must be a single line"),
    "uv_version without a relative exclude-newer": ({"uv_version": "0.9.16"}, "is older than 0.9.17"),
    "blank project_name": ({"project_name": "   "}, "project_name must not be empty"),
    "package_name keyword": ({"package_name": "class"}, 'package_name "class" is a Python keyword'),
    "package_name leading digit": ({"package_name": "1abc"}, 'e.g. "app_1abc"'),
    "package_name stdlib": ({"package_name": "os"}, "would shadow the standard library module"),
    "package_name tests": ({"package_name": "tests"}, "reserved for the test suite"),
    "dist_name with spaces": ({"dist_name": "my service"}, 'e.g. "my-service"'),
    "dist_name uppercase": ({"dist_name": "My-Service"}, "not a normalized distribution name"),
    "project named like a dependency": ({"project_name": "Flask"}, "is the name of one of the project's dependencies"),
    "package shadowing a dependency": ({"package_name": "werkzeug"}, "would shadow the dependency of that name"),
    "project named mypy": ({"project_name": "Mypy"}, "is the name of one of the project's dependencies"),
    "email with a quote": ({"user_email": 'a"b@example.com'}, "is not an email address"),
    "bad email": ({"user_email": "not-an-email"}, 'user_email "not-an-email" is not an email address'),
    "python 3.13 on noble": (
        {"base_image": "ubuntu:noble", "python_version": "3.13"},
        "use python_version=3.12",
    ),
    "python 3.12 on bookworm": (
        {"base_image": "debian:bookworm", "python_version": "3.12"},
        "use python_version=3.11",
    ),
    "granian with another base's python": (
        {"server": "granian", "base_image": "debian:trixie", "python_version": "3.12"},
        "use python_version=3.13",
    ),
    "syntax frontend without heredocs": (
        {"dockerfile_syntax": "docker/dockerfile:1.3"},
        "cannot parse the Dockerfile's heredocs",
    ),
    "floating uv_version": ({"uv_version": "latest"}, "uv_version must be an exact release"),
    "unknown base_image": ({"base_image": "alpine:3"}, COPIERS_OWN),
    "unknown server": ({"server": "waitress"}, COPIERS_OWN),
    "unknown framework": ({"framework": "django"}, COPIERS_OWN),
    "unknown license": ({"license": "GPL"}, COPIERS_OWN),
    "image_repository with a tag": ({"image_repository": "ghcr.io/acme/web:1.0"}, "must be a lowercase image"),
    "image_repository uppercase": ({"image_repository": "ghcr.io/Acme/web"}, "such as ghcr.io/my-org/example-service"),
    "image_repository with a scheme": ({"image_repository": "https://ghcr.io/acme/web"}, "without a tag or digest"),
    "image_namespace with a trailing slash": ({"image_namespace": "ghcr.io/acme/"}, "without a trailing slash"),
    "unknown ci": ({"ci": "jenkins"}, COPIERS_OWN),
}


@pytest.mark.parametrize(("overrides", "message"), BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_bad_answer_is_refused_and_nothing_is_written(
    tmp_path: Path, template_snapshot: Path, overrides: dict, message: str | None
) -> None:
    destination = tmp_path / "project"

    result = copy_template(template_snapshot, destination, answers_with(**overrides))

    assert result.returncode != 0
    if message is not COPIERS_OWN:
        assert message in " ".join(result.stderr.split()), result.stderr
    assert not destination.exists(), "a refused copy must leave no project behind"


def test_a_server_that_cannot_serve_the_framework_is_refused_with_those_that_can(
    tmp_path: Path, template_snapshot: Path
) -> None:
    destination = tmp_path / "project"

    result = copy_template(template_snapshot, destination, answers_with(framework="fastapi", server="uwsgi"))

    assert result.returncode != 0
    assert not destination.exists(), "a refused copy must leave no project behind"
    assert all(server in result.stderr for server in ASGI_SERVERS), result.stderr
