"""What each server choice looks like from outside the container."""

from __future__ import annotations

from .containers import Container
from .options import Server


def runs_server(command_line: list[str], server: str) -> bool:
    """Whether a /proc cmdline is the server itself (maybe via its script's interpreter), not a shell."""
    programs = [part.rsplit("/", 1)[-1] for part in command_line[:2]]
    return programs[0] not in ("sh", "dash", "bash") and server in programs


def fully_started(container: Container, server: Server, workers: int | None = None) -> None:
    """Serving, and every worker booted: `workers` of them, else the server's default count.

    Granian loses a stop signal that reaches a worker still booting; that stop
    then takes GRANIAN_WORKERS_KILL_TIMEOUT (the README says so). The tests
    that stop a server therefore stop one that is fully up.
    """
    container.ms_to_first_200()
    container.wait_for_log(server.worker_started, server.workers if workers is None else workers)
