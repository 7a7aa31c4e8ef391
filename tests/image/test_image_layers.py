"""Layers are ordered so that a code change rebuilds and ships only the app."""

from __future__ import annotations

import json
import re
import shutil
import uuid
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.containers import running
from harness.images import RUNTIME_APT_STEP, Build, build_image, checkout_tag, force_fresh_dependency_step
from harness.layers import DEPLOY_DELTA_ALLOWANCE_BYTES, app_source_bytes, deploy_delta_limit, new_layer_sizes
from harness.options import DEFAULT_BASE_IMAGE
from tests.support.image_matrix import BuiltImage
from tests.support.rendering import run_in

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# Build steps, by the stage and instruction that BuildKit's log names them with.
DEPENDENCY_STEP = ("[dependencies ", "RUN ")
APP_STEP = ("[app ", "RUN --mount=type=cache")
# Unique to each run: an image built from an earlier run's code cannot answer with it.
ADDED_ROUTE_BODY = f"added {uuid.uuid4()}"


def installed_by(build: Build, step: tuple[str, ...]) -> list[str]:
    """The distributions that uv installed in a build step (its " + name==version" lines)."""
    return [m.group(1) for line in build.step_output(*step) if (m := re.match(r"\s*\+ (\S+)==", line))]


def copy_of(image: BuiltImage, destination: Path) -> Path:
    """The project that `image` was built from, to change and build again beside it."""
    return shutil.copytree(image.project, destination, symlinks=True, ignore=shutil.ignore_patterns(".venv"))


def added_route(body: str) -> str:
    # A dict: Flask and FastAPI both answer it as the same JSON.
    return f'\n\n@app.get("/added")\ndef added() -> dict[str, str]:\n    return {{"added": "{body}"}}\n'


def test_source_change_reuses_dependencies_and_ships_only_the_app(
    image: BuiltImage, tmp_path: Path, record_figure
) -> None:
    project = copy_of(image, tmp_path / "project")
    # Both builds change the code. BuildKit can hold two results of one cached
    # step (other builds on the engine ran it too), and picks one by how much of
    # a build it matches: the session's image, matched whole, may have the other.
    app = project / "src" / image.package / "app.py"
    rendered = app.read_text()
    app.write_text(rendered + added_route(f"before {uuid.uuid4()}"))
    before = build_image(project, checkout_tag(f"{image.variant.id}-before"))
    app.write_text(rendered + added_route(ADDED_ROUTE_BODY))

    changed = build_image(project, checkout_tag(f"{image.variant.id}-changed"))

    assert changed.step_cached(*DEPENDENCY_STEP), "a source change must not re-run the dependency install"
    assert changed.step_cached(*RUNTIME_APT_STEP)
    assert installed_by(changed, APP_STEP) == [recorded_answers(project)["dist_name"]]
    with running(changed.tag) as container:
        container.ms_to_first_200("/healthz")
        status, body = container.get("/added")
        assert (status, json.loads(body)) == (200, {"added": ADDED_ROUTE_BODY}), "the image must run the changed code"
    # What a deploy pulls: the layers that the image before the change lacks.
    new_layers = new_layer_sizes(before.tag, changed.tag)
    assert new_layers, "the changed code must reach the image"
    assert all(size <= DEPLOY_DELTA_ALLOWANCE_BYTES for size in new_layers.values()), (
        "every large layer (base, runtime libraries, dependencies) must be reused as it was"
    )
    delta = sum(new_layers.values())
    assert delta <= deploy_delta_limit(app_source_bytes(project)), f"a code change ships {delta} bytes"
    record_figure(image.variant.id, "source-only rebuild s", f"{changed.seconds:.1f}")
    record_figure(image.variant.id, "deploy delta bytes", str(delta))


@pytest.mark.parametrize("built", [DEFAULT_BASE_IMAGE.name], indirect=True, ids=[DEFAULT_BASE_IMAGE.id])
def test_added_dependency_builds_no_wheel_again(built: BuiltImage, tmp_path: Path, record_figure) -> None:
    project = copy_of(built, tmp_path / "project")
    run_in(project, "uv", "add", "--quiet", "python-dotenv")
    force_fresh_dependency_step(project)

    rebuilt = build_image(project, checkout_tag("deps"))

    assert not rebuilt.step_cached(*DEPENDENCY_STEP)
    assert "python-dotenv" in installed_by(rebuilt, DEPENDENCY_STEP)
    compiled = [line for line in rebuilt.step_output(*DEPENDENCY_STEP) if "Building " in line]
    assert compiled == [], "every dependency must come as a wheel: nothing is compiled"
    assert rebuilt.step_cached(*RUNTIME_APT_STEP)
    record_figure(built.variant.id, "dependency-added rebuild s", f"{rebuilt.seconds:.1f}")
