"""One row per service: its release, how many releases it is behind, and its open update; as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from packaging.version import Version

from .releases import position
from .state import ServiceState

COLUMNS = ("service", "release", "behind", "update")


def report_rows(
    services: Iterable[str], read_state: Callable[[str], ServiceState], releases: list[Version]
) -> list[dict[str, Any]]:
    """`read_state` turns each service into its state; a service that cannot be read gets its error instead."""
    newest = str(releases[-1]) if releases else None
    rows = []
    for service in services:
        try:
            state = read_state(service)
        except (RuntimeError, KeyError, TypeError) as error:
            rows.append({"service": service, "error": str(error)})
            continue
        where = position(state.commit)
        update = state.update
        rows.append(
            {
                "service": service,
                "release": state.commit,
                "on_release": where.on_release,
                "releases_behind": where.releases_behind(releases),
                "newest_release": newest,
                "update_open": update is not None,
                "update_conflicts": update is not None and update.conflicts,
                "update_url": update.url if update else None,
            }
        )
    return rows


def as_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, indent=2)


def cells(row: dict[str, Any]) -> tuple[str, ...]:
    if "error" in row:
        return (row["service"], "?", "?", f"error: {row['error']}")
    behind = str(row["releases_behind"]) + ("" if row["on_release"] else " (untagged)")
    update = "none"
    if row["update_open"]:
        update = "open, conflicts" if row["update_conflicts"] else "open"
        update += f" {row['update_url']}" if row["update_url"] else ""
    return (row["service"], row["release"], behind, update)


def as_table(rows: list[dict[str, Any]]) -> str:
    lines = [tuple(column.upper() for column in COLUMNS), *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    padded = ("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines)
    return "\n".join(line.rstrip() for line in padded)
