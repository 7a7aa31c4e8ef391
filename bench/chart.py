"""Bar charts of the run: each Dockerfile's build times, start and stop, image size and deploy delta; then each
server's cold build, throughput, latency and memory under load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: the chart only goes to a file
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from .metrics import BUILD_METRICS, CONTAINER_METRICS, LATENCY_METRICS, Metric, format_value, human_bytes
from .report import provenance

COLOURS = {
    "template": "#2a7ab9",
    "naive": "#d1495b",
    "article": "#edae49",
    "uwsgi": "#2a7ab9",
    "gunicorn": "#66a182",
    "granian": "#8d5fa6",
    "fastapi-granian": "#c39bd3",
    "fastapi-uvicorn": "#e07b39",
}


def _grouped_bars(axes: Axes, metrics: tuple[Metric, ...], dockerfiles: dict[str, dict[str, float]]) -> None:
    width = 0.8 / len(dockerfiles)
    for index, (name, figures) in enumerate(dockerfiles.items()):
        positions = [group + (index - (len(dockerfiles) - 1) / 2) * width for group in range(len(metrics))]
        values = [figures[metric.key] for metric in metrics]
        bars = axes.bar(positions, values, width, label=name, color=COLOURS.get(name))
        labels = [format_value(metric, value).split()[0] for metric, value in zip(metrics, values, strict=True)]
        axes.bar_label(bars, labels=labels, fontsize=8, padding=2)
    axes.set_xticks(range(len(metrics)), [metric.label.replace("`", "") for metric in metrics], fontsize=8)
    axes.margins(y=0.15)


def _one_bar_each(axes: Axes, key: str, dockerfiles: dict[str, dict[str, float]], label: Any) -> None:
    names = list(dockerfiles)
    values = [dockerfiles[name][key] for name in names]
    bars = axes.bar(names, values, color=[COLOURS.get(name) for name in names])
    axes.bar_label(bars, labels=[label(value) for value in values], fontsize=8, padding=2)
    axes.margins(y=0.15)


def draw(results: dict[str, Any], path: Path) -> None:
    dockerfiles, servers = results["dockerfiles"], results.get("servers")
    rows = 4 if servers else 2
    figure, axes = plt.subplots(
        rows, 2, figsize=(13, 4 * rows), gridspec_kw={"width_ratios": [2, 1]}, layout="constrained", squeeze=False
    )
    (builds, containers), (size, delta) = axes[:2]
    _grouped_bars(builds, BUILD_METRICS, dockerfiles)
    builds.set(title="Build time (lower is better)", ylabel="seconds")
    builds.legend()
    _grouped_bars(containers, CONTAINER_METRICS, dockerfiles)
    containers.set(title="Start and stop", ylabel="milliseconds")
    _one_bar_each(size, "image_mb", dockerfiles, lambda mb: f"{mb:.0f} MB")
    size.set(title="Image size", ylabel="MB")
    _one_bar_each(delta, "deploy_delta_bytes", dockerfiles, human_bytes)
    # Log scale: the template's delta is kilobytes, the naive one's hundreds of megabytes.
    delta.set(title="Deploy delta after a code change (log scale)", ylabel="bytes", yscale="log")
    if servers:
        _draw_servers(servers, *axes[2], *axes[3])
    figure.suptitle(provenance(results), fontsize=10)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _draw_servers(servers: dict[str, dict[str, float]], latency: Axes, rate: Axes, builds: Axes, memory: Axes) -> None:
    _grouped_bars(latency, LATENCY_METRICS, servers)
    latency.set(title="Servers: latency under load (lower is better)", ylabel="milliseconds")
    latency.legend()
    _one_bar_each(rate, "requests_per_s", servers, lambda rps: f"{rps:,.0f}")
    rate.set(title="Servers: requests per second", ylabel="requests/s")
    _one_bar_each(builds, "cold_build_s", servers, lambda seconds: f"{seconds:.1f} s")
    builds.set(title="Servers: cold build of the default project", ylabel="seconds")
    _one_bar_each(memory, "memory_mib", servers, lambda mib: f"{mib:.0f} MiB")
    memory.set(title="Servers: container memory under load (peak)", ylabel="MiB")
