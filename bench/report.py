"""The run's figures as a markdown table, with ratios against the naive baseline, and the aims' verdicts."""

from __future__ import annotations

from typing import Any

from .aims import Aim, server_aims, template_aims
from .dockerfiles import REFERENCE
from .metrics import METRICS, PLATFORM_METRICS, SERVER_METRICS, Metric, format_value
from .servers import SHIPPED

VERDICTS = {True: "met", False: "MISSED", None: "not checked"}


def provenance(results: dict[str, Any]) -> str:
    machine = results["machine"]
    runs = results["runs"]
    return (
        f"Benchmark of {results['date']}: {machine['cores']} cores, Docker {machine['docker_version']}, "
        f"commit {results['commit']}. Medians of {runs['builds']} builds and {runs['containers']} containers each"
        + ("." if runs["cold_builds"] == "build cache pruned" else f"; cold builds with {runs['cold_builds']} only.")
    )


def heading(results: dict[str, Any]) -> str:
    return provenance(results) + f" Ratios against {REFERENCE} in parentheses."


def ratio(fraction: float) -> str:
    """0.25x; a small fraction as 1/N, which stays readable where 0.00x would say nothing."""
    if 0 < fraction < 0.1:
        return f"1/{1 / fraction:,.0f}"
    return f"{fraction:.2f}x"


def _cell(metric: Metric, name: str, dockerfiles: dict[str, dict[str, float]]) -> str:
    value = dockerfiles[name][metric.key]
    text = format_value(metric, value)
    reference = dockerfiles.get(REFERENCE, {}).get(metric.key)
    if name != REFERENCE and reference:
        text += f" ({ratio(value / reference)})"
    return text


def table(results: dict[str, Any]) -> str:
    dockerfiles = results["dockerfiles"]
    names = list(dockerfiles)
    lines = ["| | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
    for metric in METRICS:
        cells = [_cell(metric, name, dockerfiles) for name in names]
        lines.append(f"| {metric.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def platform_table(results: dict[str, Any]) -> str:
    platforms = results["platforms"]
    names = list(platforms)
    lines = [
        f"The template's image of the default project on {results['platform_base_image']}, for each platform,"
        " built cold on this machine (a platform other than the machine's own under QEMU emulation):",
        "",
        "| | " + " | ".join(names) + " |",
        "| --- |" + " ---: |" * len(names),
    ]
    for metric in PLATFORM_METRICS:
        cells = [format_value(metric, platforms[name][metric.key]) for name in names]
        lines.append(f"| {metric.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def server_heading(results: dict[str, Any]) -> str:
    load = results["load"]
    return (
        f"Each server with the default project's app and its default worker processes: its cold build, then "
        f"{load['tool']} on loopback: "
        f"{load['connections']} connections, each sending its next `GET {load['path']}` once the last is answered, "
        f"for {load['seconds']} s or {load['max_requests']:,} requests; "
        f"{_rounds(load)}."
    )


def _rounds(load: dict[str, Any]) -> str:
    rounds = load["rounds"]
    if rounds == 1:
        return "one round"
    return (
        f"{rounds} rounds, each on a fresh container, in turns with the other servers: requests per second are "
        "the median over the rounds, p50 and p99 those of the round with the median p99/p50, counts the sums, "
        "memory the highest"
    )


def server_table(servers: dict[str, dict[str, float]]) -> str:
    names = list(servers)
    lines = ["| | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
    for metric in SERVER_METRICS:
        cells = [format_value(metric, servers[name][metric.key]) for name in names]
        lines.append(f"| {metric.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def settings_table(name: str, shipped: dict[str, float], compared: dict[str, dict[str, float]]) -> str:
    """The shipped settings' load figures beside those of each setting compared, from the same image."""
    columns = {SHIPPED: shipped, **compared}
    lines = [
        f"{name}, the same image under other settings:",
        "",
        "| | " + " | ".join(f"`{label}`" if label in compared else label for label in columns) + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    for metric in SERVER_METRICS:
        if metric.key in shipped and all(metric.key in figures for figures in compared.values()):
            cells = [format_value(metric, figures[metric.key]) for figures in columns.values()]
            lines.append(f"| {metric.label} | " + " | ".join(cells) + " |")
    tails = [f"{figures['p99_ms'] / figures['p50_ms']:.2f}x" for figures in columns.values()]
    lines.append("| p99 / p50 | " + " | ".join(tails) + " |")
    return "\n".join(lines)


def aims_list(aims: list[Aim]) -> str:
    return "\n".join(f"- {VERDICTS[aim.met]}: {aim.text}: {aim.evidence}" for aim in aims)


def memory_line(servers: dict[str, dict[str, float]]) -> str:
    return "- reported: memory under load (peak): " + ", ".join(
        f"{name} {figures['memory_mib']:.0f} MiB" for name, figures in servers.items()
    )


def markdown(results: dict[str, Any]) -> str:
    parts = [heading(results), table(results)]
    if results["warnings"]:
        parts.append("Warnings:\n\n" + "\n".join(f"- {warning}" for warning in results["warnings"]))
    if "template" in results["dockerfiles"]:
        parts.append("Aims for the template's Dockerfile:\n\n" + aims_list(template_aims(results)))
    if results.get("platforms"):
        parts.append(platform_table(results))
    if results.get("servers"):
        servers = results["servers"]
        parts += [server_heading(results), server_table(servers)]
        parts.append("Aims for the servers:\n\n" + aims_list(server_aims(servers)) + "\n" + memory_line(servers))
        for name, compared in results.get("settings_compared", {}).items():
            parts.append(settings_table(name, servers[name], compared))
    return "\n\n".join(parts) + "\n"
