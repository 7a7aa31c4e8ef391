"""Timed builds of one Dockerfile: from an empty cache, unchanged, after a code change, after a new dependency."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from harness.docker_cli import docker
from harness.images import ensure_referenced_images, host_ca_bundle

from .project import dependency_added, source_changed


@dataclass
class BuildSeries:
    """Every build's seconds by scenario, and the tags of every image built (to remove them later)."""

    image: str
    runs: int
    seconds: dict[str, list[float]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    def median(self, scenario: str) -> float:
        return statistics.median(self.seconds[scenario])

    def tag(self, scenario: str, run: int) -> str:
        return f"{self.image}:{scenario}-{run}"

    def last(self, scenario: str) -> str:
        return self.tag(scenario, self.runs - 1)


def prune_build_cache() -> None:
    # Also empties the cache mounts: a cold build downloads and compiles everything again.
    docker("builder", "prune", "--all", "--force")


def build(project: Path, dockerfile: Path, tag: str, *options: str) -> float:
    """Build `tag` as a user would, with the proxy's CA bundle as a secret; return the seconds taken."""
    secret = host_ca_bundle()
    started = time.monotonic()
    docker(
        "build",
        "--progress=plain",
        *([f"--secret=id=ca-certificates,src={secret}"] if secret else []),
        *options,
        "--file",
        str(dockerfile),
        "--tag",
        tag,
        str(project),
    )
    return time.monotonic() - started


def cold_build_options(prune: bool) -> list[str]:
    """Ready a cold build: empty the build cache, or, without `prune`, ignore only the layer cache (`--no-cache`)."""
    if prune:
        prune_build_cache()
        return []
    return ["--no-cache"]


def cold_build(project: Path, dockerfile: Path, tag: str, prune: bool) -> float:
    """A build from an empty build cache; without `prune`, one that only ignores the layer cache."""
    return build(project, dockerfile, tag, *cold_build_options(prune))


def measure_builds(project: Path, dockerfile: Path, series: BuildSeries, prune: bool) -> None:
    """Each scenario's builds into `series`, in an order where each finds the cache the last ones left.

    Without `prune`, cold builds only ignore the layer cache (`--no-cache`): the cache mounts stay
    warm, and other builds on the machine keep their cache.
    """
    ensure_referenced_images(dockerfile)  # before any pruning: base images must not count as build time

    def timed(scenario: str, run: int, cold: bool = False) -> None:
        tag = series.tag(scenario, run)
        series.tags.append(tag)
        seconds = cold_build(project, dockerfile, tag, prune) if cold else build(project, dockerfile, tag)
        series.seconds.setdefault(scenario, []).append(seconds)

    def with_edit(scenario: str, edit: Callable[[Path, int], object]) -> None:
        for run in range(series.runs):
            with edit(project, run):
                timed(scenario, run)

    for run in range(series.runs):
        timed("cold", run, cold=True)
    for run in range(series.runs):
        timed("noop", run)
    # Each run's edit differs from the last, and the project is restored after each.
    with_edit("source", source_changed)
    with_edit("dependency", dependency_added)


def cache_was_lost(series: BuildSeries) -> bool:
    """Whether a no-op rebuild made a new image: something else emptied the build cache meanwhile."""
    images = {
        docker("image", "inspect", "-f", "{{.Id}}", series.tag(scenario, run)).stdout
        for scenario, run in [("cold", series.runs - 1), *(("noop", run) for run in range(series.runs))]
    }
    return len(images) > 1
