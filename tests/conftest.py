from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness.options import SERVERS
from tests.support.app_routes import FAILING_ROUTE, SLOW_ROUTE, add_routes
from tests.support.docker_cli import docker_available
from tests.support.images import build_image, checkout_tag
from tests.support.rendering import answers_with, assert_answers_recorded, recorded_answers
from tests.support.servers import ServerImage
from tests.support.template_repo import snapshot_template

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
        pytest.fail(f"{reason}, and CI=true requires it (.ci/install-docker-engine.sh installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def kubectl() -> None:
    require_command("kubectl", "version", "--client")


@pytest.fixture(scope="session")
def docker_compose(docker_engine) -> None:
    require_command("docker", "compose", "version")


@pytest.fixture(scope="session", params=list(SERVERS))
def server_image(request, docker_engine, render_session, record_figure) -> ServerImage:
    """One image per server, with the default answers, and routes of the user's own that are slow or fail."""
    server = SERVERS[request.param]
    project = render_session(project_name=f"Served By {server.name}", server=server.name, dockerfile_syntax="")
    add_routes(project / "src" / recorded_answers(project)["package_name"] / "app.py", SLOW_ROUTE, FAILING_ROUTE)
    build = build_image(project, checkout_tag(f"server-{server.name}"))
    record_figure(f"server {server.name}", "build s", f"{build.seconds:.1f}")
    return ServerImage(server, project, build.tag)


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
