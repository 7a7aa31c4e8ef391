"""A project generated from the published 0.1.0, with the team's own dependency and route, updates to this release."""

from __future__ import annotations

import json
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.containers import running
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag
from harness.template_repo import commit_all
from tests.support.past_projects import past_project
from tests.support.past_releases import UpgradePath
from tests.support.project_updates import files_with_conflict_markers, locked_versions
from tests.support.rendering import run_in
from tests.support.template_releases import append

pytestmark = pytest.mark.slow

PAST_RELEASE = "0.1.0"
# The team's work: a dependency, and a route that uses it, with its test.
USER_DEPENDENCY = "httpx"
USER_ROUTE = (
    '\n\n@app.get("/http-client")\n'
    "def http_client() -> dict[str, str]:\n"
    "    import httpx\n\n"
    '    return {"client": f"httpx {httpx.__version__}"}\n'
)
USER_ROUTE_TEST = (
    "\n\ndef test_http_client_names_httpx(client: FlaskClient) -> None:\n"
    '    assert client.get("/http-client").json["client"].startswith("httpx ")\n'
)


@dataclass(frozen=True)
class Updated:
    project: Path
    releases: UpgradePath
    result: subprocess.CompletedProcess[str]
    owned: dict[str, str]


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> Updated:
    # 0.1.0 records the answer, and the update keeps it.
    past = past_project(tmp_path_factory.mktemp("from-0.1.0"), PAST_RELEASE, **BUILT_IN_FRONTEND)
    project = past.path
    package = recorded_answers(project)["package_name"]
    run_in(project, "uv", "add", "--no-sync", USER_DEPENDENCY)
    append(project / f"src/{package}/app.py", USER_ROUTE)
    append(project / "tests/test_app.py", USER_ROUTE_TEST)
    commit_all(project, "Our HTTP client route")
    owned = {path: (project / path).read_text() for path in (f"src/{package}/app.py", "tests/test_app.py")}
    assert '"uwsgi>=2.0.28",' in (project / "pyproject.toml").read_text(), "not the 0.1.0 this test is about"

    # 0.1.0 loads its Jinja extension: the first update needs the package, as README.md says.
    return Updated(project, past.releases, past.update(), owned)


def test_the_update_records_the_new_release(updated: Updated) -> None:
    assert recorded_answers(updated.project)["_commit"] == updated.releases.new


def test_the_servers_requirement_is_merged_by_package_beside_the_teams(updated: Updated) -> None:
    """The line merge conflicts on the server's requirement next to the team's; the update merges it by package."""
    dependencies = tomllib.loads((updated.project / "pyproject.toml").read_text())["project"]["dependencies"]

    assert [d for d in dependencies if not d.startswith(USER_DEPENDENCY)] == ["flask>=3.1", "pyuwsgi>=2.0.30"]
    assert any(d.startswith(f"{USER_DEPENDENCY}>=") for d in dependencies)


def test_the_merge_reports_what_it_took_and_removed(updated: Updated) -> None:
    assert "[project] dependencies: took the template's pyuwsgi>=2.0.30" in updated.result.stdout
    assert "[project] dependencies: removed uwsgi>=2.0.28, as the template does" in updated.result.stdout


def test_nothing_is_left_in_conflict(updated: Updated) -> None:
    status = run_in(updated.project, "git", "status", "--porcelain").stdout.splitlines()

    assert files_with_conflict_markers(updated.project) == []
    assert "conflicts with your changes" not in updated.result.stderr
    assert not [line for line in status if "U" in line[:2]]


def test_the_lock_has_the_new_server_and_the_teams_dependency(updated: Updated) -> None:
    run_in(updated.project, "uv", "lock", "--check")
    locked = locked_versions(updated.project)

    assert {"pyuwsgi", USER_DEPENDENCY} <= locked.keys()
    assert "uwsgi" not in locked


def test_the_teams_code_is_untouched_and_its_tests_pass(updated: Updated) -> None:
    project = updated.project
    for path, text in updated.owned.items():
        assert (project / path).read_text() == text, f"{path} belongs to the project; the update changed it"
    run_in(project, "uv", "run", "--locked", "pytest")
    # Named, so that it fails (exit 4) if the team's test is not there any more.
    run_in(project, "uv", "run", "--locked", "pytest", "tests/test_app.py::test_http_client_names_httpx")


@pytest.mark.docker
def test_the_image_serves_the_teams_route_with_the_locked_httpx(updated: Updated, docker_engine: None) -> None:
    build = build_image(updated.project, checkout_tag("updated-from-0.1.0"))
    with running(build.tag) as container:
        container.ms_to_first_200("/http-client")
        status, body = container.get("/http-client")

    assert status == 200
    assert json.loads(body) == {"client": f"httpx {locked_versions(updated.project)[USER_DEPENDENCY]}"}
