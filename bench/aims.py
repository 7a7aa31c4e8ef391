"""The aims set for the template's Dockerfile and for its servers, checked against one run's figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.layers import DEPLOY_DELTA_SOURCE_FACTOR, deploy_delta_limit
from harness.options import DEFAULT_SERVER

from .dockerfiles import REFERENCE
from .metrics import human_bytes

# "Close to the no-op rebuild", made checkable: a code change may cost this much more than no change.
CLOSE_TO_NOOP_S = 2.0
SOURCE_VS_NAIVE = "source-only rebuild ≤ 0.3x naive"
IMAGE_VS_NAIVE = "image ≤ 25% of naive"
# The default server installs from prebuilt wheels, as the others do: its cold build may take this much
# longer than gunicorn's.
DEFAULT_VS_GUNICORN_BUILD = 1.15
P99_OVER_P50 = 3


@dataclass(frozen=True)
class Aim:
    text: str
    met: bool | None  # None: this run lacks the figure that the aim compares with
    evidence: str


def template_aims(results: dict[str, Any]) -> list[Aim]:
    figures = results["dockerfiles"]["template"]
    naive = results["dockerfiles"].get(REFERENCE)
    if naive:
        against_naive = _aims_against_naive(figures, naive)
    else:
        against_naive = [Aim(text, None, "naive not measured") for text in (SOURCE_VS_NAIVE, IMAGE_VS_NAIVE)]
    return against_naive + _absolute_aims(figures, results["app_own_files_bytes"])


def _aims_against_naive(figures: dict[str, float], naive: dict[str, float]) -> list[Aim]:
    source, naive_source = figures["source_rebuild_s"], naive["source_rebuild_s"]
    size, naive_size = figures["image_mb"], naive["image_mb"]
    return [
        Aim(
            SOURCE_VS_NAIVE,
            source <= 0.3 * naive_source,
            f"{source:.1f} s vs {naive_source:.1f} s ({source / naive_source:.2f}x)",
        ),
        Aim(
            IMAGE_VS_NAIVE,
            size <= 0.25 * naive_size,
            f"{size:.0f} MB vs {naive_size:.0f} MB ({size / naive_size:.0%})",
        ),
    ]


def _absolute_aims(figures: dict[str, float], own_bytes: int) -> list[Aim]:
    source, noop = figures["source_rebuild_s"], figures["noop_rebuild_s"]
    delta, delta_limit = figures["deploy_delta_bytes"], deploy_delta_limit(own_bytes)
    return [
        Aim(
            f"source-only rebuild close to the no-op one (at most {CLOSE_TO_NOOP_S:.0f} s more)",
            source - noop <= CLOSE_TO_NOOP_S,
            f"{source:.1f} s vs {noop:.1f} s (+{source - noop:.1f} s)",
        ),
        Aim(
            f"deploy delta ≤ {DEPLOY_DELTA_SOURCE_FACTOR}x the app's own files + 100 KB",
            delta <= delta_limit,
            f"{human_bytes(delta)} vs a limit of {human_bytes(delta_limit)}"
            f" ({DEPLOY_DELTA_SOURCE_FACTOR}x {own_bytes} B of source + 100 KB)",
        ),
        Aim("first 200 in under 500 ms", figures["first_200_ms"] < 500, f"{figures['first_200_ms']:.0f} ms"),
        Aim("stop in under 1.5 s", figures["stop_ms"] < 1500, f"{figures['stop_ms']:.0f} ms"),
    ]


def server_aims(servers: dict[str, dict[str, float]]) -> list[Aim]:
    """The server choices' aims: the default's cold build near gunicorn's, and each one steady under load."""
    return [_default_server_build(servers)] + [
        aim for name, figures in servers.items() for aim in _under_load(name, figures)
    ]


def _default_server_build(servers: dict[str, dict[str, float]]) -> Aim:
    default = DEFAULT_SERVER.name
    text = f"{default}'s cold build ≤ {DEFAULT_VS_GUNICORN_BUILD}x gunicorn's"
    if not {default, "gunicorn"} <= servers.keys():
        return Aim(text, None, f"{default} and gunicorn not both measured")
    ours, gunicorn = servers[default]["cold_build_s"], servers["gunicorn"]["cold_build_s"]
    return Aim(
        text,
        ours <= DEFAULT_VS_GUNICORN_BUILD * gunicorn,
        f"{ours:.1f} s vs {gunicorn:.1f} s ({ours / gunicorn:.2f}x)",
    )


def _under_load(name: str, figures: dict[str, float]) -> list[Aim]:
    errors, requests = figures["connection_errors"], figures["requests"]
    p50, p99 = figures["p50_ms"], figures["p99_ms"]
    return [
        Aim(f"{name}: no connection errors under load", errors == 0, f"{errors:.0f} in {requests:.0f} requests"),
        Aim(
            f"{name}: p99 ≤ {P99_OVER_P50}x p50 under load",
            p99 <= P99_OVER_P50 * p50,
            f"{p99:.1f} ms vs {p50:.1f} ms ({p99 / p50:.2f}x)",
        ),
    ]
