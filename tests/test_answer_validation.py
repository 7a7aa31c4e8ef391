"""Bad answers are refused with a message that says what to do, and leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.rendering import answers_with, copier_cli, data_args

BAD_ANSWERS = {
    "empty project_name": ({"project_name": ""}, "project_name must not be empty"),
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
    "email with a quote": ({"author_email": 'a"b@example.com'}, "is not an email address"),
    "bad email": ({"author_email": "not-an-email"}, 'author_email "not-an-email" is not an email address'),
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
    "unknown base_image": ({"base_image": "alpine:3"}, "Invalid choice"),
    "unknown server": ({"server": "waitress"}, "Invalid choice"),
    "unknown license": ({"license": "GPL"}, "Invalid choice"),
    "image_repository with a tag": ({"image_repository": "ghcr.io/acme/web:1.0"}, "must be a lowercase image"),
    "image_repository uppercase": ({"image_repository": "ghcr.io/Acme/web"}, "such as ghcr.io/my-org/example-service"),
    "image_repository with a scheme": ({"image_repository": "https://ghcr.io/acme/web"}, "without a tag or digest"),
    "unknown ci": ({"ci": "jenkins"}, "Invalid choice"),
}


@pytest.mark.parametrize(("overrides", "message"), BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_bad_answer_is_refused_and_nothing_is_written(
    tmp_path: Path, template_snapshot: Path, overrides: dict, message: str
) -> None:
    destination = tmp_path / "project"

    result = copier_cli(
        "copy",
        "--trust",
        "--defaults",
        "--vcs-ref=HEAD",
        *data_args(answers_with(**overrides)),
        str(template_snapshot),
        str(destination),
    )

    assert result.returncode != 0
    assert message in " ".join(result.stderr.split()), result.stderr
    assert not destination.exists(), "a refused copy must leave no project behind"
