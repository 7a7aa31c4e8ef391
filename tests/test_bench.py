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
from bench.metrics import METRICS
from tests.support.rendering import TEMPLATE_DIR

FIGURE_KEYS = {metric.key for metric in METRICS}


def assert_results_shape(results: dict[str, Any], dockerfiles: set[str]) -> None:
    assert results["machine"]["cores"] >= 1
    assert results["machine"]["docker_version"]
    assert re.fullmatch(r"[0-9a-f]{7,40}(-dirty)?", results["commit"]), results["commit"]
    assert set(results["dockerfiles"]) == dockerfiles
    for name, figures in results["dockerfiles"].items():
        assert set(figures) == FIGURE_KEYS, name
        for key, value in figures.items():
            assert isinstance(value, int | float), f"{name}.{key} = {value!r}"
            assert value >= 0, f"{name}.{key} = {value!r}"


def test_latest_committed_results_cover_every_dockerfile() -> None:
    latest = max(RESULTS_DIR.glob("*.json"))
    assert_results_shape(json.loads(latest.read_text()), set(NAMES))
    assert latest.with_suffix(".png").is_file(), "each results file comes with its chart"


@pytest.mark.docker
@pytest.mark.slow
def test_quick_run_prints_the_table_and_writes_json_and_chart(docker_engine: None, tmp_path: Path) -> None:
    # One build per scenario and one container, of the template's Dockerfile only: a minute or two.
    # The build cache stays: other builds on the machine keep theirs.
    command = [sys.executable, "-m", "bench", "--runs", "1", "--container-runs", "1", "--only", "template"]
    command.append("--keep-build-cache")
    result = subprocess.run(
        [*command, "--results-dir", str(tmp_path)], cwd=TEMPLATE_DIR, text=True, capture_output=True, timeout=1800
    )

    assert result.returncode == 0, result.stderr
    (written,) = tmp_path.glob("*.json")
    assert_results_shape(json.loads(written.read_text()), {"template"})
    assert written.with_suffix(".png").stat().st_size > 0
    assert "| Source-only rebuild |" in result.stdout
