"""With log_format=json every server writes one JSON object per line, with the same keys for requests."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from harness.answers import recorded_answers
from harness.containers import running
from harness.docker_cli import docker
from harness.servers import fully_started
from tests.support.app_routes import FAILING_ROUTE_WARNING
from tests.support.image_matrix import BuiltImage

pytestmark = [pytest.mark.docker, pytest.mark.slow]

ACCESS_KEYS = {"time", "client", "method", "path", "query", "status", "duration_us"}
RECORD_KEYS = {"time", "level", "logger", "message"}
# A path with characters that a log format must escape to stay JSON, once the
# server has decoded it.
AWKWARD_PATH = ("/no-such-page/%22quoted%22%5Cback", '/no-such-page/"quoted"\\back')
# uWSGI prints these before its logger starts, so they cannot be JSON.
UWSGI_PRELUDE = ("[uWSGI] getting INI configuration", "[log-encoder] registered")


def parse_lines(text: str, stream: str) -> list[dict[str, Any]]:
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            raise AssertionError(f"not a JSON line on {stream}: {line!r}") from None
        assert isinstance(entry, dict), f"not a JSON object on {stream}: {line!r}"
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def logs_after_requests(server_image: BuiltImage) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(stdout, stderr) of a container that served a few requests, one failing, and then stopped."""
    assert recorded_answers(server_image.project)["log_format"] == "json"
    with running(server_image.image) as container:
        fully_started(container, server_image.server)
        statuses = [container.get(path)[0] for path in ("/healthz?from=test", AWKWARD_PATH[0], "/fail")]
        container.stop()
        logs = docker("logs", container.id)

    assert statuses == [200, 404, 500]
    stderr = logs.stderr
    if server_image.server.name == "uwsgi":
        stderr = "\n".join(line for line in stderr.splitlines() if not line.startswith(UWSGI_PRELUDE))
    return parse_lines(logs.stdout, "stdout"), parse_lines(stderr, "stderr")


def test_each_request_is_one_json_line_on_stdout_with_the_common_keys(logs_after_requests) -> None:
    access, _ = logs_after_requests

    assert {frozenset(entry) for entry in access} == {frozenset(ACCESS_KEYS)}
    by_path = {entry["path"]: entry for entry in access}
    healthz, awkward, failed = (by_path[path] for path in ("/healthz", AWKWARD_PATH[1], "/fail"))
    assert (healthz["method"], healthz["query"], healthz["status"]) == ("GET", "from=test", 200)
    assert awkward["status"] == 404
    assert (failed["query"], failed["status"]) == ("", 500)
    for entry in access:
        datetime.fromisoformat(entry["time"])
        assert isinstance(entry["duration_us"], int)
        assert entry["duration_us"] > 0
        assert entry["client"].split(":")[0].count(".") == 3, f"client {entry['client']!r} is no IPv4 address"


def test_the_apps_records_and_the_servers_own_are_json_on_stderr(logs_after_requests, server_image) -> None:
    _, records = logs_after_requests
    package = recorded_answers(server_image.project)["package_name"]

    assert records, "the server logs nothing on stderr"
    for record in records:
        assert set(record) >= RECORD_KEYS, record
        datetime.fromisoformat(record["time"])
    warning = [r for r in records if r["message"] == FAILING_ROUTE_WARNING]
    assert [(r["level"], r["logger"]) for r in warning] == [("WARNING", f"{package}.app")]
    failure = [r for r in records if "RuntimeError: failed on purpose" in r.get("exception", "")]
    assert [r["level"] for r in failure] == ["ERROR"], "the 500's traceback must be one record, in its exception key"
    stop_messages = " ".join(record["message"] for record in records)
    for line in server_image.server.graceful_stop_lines:
        assert line in stop_messages
    assert not [r for r in records if "/healthz" in json.dumps(r)], "requests are logged on stdout only"
