"""How each server looks from outside its container: what the tests and the bench watch for.

These facts describe the servers, not the template's options, so they live
here rather than in copier.yml; tests/servers/test_server_definitions.py checks that
both name the same servers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Behaviour:
    # What it logs (on stderr) on a graceful shutdown.
    graceful_stop_lines: tuple[str, ...]
    # What each worker logs once it has booted.
    worker_started: str
    # In the server's drain_file (copier.yml): a pattern whose group is the drain time in seconds.
    drain_pattern: str
    # Whether it keeps an HTTP/1.1 connection open for the next request; if not,
    # each response says `Connection: close`.
    keeps_alive: bool
    # The file and the line in it that set the port, 8000.
    port_setting: tuple[str, str]
    # Whether the server serves in PID 1 itself when it has one worker, rather than in a child.
    single_worker_is_pid_1: bool = False
    # Children of PID 1 besides the workers when it has several.
    helper_processes: int = 0

    def children_of_pid_1(self, workers: int) -> int:
        """The processes that the server starts under PID 1 to run `workers` workers."""
        if workers == 1 and self.single_worker_is_pid_1:
            return 0
        return workers + self.helper_processes


BEHAVIOUR = {
    "uwsgi": Behaviour(
        graceful_stop_lines=("graceful shutdown triggered", "goodbye to uWSGI"),
        worker_started="spawned uWSGI worker",
        drain_pattern=r"^worker-reload-mercy = (\d+)$",
        keeps_alive=False,
        port_setting=("uwsgi.ini", "http-socket = :8000"),
    ),
    "gunicorn": Behaviour(
        graceful_stop_lines=("Handling signal: term", "Shutting down: Master"),
        worker_started="Booting worker with pid",
        drain_pattern=r"^graceful_timeout = (\d+)$",
        keeps_alive=False,
        port_setting=("gunicorn.conf.py", 'bind = "0.0.0.0:8000"'),
    ),
    "granian": Behaviour(
        graceful_stop_lines=("Shutting down granian", "Granian shutdown completed"),
        worker_started="Started worker-",
        drain_pattern=r"GRANIAN_WORKERS_KILL_TIMEOUT:-(\d+)",
        keeps_alive=True,
        port_setting=("docker-entrypoint.sh", 'export GRANIAN_PORT="${GRANIAN_PORT:-8000}"'),
    ),
    "uvicorn": Behaviour(
        graceful_stop_lines=("Shutting down", "Finished server process"),
        # Each worker's, and the only process's without WEB_CONCURRENCY.
        worker_started="Started server process",
        drain_pattern=r"UVICORN_TIMEOUT_GRACEFUL_SHUTDOWN:-(\d+)",
        keeps_alive=True,
        port_setting=("docker-entrypoint.sh", 'export UVICORN_PORT="${UVICORN_PORT:-8000}"'),
        single_worker_is_pid_1=True,
        # multiprocessing's resource tracker, which its worker processes share.
        helper_processes=1,
    ),
}
