"""What each server choice looks like from outside the container."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Server:
    name: str
    # Lines that the server logs (on stderr) when it shuts down gracefully.
    graceful_stop_lines: tuple[str, ...]
    # Logged once by each worker as it starts: the server is fully up when
    # there is one per worker.
    worker_started: str
    # Whether it keeps an HTTP/1.1 connection open for the next request; if
    # not, each response says `Connection: close`.
    keeps_alive: bool


SERVERS = {
    "uwsgi": Server(
        "uwsgi", ("graceful shutdown triggered", "goodbye to uWSGI"), "spawned uWSGI worker", keeps_alive=False
    ),
    "gunicorn": Server(
        "gunicorn", ("Handling signal: term", "Shutting down: Master"), "Booting worker with pid", keeps_alive=False
    ),
    "granian": Server(
        "granian", ("Shutting down granian", "Granian shutdown completed"), "Started worker-", keeps_alive=True
    ),
}


def runs_server(command_line: list[str], server: str) -> bool:
    """Whether a /proc cmdline is the server itself (maybe via its script's interpreter), not a shell."""
    programs = [part.rsplit("/", 1)[-1] for part in command_line[:2]]
    return programs[0] not in ("sh", "dash", "bash") and server in programs
