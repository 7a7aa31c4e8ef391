"""`copier update --data framework=...` never rewrites the app: over an app of the other framework it stops,
and once the team has ported the app it moves the rest of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.answers import answers_with, recorded_answers
from harness.copier_cli import copier_cli, copy_template
from harness.template_repo import commit_all
from tests.support.project_updates import copy_and_commit, update
from tests.support.rendering import run_in
from tests.support.template_releases import release_ignoring_env_files, template_releases

pytestmark = pytest.mark.slow

USER_ROUTE = '\n\n@app.get("/team")\ndef team() -> dict[str, str]:\n    return {"team": "payments"}\n'


@pytest.fixture
def flask_project(tmp_path: Path) -> tuple[Path, str, Path]:
    """A Flask project with a route of its own, committed; and the template release it came from."""
    releases = template_releases(tmp_path / "template", release_ignoring_env_files)
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project")
    app_module = project / "src" / recorded_answers(project)["package_name"] / "app.py"
    app_module.write_text(app_module.read_text() + USER_ROUTE)
    commit_all(project, "Our own route")
    return project, releases.repo, app_module


def test_changing_framework_over_the_old_apps_code_fails_and_says_what_to_do(flask_project) -> None:
    project, _, app_module = flask_project
    before = app_module.read_text()

    result = copier_cli("update", "--trust", "--defaults", "--data", "framework=fastapi", cwd=project)

    assert result.returncode != 0, result.stderr
    message = " ".join(result.stderr.split())
    assert f"framework is now fastapi, but {app_module.relative_to(project)} imports flask" in message
    assert "port src/" in message
    assert "git reset --hard" in message
    assert app_module.read_text() == before, "the update must leave the team's code alone"


def test_changing_framework_after_porting_the_app_moves_the_project(flask_project, tmp_path: Path) -> None:
    project, template, app_module = flask_project
    example = tmp_path / "fastapi-example"
    assert copy_template(template, example, answers_with(framework="fastapi")).returncode == 0
    for owned in (app_module.relative_to(project), Path("tests/test_app.py")):
        (project / owned).write_text((example / owned).read_text())
    commit_all(project, "Port the app to FastAPI")

    update(project, ":current:", "--data", "framework=fastapi")

    answers = recorded_answers(project)
    assert (answers["framework"], answers["server"]) == ("fastapi", "uvicorn")
    assert "from fastapi import FastAPI" in app_module.read_text()
    assert "flask" not in (project / "pyproject.toml").read_text()
    # run_in fails unless pytest exits 0, which it does only if it collected tests and all passed.
    run_in(project, "uv", "run", "--locked", "pytest", "-q")
