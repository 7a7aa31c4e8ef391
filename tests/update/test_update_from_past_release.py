"""A project generated from the published 0.1.0, with the team's own dependency and route, updates to this release."""

from __future__ import annotations

import json
import tomllib

import pytest

from harness.answers import recorded_answers
from harness.containers import running
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag
from harness.template_repo import commit_all
from tests.support.project_updates import files_with_conflict_markers, locked_versions
from tests.support.rendering import run_in
from tests.support.template_releases import append

pytestmark = [pytest.mark.docker, pytest.mark.slow]

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


def test_a_project_from_0_1_0_with_its_own_dependency_and_route_updates_cleanly(
    project_from, docker_engine: None
) -> None:
    # 0.1.0 records the answer, and the update keeps it.
    past = project_from(PAST_RELEASE, **BUILT_IN_FRONTEND)
    project = past.path
    package = recorded_answers(project)["package_name"]
    run_in(project, "uv", "add", "--no-sync", USER_DEPENDENCY)
    append(project / f"src/{package}/app.py", USER_ROUTE)
    append(project / "tests/test_app.py", USER_ROUTE_TEST)
    commit_all(project, "Our HTTP client route")
    owned = {path: (project / path).read_text() for path in (f"src/{package}/app.py", "tests/test_app.py")}
    assert '"uwsgi>=2.0.28",' in (project / "pyproject.toml").read_text(), "not the 0.1.0 this test is about"

    # 0.1.0 loads its Jinja extension: the first update needs the package, as README.md says.
    result = past.update()

    assert recorded_answers(project)["_commit"] == past.releases.new
    # The line merge conflicts on the server's requirement next to the team's; the update merges it by package.
    assert "[project] dependencies: took the template's pyuwsgi>=2.0.30" in result.stdout
    assert "[project] dependencies: removed uwsgi>=2.0.28, as the template does" in result.stdout
    dependencies = tomllib.loads((project / "pyproject.toml").read_text())["project"]["dependencies"]
    assert [d for d in dependencies if not d.startswith(USER_DEPENDENCY)] == ["flask>=3.1", "pyuwsgi>=2.0.30"]
    assert any(d.startswith(f"{USER_DEPENDENCY}>=") for d in dependencies)
    assert files_with_conflict_markers(project) == []
    assert "conflicts with your changes" not in result.stderr
    assert not [line for line in run_in(project, "git", "status", "--porcelain").stdout.splitlines() if "U" in line[:2]]
    # Relocked: the new server in, the old one out, the team's dependency kept.
    run_in(project, "uv", "lock", "--check")
    locked = locked_versions(project)
    assert {"pyuwsgi", USER_DEPENDENCY} <= locked.keys()
    assert "uwsgi" not in locked
    # The team's code is untouched and its tests pass.
    for path, text in owned.items():
        assert (project / path).read_text() == text, f"{path} belongs to the project; the update changed it"
    run_in(project, "uv", "run", "--locked", "pytest")
    run_in(project, "uv", "run", "--locked", "pytest", "tests/test_app.py::test_http_client_names_httpx")
    # The image builds and serves the team's route, with the locked httpx inside.
    build = build_image(project, checkout_tag("updated-from-0.1.0"))
    with running(build.tag) as container:
        container.ms_to_first_200("/http-client")
        status, body = container.get("/http-client")
    assert status == 200
    assert json.loads(body) == {"client": f"httpx {locked[USER_DEPENDENCY]}"}
