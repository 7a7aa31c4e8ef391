"""A README's command that serves the app on this machine, run as a person runs it in a shell."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from harness import loopback


@dataclass
class LocalServer:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def get(self, path: str) -> tuple[int, bytes]:
        return loopback.get(self.port, path)

    def wait_for_status(self, path: str, status: int = 200, within: float = 30) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server exited:\n{self.output()}"
            try:
                if self.get(path)[0] == status:
                    return
            except (ConnectionError, http.client.HTTPException, OSError):
                pass
            time.sleep(0.1)
        raise AssertionError(f"no {status} from {path} within {within} s:\n{self.output()}")

    def wait_for_output(self, text: str, within: float = 10) -> None:
        """Until `text` is in the output: a server may write its log lines a moment after it answers."""
        deadline = time.monotonic() + within
        while text not in self.output() and time.monotonic() < deadline:
            time.sleep(0.1)

    def output(self) -> str:
        """stdout and stderr as the terminal shows them, interleaved."""
        return self.log.read_text(errors="replace")


@contextmanager
def serving(command: str, cwd: Path, port: int, env: dict[str, str]) -> Iterator[LocalServer]:
    """Run `command` with sh; on leaving, Ctrl-C it (SIGINT to its process group), as in a terminal."""
    log = cwd / f".server-{port}.log"
    # A person's shell has no other project's virtualenv active.
    environment = {name: value for name, value in os.environ.items() if name != "VIRTUAL_ENV"} | env
    with log.open("wb") as sink:
        process = subprocess.Popen(
            ["sh", "-c", command], cwd=cwd, env=environment, stdout=sink, stderr=sink, start_new_session=True
        )
    try:
        yield LocalServer(process, port, log)
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
