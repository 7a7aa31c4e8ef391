"""Each server choice with the default project's app: its cold build, then its image under load."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from harness.containers import running
from harness.images import ensure_referenced_images
from harness.options import SERVERS
from harness.servers import fully_started

from .builds import cold_build
from .load import Load, run_load
from .project import render_default_project

SERVER_NAMES = tuple(SERVERS)
LOAD = Load()
# Settings loaded beside a server's shipped ones, in the same run and on the
# same image, so that the README can quote what the shipped choice gains:
# per server, a label and the `docker run` options that apply it.
SETTINGS_COMPARED: dict[str, dict[str, tuple[str, ...]]] = {
    "granian": {
        "GRANIAN_BLOCKING_THREADS=2": ("-e", "GRANIAN_BLOCKING_THREADS=2"),
        "GRANIAN_BLOCKING_THREADS=8": ("-e", "GRANIAN_BLOCKING_THREADS=8"),
    },
}


def figures_for_servers(
    workdir: Path, args: argparse.Namespace, tags: list[str], compared: dict[str, dict[str, dict[str, float]]]
) -> dict[str, dict[str, float]]:
    """Per server: the median cold build, and the load figures of the last image built; its tags go into `tags`.

    The same image's load figures under each of SETTINGS_COMPARED go into `compared`.
    """
    projects = {name: render_default_project(workdir, server=name) for name in args.servers}
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
    figures = {}
    for name in args.servers:
        print(f"server {name}: {LOAD.seconds} s of load", file=sys.stderr, flush=True)
        last_image = f"{image}:{name}-{args.runs - 1}"
        figures[name] = {"cold_build_s": statistics.median(seconds[name]), **_loaded(last_image, name)}
        for label, options in SETTINGS_COMPARED.get(name, {}).items():
            print(f"server {name} with {label}: {LOAD.seconds} s of load", file=sys.stderr, flush=True)
            compared.setdefault(name, {})[label] = _loaded(last_image, name, *options)
    return figures


def _loaded(image: str, server: str, *run_options: str) -> dict[str, float]:
    """The load figures, from once every worker is up."""
    with running(image, *run_options) as container:
        fully_started(container, SERVERS[server])
        return run_load(container, LOAD)
