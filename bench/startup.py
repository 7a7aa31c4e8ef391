"""How fast an image starts serving and stops, as an orchestrator sees it."""

from __future__ import annotations

import statistics

from harness.containers import running


def start_and_stop_ms(image: str, runs: int) -> tuple[float, float]:
    """Medians over `runs` containers: ms from `docker run` to the first HTTP 200, and ms for `docker stop`."""
    first_200: list[float] = []
    stop: list[float] = []
    for _ in range(runs):
        with running(image) as container:
            first_200.append(container.ms_to_first_200("/"))
            seconds, _exit_code = container.stop()
            stop.append(seconds * 1000)
    return statistics.median(first_200), statistics.median(stop)
