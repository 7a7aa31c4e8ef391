"""The project builds with any build front end, from whatever uv_build the package index serves.

pyproject.toml's build requirement does not follow the uv pinned in the
Dockerfile upwards: pip, or a uv older than that pin, must find a uv_build on
the index that satisfies it.
"""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

from harness.answers import recorded_answers
from tests.support.rendering import run_in

OWN_PACKAGE = "example_app"


def built_wheel(directory: Path) -> tuple[list[str], str]:
    """The one wheel in `directory`: its file names, and the uv version that its WHEEL file names as generator."""
    [wheel] = directory.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(name for name in names if name.endswith(".dist-info/WHEEL"))).decode()
    generator = next(line for line in metadata.splitlines() if line.startswith("Generator: "))
    return names, generator.removeprefix("Generator: uv ")


def oldest_uv_build_allowed(project: Path) -> str:
    [requirement] = tomllib.loads((project / "pyproject.toml").read_text())["build-system"]["requires"]
    specifiers = Requirement(requirement).specifier
    [floor] = [spec.version for spec in specifiers if spec.operator == ">="]
    return floor


def test_pip_builds_the_wheel_from_the_package_index(render) -> None:
    project = render(package_name=OWN_PACKAGE)
    python = recorded_answers(project)["python_version"]

    run_in(project, "uvx", "--python", python, "pip", "wheel", "--no-deps", "--wheel-dir", "dist", ".")

    names, generator = built_wheel(project / "dist")
    assert {f"{OWN_PACKAGE}/__init__.py", f"{OWN_PACKAGE}/app.py", f"{OWN_PACKAGE}/py.typed"} <= set(names)
    # pip took a uv_build release from the index, not a uv installed here.
    assert Version(generator) >= Version(oldest_uv_build_allowed(project))


def test_the_oldest_uv_build_allowed_builds_the_project(render, tmp_path: Path) -> None:
    project = render(package_name=OWN_PACKAGE)
    floor = oldest_uv_build_allowed(project)
    constraints = tmp_path / "build-constraints.txt"
    constraints.write_text(f"uv_build=={floor}\n")

    # --force-pep517: build through the backend from the index, not the one built into this uv.
    run_in(
        project,
        *("uv", "build", "--wheel", "--force-pep517", "--build-constraint", str(constraints)),
        *("--out-dir", str(tmp_path / "dist")),
    )

    names, generator = built_wheel(tmp_path / "dist")
    assert generator == floor
    assert f"{OWN_PACKAGE}/app.py" in names
