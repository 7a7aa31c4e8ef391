from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness.answers import answers_with, recorded_answers
from harness.docker_cli import docker_available
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag, ensure_referenced_images
from harness.layers import image_size_mb
from harness.options import BASE_IMAGES, SERVERS
from harness.platforms import EMULATED, EMULATED_BASE_IMAGE
from harness.template_repo import snapshot_template
from tests.support.app_routes import FAILING_ROUTE, SLOW_ROUTE, add_routes
from tests.support.image_matrix import BASE_IMAGE_VARIANTS, MATRIX, SERVER_VARIANTS, BuiltImage, Variant
from tests.support.rendering import assert_answers_recorded

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


def require_command(*command: str) -> None:
    """Like docker_engine, for another command line tool: skip without it, except in CI."""
    if shutil.which(command[0]) and subprocess.run(command, capture_output=True).returncode == 0:
        return
    reason = f"`{' '.join(command)}` does not run here"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires it (a script in .ci/ installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def kubectl() -> None:
    require_command("kubectl", "version", "--client")


@pytest.fixture(scope="session")
def docker_compose(docker_engine) -> None:
    require_command("docker", "compose", "version")


@pytest.fixture(scope="session")
def publish_tools(docker_engine) -> None:
    """A registry to run on loopback, cosign, skopeo and ip (.ci/install-publish-tools.sh installs them)."""
    for command in (["docker-registry", "--version"], ["cosign", "version"], ["skopeo", "--version"], ["ip", "-V"]):
        require_command(*command)


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
            add_routes(project / "src" / answers["package_name"] / "app.py", SLOW_ROUTE, FAILING_ROUTE)
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
def build_emulated(docker_engine, render_session, record_figure) -> Callable[[str], BuiltImage]:
    """A server's image for the emulated platform (arm64 on an amd64 machine), built the first time it is asked for."""
    images: dict[str, BuiltImage] = {}

    def build(server: str) -> BuiltImage:
        if server not in images:
            variant = Variant(EMULATED_BASE_IMAGE, SERVERS[server])
            project = render_session(**variant.answers(), **BUILT_IN_FRONTEND)
            answers = recorded_answers(project)
            build = build_image(project, checkout_tag(f"{variant.id}-{EMULATED.arch}"), platform=EMULATED)
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
