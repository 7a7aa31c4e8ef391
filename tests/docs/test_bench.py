"""The benchmark runs end to end on its cheapest case, and its results keep the shape the README quotes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.__main__ import RESULTS_DIR
from bench.dockerfiles import NAMES
from bench.load import combine_rounds, parse_memory
from bench.metrics import METRICS, PLATFORM_METRICS, SERVER_METRICS
from bench.platforms import PLATFORMS
from bench.servers import SERVER_NAMES, SHIPPED
from harness.options import DEFAULT_SERVER
from harness.paths import REPO_ROOT

FIGURE_KEYS = {metric.key for metric in METRICS}
SERVER_FIGURE_KEYS = {metric.key for metric in SERVER_METRICS}
PLATFORM_FIGURE_KEYS = {metric.key for metric in PLATFORM_METRICS}


def assert_figures(subjects: dict[str, dict[str, Any]], keys: set[str]) -> None:
    for name, figures in subjects.items():
        assert set(figures) == keys, name
        for key, value in figures.items():
            assert isinstance(value, int | float), f"{name}.{key} = {value!r}"
            assert value >= 0, f"{name}.{key} = {value!r}"


def assert_results_shape(
    results: dict[str, Any], dockerfiles: set[str], servers: set[str], platforms: set[str]
) -> None:
    assert results["machine"]["cores"] >= 1
    assert results["machine"]["docker_version"]
    assert re.fullmatch(r"[0-9a-f]{7,40}(-dirty)?", results["commit"]), results["commit"]
    assert set(results["dockerfiles"]) == dockerfiles
    assert_figures(results["dockerfiles"], FIGURE_KEYS)
    assert set(results.get("platforms", {})) == platforms
    assert_figures(results.get("platforms", {}), PLATFORM_FIGURE_KEYS)
    assert set(results.get("servers", {})) == servers
    assert_figures(results.get("servers", {}), SERVER_FIGURE_KEYS)
    for name, settings in results.get("settings_compared", {}).items():
        assert name in results["servers"]
        assert_figures(settings, SERVER_FIGURE_KEYS - {"cold_build_s"})
    for figures in results.get("servers", {}).values():
        assert figures["requests"] > 0
        assert figures["p99_ms"] >= figures["p50_ms"] > 0
        assert figures["memory_mib"] > 0
    for name, by_setting in results.get("load_rounds", {}).items():
        assert set(by_setting) == {SHIPPED, *results["settings_compared"].get(name, {})}, name
        for label, rounds in by_setting.items():
            assert len(rounds) == results["load"]["rounds"], name
            numbered = {f"{name} ({label}), round {number}": round_ for number, round_ in enumerate(rounds, 1)}
            assert_figures(numbered, SERVER_FIGURE_KEYS - {"cold_build_s"})
        # The figures quoted are the ones that the rounds give.
        shipped = {key: value for key, value in results["servers"][name].items() if key != "cold_build_s"}
        assert shipped == combine_rounds(by_setting[SHIPPED]), name


def test_latest_committed_results_cover_every_dockerfile() -> None:
    latest = max(RESULTS_DIR.glob("*.json"))
    results = json.loads(latest.read_text())
    assert_results_shape(results, set(NAMES), set(SERVER_NAMES), set(PLATFORMS))
    assert latest.with_suffix(".png").is_file(), "each results file comes with its chart"


@pytest.mark.parametrize(
    ("usage", "expected"),
    [("42.5MiB / 23.54GiB", 42.5 * 2**20), ("512KiB / 1GiB", 512 * 2**10), ("1.25GiB / 2GiB", 1.25 * 2**30)],
)
def test_memory_is_read_from_docker_stats_in_bytes(usage: str, expected: float) -> None:
    assert parse_memory(usage) == expected


def a_round(rps: float, p50: float, p99: float, errors: int = 0, memory: float = 50) -> dict[str, float]:
    return {
        "requests": 1000,
        "requests_per_s": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "connection_errors": errors,
        "status_errors": 1,
        "memory_mib": memory,
        "workers": 2,
    }


def test_rounds_combine_into_the_median_tail_median_rate_sums_and_the_peak() -> None:
    # Tails of 2.0x, 3.0x and 5.0x: the third round met a stall of the machine, and the second
    # round's p50 and p99 are quoted together, though neither is the median of its own figure.
    rounds = [
        a_round(1500, 5.0, 10.0, memory=50),
        a_round(1400, 4.0, 12.0, errors=2, memory=55),
        a_round(900, 6.0, 30.0),
    ]

    assert combine_rounds(rounds) == {
        "requests": 3000,
        "requests_per_s": 1400,
        "p50_ms": 4.0,
        "p99_ms": 12.0,
        "connection_errors": 2,
        "status_errors": 3,
        "memory_mib": 55,
        "workers": 2,
    }


def test_an_even_number_of_rounds_quotes_the_worse_middle_tail() -> None:
    rounds = [a_round(1500, 4.0, 8.0), a_round(1500, 4.0, 12.0), a_round(1500, 4.0, 10.0), a_round(1500, 4.0, 20.0)]

    combined = combine_rounds(rounds)

    assert (combined["p50_ms"], combined["p99_ms"]) == (4.0, 12.0)


def test_an_unreadable_memory_figure_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a docker stats memory figure"):
        parse_memory("-- / --")


@pytest.mark.docker
@pytest.mark.slow
def test_quick_run_prints_the_table_and_writes_json_and_chart(docker_engine: None, tmp_path: Path) -> None:
    # One build per scenario and one container, of the template's Dockerfile only, then the default
    # server's cold build and load: two minutes or three. The build cache stays: other builds on the
    # machine keep theirs.
    command = [sys.executable, "-m", "bench", "--runs", "1", "--container-runs", "1", "--only", "template"]
    command += ["--keep-build-cache", "--servers", DEFAULT_SERVER.name, "--load-rounds", "1", "--platforms"]
    result = subprocess.run(
        [*command, "--results-dir", str(tmp_path)], cwd=REPO_ROOT, text=True, capture_output=True, timeout=1800
    )

    assert result.returncode == 0, result.stderr
    (written,) = tmp_path.glob("*.json")
    results = json.loads(written.read_text())
    assert_results_shape(results, {"template"}, {DEFAULT_SERVER.name}, set())
    assert written.with_suffix(".png").stat().st_size > 0
    assert "| Source-only rebuild |" in result.stdout
    assert "| Requests per second |" in result.stdout
    # Every response says whether the connection stays open: a client that reuses its connections meets no reset.
    assert results["servers"][DEFAULT_SERVER.name]["connection_errors"] == 0
