"""What each server choice looks like from outside the container."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .containers import Container

DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class Server:
    name: str
    # Lines that the server logs (on stderr) when it shuts down gracefully.
    graceful_stop_lines: tuple[str, ...]
    # Logged once by each worker as it starts: the server is fully up when
    # there is one per worker.
    worker_started: str
    # Where a rendered project sets how long the server drains requests in
    # flight after SIGTERM: the file, and a pattern whose group is the seconds.
    drain_setting: tuple[str, str]
    # Whether it keeps an HTTP/1.1 connection open for the next request; if
    # not, each response says `Connection: close`.
    keeps_alive: bool

    def drain_seconds(self, project: Path) -> int:
        file, pattern = self.drain_setting
        match = re.search(pattern, (project / file).read_text(), re.MULTILINE)
        assert match, f"{file} no longer sets the drain time as {pattern!r}"
        return int(match.group(1))


SERVERS = {
    "uwsgi": Server(
        "uwsgi",
        ("graceful shutdown triggered", "goodbye to uWSGI"),
        "spawned uWSGI worker",
        ("uwsgi.ini", r"^worker-reload-mercy = (\d+)$"),
        keeps_alive=False,
    ),
    "gunicorn": Server(
        "gunicorn",
        ("Handling signal: term", "Shutting down: Master"),
        "Booting worker with pid",
        ("gunicorn.conf.py", r"^graceful_timeout = (\d+)$"),
        keeps_alive=False,
    ),
    "granian": Server(
        "granian",
        ("Shutting down granian", "Granian shutdown completed"),
        "Started worker-",
        ("docker-entrypoint.sh", r"GRANIAN_WORKERS_KILL_TIMEOUT:-(\d+)"),
        keeps_alive=True,
    ),
}


def runs_server(command_line: list[str], server: str) -> bool:
    """Whether a /proc cmdline is the server itself (maybe via its script's interpreter), not a shell."""
    programs = [part.rsplit("/", 1)[-1] for part in command_line[:2]]
    return programs[0] not in ("sh", "dash", "bash") and server in programs


@dataclass(frozen=True)
class ServerImage:
    """A session's image of a project served by `server`."""

    server: Server
    project: Path
    image: str


def fully_started(container: Container, server: Server, workers: int = DEFAULT_WORKERS) -> None:
    """Serving, and every worker booted.

    Granian loses a stop signal that reaches a worker still booting; that stop
    then takes GRANIAN_WORKERS_KILL_TIMEOUT (the README says so). The tests
    that stop a server therefore stop one that is fully up.
    """
    container.ms_to_first_200()
    container.wait_for_log(server.worker_started, workers)
