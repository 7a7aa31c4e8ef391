"""Each server choice, with the default project's app of each framework that it serves: its cold build, then its
image under load."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.containers import running
from harness.images import ensure_referenced_images
from harness.options import SERVER_CHOICES
from harness.servers import fully_started

from .builds import cold_build
from .load import Load, combine_rounds, run_load
from .project import render_default_project

# By harness.options.choice_name: uwsgi, ..., fastapi-uvicorn.
SERVER_NAMES = tuple(SERVER_CHOICES)
SHIPPED = "as shipped"


@dataclass(frozen=True)
class Setting:
    """`docker run` options that change a server's settings, and the worker processes it then starts.

    Without `workers`, the server starts its default count.
    """

    options: tuple[str, ...] = ()
    workers: int | None = None


# Settings loaded beside a server's shipped ones, in the same run and on the
# same image, so that bench/README.md can quote what the shipped choice gains, or
# what explains its figures.
SETTINGS_COMPARED: dict[str, dict[str, Setting]] = {
    "granian": {
        "GRANIAN_BLOCKING_THREADS=2": Setting(("-e", "GRANIAN_BLOCKING_THREADS=2")),
        "GRANIAN_BLOCKING_THREADS=8": Setting(("-e", "GRANIAN_BLOCKING_THREADS=8")),
        # What one worker per container gains: each kept-alive connection stays
        # with the worker whose socket the kernel gave it to, and with two,
        # some land on the busier one.
        "GRANIAN_WORKERS=2": Setting(("-e", "GRANIAN_WORKERS=2"), workers=2),
    },
}


def figures_for_servers(workdir: Path, args: argparse.Namespace, load: Load, tags: list[str]) -> dict[str, Any]:
    """The results' "servers", "settings_compared" and "load_rounds"; the images' tags go into `tags`.

    Per server: the median cold build, and the load figures of the last image
    built, loaded in `load.rounds` rounds; the same image's figures under each
    of SETTINGS_COMPARED; and every round's own figures.
    """
    builds = _cold_builds(workdir, args, tags)
    rounds = _load_rounds({name: image for name, (_, image) in builds.items()}, load)
    return {
        "servers": {
            name: {"cold_build_s": seconds, **combine_rounds(rounds[name][SHIPPED])}
            for name, (seconds, _) in builds.items()
        },
        "settings_compared": {
            name: {label: combine_rounds(figures) for label, figures in by_setting.items() if label != SHIPPED}
            for name, by_setting in rounds.items()
            if len(by_setting) > 1
        },
        "load_rounds": rounds,
    }


def _cold_builds(workdir: Path, args: argparse.Namespace, tags: list[str]) -> dict[str, tuple[float, str]]:
    """Per server: the median of its cold builds, and the last image built."""
    projects = {}
    for name in args.servers:
        framework, server = SERVER_CHOICES[name]
        projects[name] = render_default_project(workdir, framework=framework.name, server=server.name)
    seconds: dict[str, list[float]] = {name: [] for name in args.servers}
    image = f"uv-docker-template-bench-{os.getpid()}-server"
    # Taken in turns, so that a slow spell of the machine does not fall on one server alone.
    for run in range(args.runs):
        for name, project in projects.items():
            print(f"server {name}: cold build {run + 1} of {args.runs}", file=sys.stderr, flush=True)
            ensure_referenced_images(project / "Dockerfile")  # before any pruning, as for the Dockerfiles
            tag = f"{image}:{name}-{run}"
            tags.append(tag)
            seconds[name].append(cold_build(project, project / "Dockerfile", tag, prune=not args.keep_build_cache))
    return {name: (statistics.median(seconds[name]), f"{image}:{name}-{args.runs - 1}") for name in args.servers}


def _load_rounds(images: dict[str, str], load: Load) -> dict[str, dict[str, list[dict[str, float]]]]:
    """Per server and setting, the figures of each round, taken in turns for the same reason as the builds."""
    rounds: dict[str, dict[str, list[dict[str, float]]]] = {}
    for round_ in range(load.rounds):
        for name, image in images.items():
            for label, setting in {SHIPPED: Setting(), **SETTINGS_COMPARED.get(name, {})}.items():
                print(
                    f"server {name} ({label}): {load.seconds} s of load, round {round_ + 1} of {load.rounds}",
                    file=sys.stderr,
                    flush=True,
                )
                rounds.setdefault(name, {}).setdefault(label, []).append(_loaded(image, name, load, setting))
    return rounds


def _loaded(image: str, name: str, load: Load, setting: Setting) -> dict[str, float]:
    """The load figures, from once every worker is up, and the number of workers."""
    _, server = SERVER_CHOICES[name]
    workers = server.workers if setting.workers is None else setting.workers
    with running(image, *setting.options) as container:
        fully_started(container, server, workers)
        return {**run_load(container, load), "workers": workers}
