"""Every server, uWSGI included, installs from wheels: no C compiler on a developer's machine or in the image."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from packaging.tags import Tag
from packaging.utils import parse_wheel_filename

from harness.answers import recorded_answers
from harness.options import BASE_IMAGES
from tests.support.rendering import run_in


def installable_without_compiling(tag: Tag, python: str, machine: str) -> bool:
    """Whether a wheel with `tag` installs on CPython `python` under glibc Linux on `machine`."""
    cpython = "cp" + python.replace(".", "")
    # An abi3 wheel fits every CPython from its own on: cp39 fits cp312 (as numbers, not strings).
    abi3_fits = tag.abi == "abi3" and tag.interpreter.startswith("cp") and int(tag.interpreter[2:]) <= int(cpython[2:])
    interpreter_fits = tag.interpreter in ("py3", cpython) or abi3_fits
    platform_fits = tag.platform == "any" or (tag.platform.startswith("manylinux") and tag.platform.endswith(machine))
    return interpreter_fits and tag.abi in ("none", "abi3", cpython) and platform_fits


@pytest.mark.parametrize("base_image", BASE_IMAGES)
def test_every_locked_package_has_a_wheel_for_the_images_python(render, base_image: str) -> None:
    project = render(base_image=base_image)
    python = recorded_answers(project)["python_version"]
    lock = tomllib.loads((project / "uv.lock").read_text())

    for machine in ("x86_64", "aarch64"):
        needs_a_build = [
            package["name"]
            for package in lock["package"]
            if "registry" in package["source"]
            and not any(
                installable_without_compiling(tag, python, machine)
                for wheel in package.get("wheels", [])
                for tag in parse_wheel_filename(Path(wheel["url"]).name)[3]
            )
        ]
        assert needs_a_build == [], f"no {machine} wheel for Python {python}"


def test_a_uwsgi_project_syncs_with_no_c_compiler(render, tmp_path: Path) -> None:
    project = render(server="uwsgi")
    no_compiler = {**os.environ, "CC": "/bin/false", "CXX": "/bin/false", "UV_CACHE_DIR": str(tmp_path / "uv-cache")}

    run_in(project, "uv", "sync", "--locked", env=no_compiler)

    assert (project / ".venv/bin/uwsgi").is_file(), "uv sync installed no uwsgi command"
