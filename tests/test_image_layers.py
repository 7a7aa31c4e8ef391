"""Layers are ordered so that a code change rebuilds and ships only the app."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from tests.support.containers import running
from tests.support.images import Build, build_image, checkout_tag, force_fresh_dependency_step, layer_ids, saved_layers
from tests.support.rendering import recorded_answers, run_in

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# Build steps, by the stage and instruction that BuildKit's log names them with.
DEPENDENCY_STEP = ("[dependencies ", "RUN ")
APP_STEP = ("[app ", "RUN --mount=type=cache")
RUNTIME_APT_STEP = ("[runtime ", "apt-get update")
# Unique to each run: an image built from an earlier run's code cannot answer with it.
ADDED_ROUTE_BODY = f"added {uuid.uuid4()}"
# The app's own files plus this much: tar headers and the smoke test's empty layer.
DEPLOY_DELTA_ALLOWANCE = 100_000


def installed_by(build: Build, step: tuple[str, ...]) -> list[str]:
    """The distributions that uv installed in a build step (its " + name==version" lines)."""
    return [m.group(1) for line in build.step_output(*step) if (m := re.match(r"\s*\+ (\S+)==", line))]


def add_route(project: Path, package: str) -> None:
    app = project / "src" / package / "app.py"
    app.write_text(app.read_text() + f'\n\n@app.get("/added")\ndef added() -> str:\n    return "{ADDED_ROUTE_BODY}"\n')


@pytest.fixture
def project(render, docker_engine) -> Path:
    return render(dockerfile_syntax="")


def test_source_change_reuses_dependencies_and_ships_only_the_app(project: Path, record_figure) -> None:
    package = recorded_answers(project)["package_name"]
    first = build_image(project, checkout_tag("layers"))
    before = layer_ids(first.tag)
    add_route(project, package)

    second = build_image(project, checkout_tag("layers"))

    assert second.step_cached(*DEPENDENCY_STEP), "a source change must not re-run the dependency install"
    assert second.step_cached(*RUNTIME_APT_STEP)
    assert installed_by(second, APP_STEP) == [recorded_answers(project)["dist_name"]]
    with running(second.tag) as container:
        container.ms_to_first_200("/healthz")
        assert container.get("/added") == (200, ADDED_ROUTE_BODY.encode()), "the image must run the changed code"
    after = layer_ids(second.tag)
    new_layers = [layer for layer in after if layer not in before]
    assert new_layers, "the changed code must reach the image"
    sizes = {layer: len(tar) for layer, tar in saved_layers(second.tag).items()}
    assert all(layer in before for layer in after if sizes[layer] > DEPLOY_DELTA_ALLOWANCE), (
        "every large layer (base, runtime libraries, dependencies) must be reused as it was"
    )
    # What a deploy pulls: the new layers. The app's files are byte-compiled, so
    # allow for their .pyc files beside the sources.
    own_files = sum(f.stat().st_size for f in (project / "src").rglob("*") if f.is_file())
    delta = sum(sizes[layer] for layer in new_layers)
    assert delta < 3 * own_files + DEPLOY_DELTA_ALLOWANCE, f"a code change ships {delta} bytes"
    record_figure("ubuntu:noble", "source-only rebuild s", f"{second.seconds:.1f}")
    record_figure("ubuntu:noble", "deploy delta bytes", str(delta))


def test_added_dependency_builds_no_wheel_again(project: Path, record_figure) -> None:
    build_image(project, checkout_tag("deps"))
    run_in(project, "uv", "add", "--quiet", "python-dotenv")
    force_fresh_dependency_step(project)

    rebuilt = build_image(project, checkout_tag("deps"))

    assert not rebuilt.step_cached(*DEPENDENCY_STEP)
    assert "python-dotenv" in installed_by(rebuilt, DEPENDENCY_STEP)
    compiled = [line for line in rebuilt.step_output(*DEPENDENCY_STEP) if "Building " in line]
    assert compiled == [], "every dependency must come as a wheel: nothing is compiled"
    assert rebuilt.step_cached(*RUNTIME_APT_STEP)
    record_figure("ubuntu:noble", "dependency-added rebuild s", f"{rebuilt.seconds:.1f}")
