"""A client on this machine's loopback: a free port to publish on, and GETs to whatever serves there."""

from __future__ import annotations

import http.client
import socket
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def connection(port: int, timeout: float = 5.0) -> http.client.HTTPConnection:
    """A client connection to 127.0.0.1:`port`, opened on its first request."""
    return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """One GET on a connection of its own: the status and the body."""
    client = connection(port, timeout)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, response.read()
    finally:
        client.close()


def wait_for_200(port: int, path: str = "/", within: float = 5.0, since: float | None = None) -> float:
    """Poll until `path` answers 200; the seconds it took, counted from `since` (a time.monotonic()) or now.

    Raises TimeoutError if it never did, within `within` seconds of `since`.
    """
    started = time.monotonic() if since is None else since
    while time.monotonic() < started + within:
        try:
            if get(port, path, timeout=1.0)[0] == 200:
                return time.monotonic() - started
        except (ConnectionError, http.client.HTTPException, OSError):
            pass
        time.sleep(0.02)
    raise TimeoutError(f"no 200 from 127.0.0.1:{port}{path} within {within} s")
