"""The generated README's ways to run the app on this machine work, and show what the server logs."""

from __future__ import annotations

import json

import pytest

from harness.answers import recorded_answers
from harness.loopback import free_port
from harness.options import SERVER_CHOICES, SERVERS
from tests.support.local_server import serving
from tests.support.markdown import shell_blocks
from tests.support.rendering import run_in
from tests.support.template_releases import append, replace_once

pytestmark = pytest.mark.slow

# The README's commands serve on port 8000, which another test run on this
# machine may hold; each server is moved to a free port in the file that sets it,
# and each development server by its environment variable.
DEV_PORT_VARIABLES = {"flask": "FLASK_RUN_PORT", "fastapi-granian": "GRANIAN_PORT", "fastapi-uvicorn": "UVICORN_PORT"}

ADDED_ROUTE = '\n\n@app.get("/added")\ndef added() -> dict[str, str]:\n    return {"added": "yes"}\n'


def json_lines(output: str) -> list[dict]:
    """The JSON objects among the lines that the terminal shows (log_format is json by default)."""
    entries = []
    for line in output.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def moved_to(project, server: str, port: int) -> None:
    """Point the server at `port`, in the line of its settings that names port 8000."""
    file, line = SERVERS[server].port_setting
    replace_once(project / file, line, line.replace("8000", str(port)))


@pytest.mark.parametrize(("framework", "server"), SERVER_CHOICES.values(), ids=SERVER_CHOICES)
def test_readme_runs_the_server_locally_with_its_logs(render, framework, server) -> None:
    project = render(framework=framework.name, server=server.name)
    command = shell_blocks((project / "README.md").read_text(), "Run it locally")[0]
    run_in(project, "uv", "sync", "--locked")
    port = free_port()

    moved_to(project, server.name, port)
    with serving(command, project, port, {}) as local:
        local.wait_for_status("/")
        assert local.get("/healthz")[0] == 200
        # Let the log lines reach the file before the server is stopped.
        local.wait_for_status("/no-such-page", 404)
        local.wait_for_output('"/healthz"')

    logged = {(entry.get("method"), entry.get("path"), entry.get("status")) for entry in json_lines(local.output())}
    assert ("GET", "/healthz", 200) in logged, f"no request logged by {command!r}:\n{local.output()}"
    # Granian's default of 256 threads per worker made it warn on every start
    # that it may spawn more Python threads than the CPUs can run.
    assert "Python threads" not in local.output(), local.output()


@pytest.mark.parametrize("choice", DEV_PORT_VARIABLES)
def test_readme_dev_server_reloads_on_a_code_change(render, choice: str) -> None:
    """Flask's development server, or for FastAPI its server's reload mode."""
    framework, *server = choice.split("-")
    project = render(framework=framework, **({"server": server[0]} if server else {}))
    package = recorded_answers(project)["package_name"]
    command = shell_blocks((project / "README.md").read_text(), "Run it locally")[1]
    assert f"{package}.app" in command
    port = free_port()

    with serving(command, project, port, {DEV_PORT_VARIABLES[choice]: str(port)}) as local:
        local.wait_for_status("/")
        assert local.get("/added")[0] == 404
        append(project / f"src/{package}/app.py", ADDED_ROUTE)
        local.wait_for_status("/added")
