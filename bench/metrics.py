"""The figures measured for each Dockerfile: their JSON keys, labels and units, shared by the table and the chart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "s", "ms", "MB", "files" or "bytes"


BUILD_METRICS = (
    Metric("cold_build_s", "Cold build", "s"),
    Metric("noop_rebuild_s", "No-op rebuild", "s"),
    Metric("source_rebuild_s", "Source-only rebuild", "s"),
    Metric("dep_rebuild_s", "Rebuild after adding a dependency", "s"),
)
IMAGE_METRICS = (
    Metric("image_mb", "Image size", "MB"),
    Metric("image_files", "Files in the image", "files"),
    Metric("deploy_delta_bytes", "Deploy delta after a source-only change", "bytes"),
)
CONTAINER_METRICS = (
    Metric("first_200_ms", "`docker run` to first HTTP 200", "ms"),
    Metric("stop_ms", "`docker stop`", "ms"),
)
METRICS = BUILD_METRICS + IMAGE_METRICS + CONTAINER_METRICS


def human_bytes(count: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count:.0f} B"


def format_value(metric: Metric, value: float) -> str:
    if metric.unit == "bytes":
        return human_bytes(value)
    if metric.unit == "s":
        return f"{value:.1f} s"
    if metric.unit == "files":
        return f"{value:,.0f}"
    return f"{value:,.0f} {metric.unit}"
