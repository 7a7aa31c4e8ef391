"""The figures measured for each Dockerfile: their JSON keys, labels and units, shared by the table and the chart."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str  # "s", "ms", "MB", "MiB", "req/s", "files", "count" or "bytes"


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
# The template's image for each platform.
PLATFORM_METRICS = (BUILD_METRICS[0], *IMAGE_METRICS[:2])

# Each server choice, with the default project's app: its cold build, then its image under load.
LATENCY_METRICS = (
    Metric("p50_ms", "Latency p50", "ms"),
    Metric("p99_ms", "Latency p99", "ms"),
)
SERVER_METRICS = (
    BUILD_METRICS[0],
    Metric("workers", "Worker processes", "count"),
    Metric("requests", "Requests served", "count"),
    Metric("requests_per_s", "Requests per second", "req/s"),
    *LATENCY_METRICS,
    Metric("connection_errors", "Connection errors", "count"),
    Metric("status_errors", "Responses other than 2xx or 3xx", "count"),
    Metric("memory_mib", "Container memory under load (peak)", "MiB"),
)


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
    if metric.unit in ("files", "count"):
        return f"{value:,.0f}"
    if metric.unit == "ms" and value < 100:
        # Latencies of a few ms: whole milliseconds would hide the difference between p50s.
        return f"{value:.1f} ms"
    return f"{value:,.0f} {metric.unit}"
