from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.docker_cli import docker_available
from tests.support.rendering import answers_with, assert_answers_recorded
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
