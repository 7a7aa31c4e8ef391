"""What tells the server choices apart: workers, connections, users, signals (tests/image covers the rest)."""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from harness.containers import Container, running
from harness.docker_cli import docker
from harness.servers import fully_started
from tests.support.app_routes import SLOW_SECONDS
from tests.support.image_matrix import BuiltImage

pytestmark = [pytest.mark.docker, pytest.mark.slow]

REQUESTS_ON_ONE_CONNECTION = 50
# OpenShift's way: a uid that the image has never heard of, in the root group.
ARBITRARY_USER = "123456:0"


@pytest.mark.parametrize("web_concurrency", [None, 3], ids=["default", "WEB_CONCURRENCY=3"])
def test_workers_are_web_concurrency_else_the_servers_default(
    server_image: BuiltImage, web_concurrency: int | None
) -> None:
    expected = server_image.server.workers if web_concurrency is None else web_concurrency
    options = () if web_concurrency is None else ("-e", f"WEB_CONCURRENCY={web_concurrency}")
    count_children_of_pid_1 = "grep -l '^PPid:[[:space:]]*1$' /proc/[0-9]*/status | wc -l"
    with running(server_image.image, *options) as container:
        fully_started(container, server_image.server, expected)
        children = int(container.exec("sh", "-c", count_children_of_pid_1))

    assert children == server_image.server.behaviour.children_of_pid_1(expected)


def test_a_client_reusing_its_connection_gets_every_response(server_image: BuiltImage) -> None:
    """As a proxy with upstream keep-alive does: many requests on one connection.

    The server keeps the connection open, or says `Connection: close` before
    closing it, and http.client then opens a new one. Closing without saying
    so would reset the client's next request (RemoteDisconnected here).
    """
    statuses, says_close, local_ports = [], [], set()
    with running(server_image.image) as container:
        fully_started(container, server_image.server)
        connection = container.connection()
        try:
            for _ in range(REQUESTS_ON_ONE_CONNECTION):
                connection.request("GET", "/healthz")
                local_ports.add(connection.sock.getsockname()[1])
                response = connection.getresponse()
                response.read()
                statuses.append(response.status)
                says_close.append(response.will_close)
        finally:
            connection.close()

    assert statuses == [200] * REQUESTS_ON_ONE_CONNECTION
    keeps_alive = server_image.server.keeps_alive
    assert says_close == [not keeps_alive] * REQUESTS_ON_ONE_CONNECTION
    assert len(local_ports) == (1 if keeps_alive else REQUESTS_ON_ONE_CONNECTION)


@contextmanager
def idle_connections(container: Container, count: int) -> Iterator[list[http.client.HTTPConnection]]:
    """`count` client connections that have each had a response and are left open, as a proxy's pool leaves them."""
    connections = [container.connection() for _ in range(count)]
    try:
        for connection in connections:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            assert response.status == 200
        yield connections
    finally:
        for connection in connections:
            connection.close()


def test_idle_connections_hold_no_worker(server_image: BuiltImage) -> None:
    """As many idle connections as workers, and a new client is still served at once.

    A sync worker that kept connections alive would sit on an idle one until
    its read timed out (uWSGI's http11-socket: 4 s), leaving new clients queued.
    """
    with running(server_image.image) as container:
        fully_started(container, server_image.server)
        with idle_connections(container, server_image.server.workers):
            started = time.monotonic()
            status, _ = container.get("/healthz")
            seconds = time.monotonic() - started

    assert status == 200
    assert seconds < 1


def test_docker_stop_with_an_idle_keep_alive_connection_exits_0_quickly(
    server_image: BuiltImage, record_figure
) -> None:
    with running(server_image.image) as container:
        fully_started(container, server_image.server)
        with idle_connections(container, 1):
            seconds, exit_code = container.stop()
        logs = container.logs()

    assert exit_code == 0
    assert seconds < 3
    for line in server_image.server.graceful_stop_lines:
        assert line in logs
    record_figure(server_image.variant.id, "ms to stop with an idle connection", f"{seconds * 1000:.0f}")


def test_serves_and_stops_as_an_arbitrary_uid_in_the_root_group(server_image: BuiltImage) -> None:
    """As OpenShift runs images: a uid with no passwd entry, gid 0, and a read-only root."""
    with running(server_image.image, "--user", ARBITRARY_USER, "--read-only", "--tmpfs", "/tmp") as container:
        fully_started(container, server_image.server)
        status, _ = container.get("/")
        ids = container.exec("sh", "-c", "echo $(id -u):$(id -g)").strip()
        seconds, exit_code = container.stop()
        logs = container.logs()

    assert status == 200
    assert ids == ARBITRARY_USER
    assert exit_code == 0
    assert seconds < 3
    for line in server_image.server.graceful_stop_lines:
        assert line in logs


@pytest.mark.parametrize("server_image", ["uwsgi"], indirect=True)
def test_uwsgi_sigint_drops_requests_in_flight(server_image: BuiltImage) -> None:
    """Documented, not chosen: uWSGI's SIGINT is an immediate kill, which is why the image stops it with SIGTERM."""
    with running(server_image.image) as container:
        fully_started(container, server_image.server)
        pool, request = container.in_flight("/slow")
        started = time.monotonic()
        docker("kill", "--signal=SIGINT", container.id)
        docker("wait", container.id)
        seconds = time.monotonic() - started
        with pytest.raises((ConnectionError, OSError)):
            request.result()
        pool.shutdown()

    assert seconds < SLOW_SECONDS, "SIGINT did not wait for the request"
