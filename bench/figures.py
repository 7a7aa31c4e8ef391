"""Every figure for one Dockerfile: its builds, its image, and its containers."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from harness.layers import deploy_delta_bytes, file_count, image_size_mb

from .builds import BuildSeries, cache_was_lost, measure_builds
from .dockerfiles import dockerfile_path
from .startup import start_and_stop_ms


def figures_for(
    name: str, project: Path, args: argparse.Namespace, tags: list[str], warnings: list[str]
) -> dict[str, float]:
    """Every figure for one Dockerfile; its images go into `tags` for removal, its doubts into `warnings`."""
    print(f"{name}: building ({args.runs} runs of each scenario)", file=sys.stderr, flush=True)
    # The process ID keeps two runs on one machine from removing each other's images.
    series = BuildSeries(f"uv-docker-template-bench-{os.getpid()}-{name}", args.runs)
    try:
        measure_builds(project, dockerfile_path(name, project), series, prune=not args.keep_build_cache)
    finally:
        tags += series.tags
    if cache_was_lost(series):
        warnings.append(f"{name}: the build cache was emptied during the run (by another build?); timings suffer")
    # The last unchanged build, next in time to the first code change: the pair least exposed to others' pruning.
    image = series.last("noop")
    print(f"{name}: measuring the image and {args.container_runs} containers", file=sys.stderr, flush=True)
    first_200_ms, stop_ms = start_and_stop_ms(image, args.container_runs)
    return {
        "cold_build_s": series.median("cold"),
        "noop_rebuild_s": series.median("noop"),
        "source_rebuild_s": series.median("source"),
        "dep_rebuild_s": series.median("dependency"),
        "image_mb": image_size_mb(image),
        "image_files": file_count(image),
        "deploy_delta_bytes": deploy_delta_bytes(image, series.tag("source", 0)),
        "first_200_ms": first_200_ms,
        "stop_ms": stop_ms,
    }
