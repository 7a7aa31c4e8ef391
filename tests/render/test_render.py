"""The template renders a complete, valid project for every supported answer set."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from harness.answers import answers_with, recorded_answers
from harness.copier_cli import copy_template
from harness.options import (
    BASE_IMAGES,
    DEFAULT_BASE_IMAGE,
    DEFAULT_SERVER,
    SERVER_CHOICES,
    SERVERS,
    UV_VERSION,
    BaseImage,
    Server,
)

SERVER_CONFIG_FILES = {server.config_file for server in SERVERS.values()}
SERVER_DISTRIBUTIONS = tuple(server.distribution for server in SERVERS.values())
UNRENDERED = re.compile(r"{{|}}|{%|%}")
# What other tools template in a project's files: GitHub's expressions, the Go
# templates of `docker --format`, and the tag patterns of docker/metadata-action.
FOREIGN_TEMPLATES = re.compile(r"\$\{\{.*?\}\}|\{\{(?:json )?\.[A-Za-z.]+\}\}|\{\{(?:version|major|minor)\}\}")


def test_defaults_render_a_packaged_src_layout_project(render) -> None:
    project = render()

    for relative in [
        "pyproject.toml",
        "uv.lock",
        ".envrc",
        ".python-version",
        "docker-entrypoint.sh",
        DEFAULT_SERVER.config_file,
        "json_log_format.py",
        "compose.yaml",
        "k8s/base/kustomization.yaml",
        "Dockerfile",
        ".dockerignore",
        ".gitignore",
        ".hadolint.yaml",
        "README.md",
        "LICENSE",
        "src/example_service/__init__.py",
        "src/example_service/app.py",
        "src/example_service/py.typed",
        "tests/test_app.py",
    ]:
        assert (project / relative).is_file(), f"{relative} is missing"
    assert (project / "docker-entrypoint.sh").stat().st_mode & 0o111, "the entrypoint must be executable"
    answers = recorded_answers(project)
    assert answers["dist_name"] == "example-service"
    assert answers["base_image"] == DEFAULT_BASE_IMAGE.name
    assert answers["python_version"] == DEFAULT_BASE_IMAGE.python
    assert answers["server"] == DEFAULT_SERVER.name
    assert answers["log_format"] == "json"
    assert answers["kubernetes"] is True


@pytest.mark.parametrize("base", BASE_IMAGES.values(), ids=BASE_IMAGES)
def test_each_base_image_renders_with_its_apt_python(render, base: BaseImage) -> None:
    base_image, python_version = base.name, base.python
    project = render(base_image=base_image)

    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == f">={python_version}"
    assert (project / ".python-version").read_text().strip() == python_version
    dockerfile = (project / "Dockerfile").read_text()
    assert dockerfile.count(f"FROM {base_image} AS") == 2
    assert f"UV_PYTHON=/usr/bin/python{python_version} " in dockerfile
    assert recorded_answers(project)["python_version"] == python_version
    for path in project.rglob("*"):
        if path.is_file() and ".venv" not in path.parts and path.name != "uv.lock":
            ours = FOREIGN_TEMPLATES.sub("", path.read_text())
            assert not UNRENDERED.search(ours), f"unrendered Jinja in {path.relative_to(project)}"


def test_name_starting_with_a_digit_gives_a_valid_package(render) -> None:
    project = render(project_name="2048 Game")

    answers = recorded_answers(project)
    assert (answers["dist_name"], answers["package_name"]) == ("2048-game", "app_2048_game")
    assert (project / "src/app_2048_game/app.py").is_file()


def test_unicode_project_name_gives_ascii_names(render) -> None:
    project = render(project_name="Café Ünïcode")

    answers = recorded_answers(project)
    assert answers["dist_name"] == "cafe-unicode"
    assert answers["package_name"] == "cafe_unicode"
    assert (project / "src/cafe_unicode/app.py").is_file()
    assert tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"] == "cafe-unicode"


@pytest.mark.parametrize(
    ("license_answer", "expression", "first_line"),
    [
        ("MIT", "MIT", "MIT License"),
        ("Apache-2.0", "Apache-2.0", "Apache License"),
        ("BSD-3-Clause", "BSD-3-Clause", "BSD 3-Clause License"),
        ("Proprietary", "LicenseRef-Proprietary", "Copyright (c)"),
    ],
)
def test_license_gives_file_and_expression(render, license_answer: str, expression: str, first_line: str) -> None:
    project = render(license=license_answer)

    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == expression
    license_text = (project / "LICENSE").read_text()
    assert license_text.lstrip().startswith(first_line)
    assert "Example Team" in license_text
    assert recorded_answers(project)["copyright_year"] in license_text


def test_default_dockerfile_syntax_line_comes_first(render) -> None:
    lines = (render() / "Dockerfile").read_text().splitlines()

    assert lines[0] == "# syntax=docker/dockerfile:1"
    assert sum(line.startswith("# syntax=") for line in lines) == 1


def test_empty_dockerfile_syntax_omits_the_line(render) -> None:
    dockerfile = (render(dockerfile_syntax="") / "Dockerfile").read_text()

    assert "# syntax=" not in dockerfile
    assert dockerfile.startswith("# ")


def test_uv_version_pins_image_and_build_backend(render) -> None:
    project = render()

    assert f"COPY --from=ghcr.io/astral-sh/uv:{UV_VERSION} /uv " in (project / "Dockerfile").read_text()
    requires = tomllib.loads((project / "pyproject.toml").read_text())["build-system"]["requires"]
    major, minor, _ = UV_VERSION.split(".")
    assert requires == [f"uv_build>=0.7.19,<{major}.{int(minor) + 1}"]
    assert "uv_version" not in recorded_answers(project), "the template's pin, not an answer to replay"


def test_uv_version_given_with_data_holds_for_that_copy_only(tmp_path: Path, template_snapshot: Path) -> None:
    """A way to try another uv; the next update brings the template's back, as the answer is not recorded."""
    project = tmp_path / "project"

    result = copy_template(template_snapshot, project, answers_with(uv_version="0.13.2"))

    assert result.returncode == 0, result.stderr
    assert "COPY --from=ghcr.io/astral-sh/uv:0.13.2 /uv " in (project / "Dockerfile").read_text()
    assert "uv_version" not in recorded_answers(project)


