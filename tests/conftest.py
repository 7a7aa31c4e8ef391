from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.answers import answers_with, recorded_answers
from harness.attesting_engine import attesting_engine, copy_images
from harness.docker_cli import docker_available
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag, ensure_referenced_images
from harness.layers import image_size_mb
from harness.options import BASE_IMAGES, SERVERS
from harness.platforms import EMULATED, EMULATED_BASE_IMAGE
from harness.template_repo import snapshot_template
from tests.support.app_routes import FAILING_ROUTE, SLOW_ROUTES, add_routes
from tests.support.emulated_builds import build_emulated_image
from tests.support.image_matrix import (
    BASE_IMAGE_VARIANTS,
    MATRIX,
    SERVER_VARIANTS,
    BuiltImage,
    Variant,
    serving_variant,
)
from tests.support.rendering import assert_answers_recorded
from tests.support.required_commands import require_command

RenderFn = Callable[..., Path]


@pytest.fixture(scope="session")
def template_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template as committed now, in a repo of its own that every test may render from."""
    return snapshot_template(tmp_path_factory.mktemp("template"))


def _render_with(copie: Any, template: Path) -> RenderFn:
    def render(**overrides: Any) -> Path:
        answers = answers_with(**overrides)
        result = copie.copy(extra_answers=answers, template_dir=template)
        assert result.exception is None, f"render with {overrides} failed: {result.exception!r}"
        assert_answers_recorded(result.project_dir, answers)
        return result.project_dir

    return render


@pytest.fixture
def render(copie: Any, template_snapshot: Path) -> RenderFn:
    """Render the template with the base answers plus overrides; return the project directory."""
    return _render_with(copie, template_snapshot)


@pytest.fixture(scope="session")
def render_session(copie_session: Any, template_snapshot: Path) -> RenderFn:
    """Like `render`, for projects shared by a whole session (the image tests build them once)."""
    return _render_with(copie_session, template_snapshot)


@pytest.fixture(scope="session")
def docker_engine() -> None:
    """Image tests need a Docker engine: without one they skip, except in CI, where they fail."""
    if docker_available():
        return
    reason = "no Docker engine answers `docker info`"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires the image tests to run")
    pytest.skip(reason)


@pytest.fixture
def render_buildable(render: RenderFn, docker_engine: None) -> RenderFn:
    """Like `render`, for a project that this machine's Docker builds, with the images it names at hand."""

    def render_and_provision(**overrides: Any) -> Path:
        project = render(**overrides, **BUILT_IN_FRONTEND)
        ensure_referenced_images(project / "Dockerfile")
        return project

    return render_and_provision


@pytest.fixture(scope="session")
def build_variant(docker_engine, render_session, record_figure) -> Callable[[Variant], BuiltImage]:
    """Build a variant's image the first time a test asks for it; later tests get the same one."""
    images: dict[Variant, BuiltImage] = {}

    def build(variant: Variant) -> BuiltImage:
        if variant not in images:
            project = render_session(**variant.answers(), **BUILT_IN_FRONTEND)
            answers = recorded_answers(project)
            slow = SLOW_ROUTES[variant.framework.name]
            add_routes(project / "src" / answers["package_name"] / "app.py", slow, FAILING_ROUTE)
            build = build_image(project, checkout_tag(variant.id))
            record_figure(variant.id, "build s", f"{build.seconds:.1f}")
            record_figure(variant.id, "image MB", f"{image_size_mb(build.tag):.0f}")
            images[variant] = BuiltImage(variant, project, build, answers["package_name"], answers["python_version"])
        return images[variant]

    return build


@pytest.fixture(scope="session", params=MATRIX, ids=lambda variant: variant.id)
def image(request, build_variant) -> BuiltImage:
    """Every image of the matrix: what all of them must do."""
    return build_variant(request.param)


@pytest.fixture(scope="session", params=list(BASE_IMAGE_VARIANTS), ids=lambda name: BASE_IMAGES[name].id)
def built(request, build_variant) -> BuiltImage:
    """Each base image's image, with the default server (parametrize indirectly with a base image's name)."""
    return build_variant(BASE_IMAGE_VARIANTS[request.param])


@pytest.fixture(scope="session", params=list(SERVER_VARIANTS))
def server_image(request, build_variant) -> BuiltImage:
    """Each server's image, on the default base image (parametrize indirectly with a server's name)."""
    return build_variant(SERVER_VARIANTS[request.param])


@pytest.fixture(scope="session")
def second_engine(docker_engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A docker client's environment for the engine with the containerd store (harness.attesting_engine).

    It builds every image for the emulated platform, those that the publish
    path attests and those that the image tests run, so that its build cache
    serves them all: an emulated build from a cold cache takes minutes.
    """
    require_command("ip", "-V")
    with attesting_engine(tmp_path_factory.mktemp("engine")) as env:
        yield env


@pytest.fixture(scope="session")
def build_emulated(second_engine, render_session, record_figure) -> Callable[[str], BuiltImage]:
    """A server's image for the emulated platform (arm64 on an amd64 machine), built the first time it is asked for,
    in the second engine and then copied into the machine's own, which runs it."""
    images: dict[str, BuiltImage] = {}

    def build(server: str) -> BuiltImage:
        if server not in images:
            variant = serving_variant(EMULATED_BASE_IMAGE, SERVERS[server])
            project = render_session(**variant.answers(), **BUILT_IN_FRONTEND)
            answers = recorded_answers(project)
            tag = checkout_tag(f"{variant.id}-{EMULATED.arch}")
            build = build_emulated_image(project, tag, second_engine)
            copy_images([tag], None, source=second_engine)
            record_figure(f"{variant.id} {EMULATED.name}", "build s", f"{build.seconds:.1f}")
            images[server] = BuiltImage(variant, project, build, answers["package_name"], answers["python_version"])
        return images[server]

    return build


@pytest.fixture(scope="session", params=list(SERVERS))
def emulated_image(request, build_emulated) -> BuiltImage:
    """Each server's image for the emulated platform, on its Debian base image."""
    return build_emulated(request.param)


FIGURES = pytest.StashKey[dict[str, dict[str, str]]]()


@pytest.fixture(scope="session")
def record_figure(request: pytest.FixtureRequest) -> Callable[[str, str, str], None]:
    """Note a measured figure, printed at the end of the run (it asserts nothing by itself)."""
    figures = request.config.stash.setdefault(FIGURES, {})

    def record(subject: str, name: str, value: str) -> None:
        figures.setdefault(subject, {})[name] = value

    return record


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    figures = config.stash.get(FIGURES, {})
    if figures:
        terminalreporter.section("figures seen by the image tests")
        for subject, values in figures.items():
            terminalreporter.line(f"{subject}: " + ", ".join(f"{k} {v}" for k, v in values.items()))
