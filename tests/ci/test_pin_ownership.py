"""Every pin in a generated project has one owner: the template moves its own, Renovate moves the rest.

docs/updating.md's "Who moves which pin" is the table these tests hold the
project's `.github/renovate.json` to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.options import BASE_IMAGES
from tests.support.pins import (
    Pin,
    dockerfile_pins,
    image_name,
    pyproject_pins,
    renovate_config,
    renovate_moves,
    workflow_pins,
)
from tests.support.workflows import WORKFLOW

EVERY_UPDATE = ("major", "minor", "patch", "digest", "pinDigest")
TAG_UPDATES = ("major", "minor", "patch")
DIGEST_UPDATES = ("digest", "pinDigest")
UV_IMAGE = "ghcr.io/astral-sh/uv"
FRONTEND = "docker/dockerfile"
# An action that the template's workflows do not use.
OWN_ACTION = "actions/cache"


@pytest.fixture(scope="module")
def project(render_session) -> Path:
    return render_session()


def test_the_dockerfile_pins_only_uv_the_frontend_and_the_base_image(project: Path) -> None:
    """A new image reference must be given an owner here and in docs/updating.md before it ships."""
    assert {pin.dep_name for pin in dockerfile_pins(project)} == {UV_IMAGE, FRONTEND, "ubuntu"}


@pytest.mark.parametrize("dep_name", [UV_IMAGE, FRONTEND])
def test_renovate_never_moves_the_templates_images(project: Path, dep_name: str) -> None:
    pin = next(pin for pin in dockerfile_pins(project) if pin.dep_name == dep_name)

    assert not [kind for kind in EVERY_UPDATE if renovate_moves(renovate_config(project), pin, kind)]


def test_renovate_never_moves_the_templates_actions(project: Path) -> None:
    config = renovate_config(project)

    moved = [
        (pin, kind) for pin in workflow_pins(project) for kind in EVERY_UPDATE if renovate_moves(config, pin, kind)
    ]

    assert workflow_pins(project), "no action found: has the workflow's layout changed?"
    assert moved == []


def test_renovate_never_moves_uv_build(project: Path) -> None:
    (uv_build,) = [pin for pin in pyproject_pins(project) if pin.dep_type == "build-system.requires"]

    assert uv_build.dep_name == "uv_build"
    assert not [kind for kind in EVERY_UPDATE if renovate_moves(renovate_config(project), uv_build, kind)]


@pytest.mark.parametrize("base_image", BASE_IMAGES)
def test_renovate_moves_the_base_images_digest_but_not_its_release(project: Path, base_image: str) -> None:
    pin = Pin("dockerfile", "Dockerfile", image_name(base_image))
    config = renovate_config(project)

    assert all(renovate_moves(config, pin, kind) for kind in DIGEST_UPDATES)
    assert not any(renovate_moves(config, pin, kind) for kind in TAG_UPDATES)


def test_renovate_moves_the_locked_dependencies_and_never_their_ranges(project: Path) -> None:
    config = renovate_config(project)
    dependencies = [pin for pin in pyproject_pins(project) if pin.dep_type != "build-system.requires"]

    assert dependencies
    assert all(renovate_moves(config, pin, kind) for pin in dependencies for kind in TAG_UPDATES)
    # in-range-only: uv.lock moves, pyproject.toml's ranges never do.
    (strategy,) = [rule["rangeStrategy"] for rule in config["packageRules"] if "rangeStrategy" in rule]
    assert strategy == "in-range-only"
    assert ":maintainLockFilesWeekly" in config["extends"]


def test_renovate_moves_the_actions_that_the_project_adds(project: Path) -> None:
    added_step = Pin("github-actions", str(WORKFLOW), OWN_ACTION)
    own_workflow = Pin("github-actions", ".github/workflows/release.yml", "actions/checkout")

    assert added_step not in workflow_pins(project)
    assert renovate_moves(renovate_config(project), added_step, "major")
    assert renovate_moves(renovate_config(project), own_workflow, "major")