@pytest.mark.parametrize(("framework", "server"), SERVER_CHOICES.values(), ids=SERVER_CHOICES)
def test_server_choice_brings_its_config_and_dependency_and_no_toolchain(render, framework, server: Server) -> None:
    project = render(framework=framework.name, server=server.name)

    present = {name for name in SERVER_CONFIG_FILES if (project / name).exists()}
    assert present == {server.config_file}
    dependencies = tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    assert [d for d in dependencies if d.startswith(SERVER_DISTRIBUTIONS)] == [server.requirement]
    dockerfile = (project / "Dockerfile").read_text()
    # Laid out, dated, in the stage that the runtime copies its own files from.
    assert f"COPY --chmod=0644 {server.config_file} /files/app/etc/{server.config_file}" in dockerfile
    assert "STOPSIGNAL SIGTERM" in dockerfile
    # Every server comes as a wheel: both stages install the interpreter alone.
    installed = re.findall(r"^ {4}([a-z0-9.+-]+)(?: \\)?$", dockerfile, re.MULTILINE)
    assert installed == [f"python{DEFAULT_BASE_IMAGE.python}"] * 2
    assert server.name in (project / "docker-entrypoint.sh").read_text()


@pytest.mark.parametrize(("framework", "server"), SERVER_CHOICES.values(), ids=SERVER_CHOICES)
def test_text_logs_need_no_json_module(render, framework, server: Server) -> None:
    project = render(framework=framework.name, server=server.name, log_format="text")

    assert not (project / "json_log_format.py").exists()
    configuration = (project / server.config_file).read_text() + (project / "Dockerfile").read_text()
    assert "json_log_format" not in configuration
