"""A server under load: wrk on loopback, with the container's memory sampled meanwhile.

wrk (Debian's package) generates the load: written in C with an event loop,
one thread of it keeps the connections busy while leaving the other core to
the server, where a load generator in Python would take that core itself.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import statistics
import subprocess
import threading
from pathlib import Path

from harness.containers import Container
from harness.docker_cli import docker

WRK_SCRIPT = Path(__file__).with_name("load.lua")
MEMORY_UNITS = {"B": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30}


@dataclasses.dataclass(frozen=True)
class Load:
    """Closed-loop load: each connection sends its next request once the last one's response came."""

    connections: int = 8
    seconds: int = 8
    max_requests: int = 30_000
    path: str = "/"
    # Each round on a fresh container. In one 8 s round, p99 rests on about a
    # hundred requests, and a single stall of the machine can double it for
    # any server; the median round's figure is the server's own.
    rounds: int = 5

    def describe(self) -> dict[str, object]:
        return {"tool": wrk_version(), **dataclasses.asdict(self)}


def wrk_version() -> str:
    # `wrk -v` prints its version and usage, and exits 1.
    banner = subprocess.run(["wrk", "-v"], text=True, capture_output=True).stdout
    return banner.split(" Copyright")[0].strip()


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("The servers' load needs wrk: `apt-get install wrk`; a bare `--servers` leaves them out.")


def run_load(container: Container, load: Load) -> dict[str, float]:
    """Requests per second, p50 and p99 latency, errors, and peak memory of `container` under `load`."""
    sampler = MemorySampler(container.id)
    sampler.start()
    try:
        wrk = subprocess.run(
            [
                "wrk",
                "--threads=1",
                f"--connections={load.connections}",
                f"--duration={load.seconds}s",
                f"--script={WRK_SCRIPT}",
                f"http://127.0.0.1:{container.port}{load.path}",
                "--",
                str(load.max_requests),
            ],
            text=True,
            capture_output=True,
            check=True,
            timeout=load.seconds + 30,
        )
    finally:
        peak_bytes = sampler.stop()
    figures = json.loads(wrk.stdout.strip().splitlines()[-1])
    return {
        "requests": figures["requests"],
        "requests_per_s": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "connection_errors": sum(figures[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")),
        "status_errors": figures["status_errors"],
        "memory_mib": peak_bytes / 2**20,
    }


def combine_rounds(rounds: list[dict[str, float]]) -> dict[str, float]:
    """One server's figures from its rounds.

    p50 and p99 are those of one round, the median one by p99 over p50, so that
    the two quoted side by side are a tail that some round had; with an even
    number of rounds, the worse of the middle two. Requests per second are the
    median over the rounds, counts add up, and memory is the highest.
    """
    by_tail = sorted(rounds, key=lambda round_: round_["p99_ms"] / round_["p50_ms"])
    median_round = by_tail[len(by_tail) // 2]
    return {
        "requests": sum(round_["requests"] for round_ in rounds),
        "requests_per_s": statistics.median(round_["requests_per_s"] for round_ in rounds),
        "p50_ms": median_round["p50_ms"],
        "p99_ms": median_round["p99_ms"],
        "connection_errors": sum(round_["connection_errors"] for round_ in rounds),
        "status_errors": sum(round_["status_errors"] for round_ in rounds),
        "memory_mib": max(round_["memory_mib"] for round_ in rounds),
        "workers": _same_in_every_round(rounds, "workers"),
    }


def _same_in_every_round(rounds: list[dict[str, float]], key: str) -> float:
    values = {round_[key] for round_ in rounds}
    if len(values) != 1:
        raise ValueError(f"{key} differs between the rounds of one setting: {sorted(values)}")
    return values.pop()


class MemorySampler(threading.Thread):
    """The highest memory use that `docker stats` reports for a container until stopped."""

    def __init__(self, container_id: str) -> None:
        super().__init__(daemon=True)
        self.container_id = container_id
        self.peak_bytes = 0.0
        self._stopping = threading.Event()

    def run(self) -> None:
        # Each `docker stats --no-stream` takes a second or two: a few samples per load.
        while not self._stopping.is_set():
            usage = docker("stats", "--no-stream", "--format", "{{.MemUsage}}", self.container_id, check=False)
            if usage.returncode == 0:
                self.peak_bytes = max(self.peak_bytes, parse_memory(usage.stdout))

    def stop(self) -> float:
        self._stopping.set()
        self.join()
        if not self.peak_bytes:
            raise RuntimeError(f"docker stats gave no memory figure for {self.container_id}")
        return self.peak_bytes


def parse_memory(usage: str) -> float:
    """Bytes in `docker stats`' "42.2MiB / 23.5GiB": the first figure, the container's use."""
    match = re.match(r"\s*([\d.]+)\s*([KMG]?i?B)", usage)
    if not match:
        raise ValueError(f"not a docker stats memory figure: {usage!r}")
    return float(match[1]) * MEMORY_UNITS[match[2]]
