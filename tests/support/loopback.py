"""A client on this machine's loopback: a free port to publish on, and one GET to whatever serves there."""

from __future__ import annotations

import http.client
import socket


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
