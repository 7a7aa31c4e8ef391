"""Run an image and observe it the way a client and an orchestrator would."""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from . import loopback
from .docker_cli import docker

CONTAINER_PORT = 8000


@dataclass
class Container:
    id: str
    port: int
    started_at: float

    def connection(self, timeout: float = 5.0) -> http.client.HTTPConnection:
        """A client connection to the published port, opened on its first request."""
        return loopback.connection(self.port, timeout)

    def get(self, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
        return loopback.get(self.port, path, timeout)

    def ms_to_first_200(self, path: str = "/", within: float = 5.0) -> float:
        """Poll until `path` answers 200; the time counts from `docker run`."""
        try:
            return loopback.wait_for_200(self.port, path, within, since=self.started_at) * 1000
        except TimeoutError as timeout:
            raise AssertionError(f"{timeout}; logs:\n{self.logs()}") from None

    def wait_for_log(self, text: str, times: int, within: float = 10.0) -> None:
        """Wait until `text` has been logged `times` times."""
        deadline = time.monotonic() + within
        while self.logs().count(text) < times:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not logged {times} times within {within} s:\n{self.logs()}")
            time.sleep(0.05)

    def in_flight(self, path: str) -> tuple[ThreadPoolExecutor, Future[tuple[int, bytes]]]:
        """Start a request in the background and give it time to reach a worker."""
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(self.get, path, 15.0)
        time.sleep(0.5)
        return pool, future

    def exec(self, *command: str, user: str | None = None) -> str:
        return docker("exec", *(["--user", user] if user else []), self.id, *command).stdout

    def logs(self) -> str:
        result = docker("logs", self.id, check=False)
        return result.stdout + result.stderr

    def stop(self, timeout: int | None = None) -> tuple[float, int]:
        """`docker stop`, with its default timeout unless given one; returns (seconds taken, exit code)."""
        started = time.monotonic()
        docker("stop", *(["--time", str(timeout)] if timeout is not None else []), self.id)
        seconds = time.monotonic() - started
        return seconds, int(docker("inspect", "-f", "{{.State.ExitCode}}", self.id).stdout)


@contextmanager
def running(image: str, *run_options: str) -> Iterator[Container]:
    """Run `image` detached with its port on a free loopback port; remove it afterwards."""
    started_at = time.monotonic()
    container_id = docker("run", "-d", "-p", f"127.0.0.1::{CONTAINER_PORT}", *run_options, image).stdout.strip()
    try:
        mapping = docker("port", container_id, str(CONTAINER_PORT)).stdout.split()[0]
        yield Container(container_id, int(mapping.rsplit(":", 1)[1]), started_at)
    finally:
        docker("rm", "-f", container_id, check=False)
