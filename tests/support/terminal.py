"""A command in a pseudo-terminal of a fixed size, read back as a person would see the screen."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pexpect
import pyte

ENTER = "\r"
DOWN = "\x1b[B"


class Terminal:
    def __init__(self, command: list[str], *, cwd: Path, columns: int = 80, rows: int = 50) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": str(rows)}
        self.child = pexpect.spawn(
            command[0], command[1:], cwd=str(cwd), env=env, dimensions=(rows, columns), timeout=1
        )

    def lines(self) -> list[str]:
        """The screen's non-blank lines, without trailing blanks."""
        self._read()
        return [line.rstrip() for line in self.screen.display if line.strip()]

    def wait_for(self, text: str, within: float = 60) -> list[str]:
        """Wait until some line of the screen contains `text`; return the screen's lines."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            lines = self.lines()
            if any(text in line for line in lines):
                return lines
            if not self.child.isalive():
                break
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n" + "\n".join(self.lines()))

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def wait_for_exit(self, within: float = 180) -> int:
        deadline = time.monotonic() + within
        while self.child.isalive() and time.monotonic() < deadline:
            self._read()
            time.sleep(0.2)
        self._read()
        self.child.close()
        assert self.child.exitstatus is not None, "the command did not finish:\n" + "\n".join(self.lines())
        return self.child.exitstatus

    def _read(self) -> None:
        # After the command has exited and been closed, the screen holds all it wrote.
        while not self.child.closed:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except (pexpect.TIMEOUT, pexpect.EOF):
                return
