"""A release younger than the cooldown is never locked, however the lock is made: uv itself holds the 7 days.

Renovate's minimumReleaseAge covers only its own update pull requests; its
lock maintenance runs `uv lock --upgrade`, as a person does. So the generated
pyproject.toml's [tool.uv] table sets the cooldown, and these tests lock
against it with the uv that the Dockerfile pins, offline, from a package index
on loopback whose files carry their upload times as PyPI's do.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from harness.options import UV_VERSION
from tests.support.package_index import PackageIndex, Upload, serving_index, write_project
from tests.support.project_updates import locked_versions

NOW = datetime.now(UTC)
OLD = Upload("probe", "1.0", NOW - timedelta(days=30))
FRESH = Upload("probe", "2.0", NOW - timedelta(minutes=5))
# The same release, once a week and a day has passed.
AGED = Upload("probe", "2.0", NOW - timedelta(days=8))
TOOL_UV_TABLE = re.compile(r"^\[tool\.uv\]\n.*?(?=^\[)", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def cooldown_table(render_session) -> str:
    """The generated pyproject.toml's [tool.uv] table, as the template renders it."""
    table = TOOL_UV_TABLE.search((render_session() / "pyproject.toml").read_text())
    assert table, "the generated pyproject.toml has no [tool.uv] table"
    return table.group()


@pytest.fixture(scope="module")
def pinned_uv() -> list[str]:
    """The uv that the Dockerfile pins, which CI and the template update run too."""
    on_path = shutil.which("uv")
    assert on_path, "uv must be on PATH"
    version = subprocess.run([on_path, "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    return [on_path] if version == UV_VERSION else [on_path, "tool", "run", f"uv@{UV_VERSION}"]


@pytest.fixture
def index() -> Iterator[PackageIndex]:
    with serving_index([OLD, FRESH]) as serving:
        yield serving


def uv(command: list[str], project: Path, index: PackageIndex, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {name: value for name, value in os.environ.items() if not name.startswith("UV_")} | {
        "UV_DEFAULT_INDEX": index.url,
        "UV_NO_CACHE": "1",
        # No user-level uv.toml: the project's pyproject.toml alone decides (UV_NO_CONFIG would ignore it too).
        "XDG_CONFIG_HOME": str(project.parent / "no-user-config"),
        "UV_HTTP_RETRIES": "0",
        "UV_PYTHON_DOWNLOADS": "never",
    }
    result = subprocess.run([*command, *args], cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, f"uv {' '.join(args)}:\n{result.stderr}"
    return result


@pytest.mark.parametrize(
    ("with_cooldown", "locked"),
    # Without the template's table (the control), the index's fresh release is what uv takes.
    [(False, FRESH.version), (True, OLD.version)],
    ids=["without the template's table", "with it"],
)
def test_lock_takes_only_a_release_older_than_the_cooldown(
    tmp_path: Path, index: PackageIndex, pinned_uv: list[str], cooldown_table: str, with_cooldown: bool, locked: str
) -> None:
    project = write_project(tmp_path / "project", ["probe"], cooldown_table if with_cooldown else "")

    uv(pinned_uv, project, index, "lock")

    assert locked_versions(project)["probe"] == locked


def test_lock_maintenance_does_not_take_a_release_minutes_old(
    tmp_path: Path, index: PackageIndex, pinned_uv: list[str], cooldown_table: str
) -> None:
    project = write_project(tmp_path / "project", ["probe"], cooldown_table)
    index.uploads = [OLD]
    uv(pinned_uv, project, index, "lock")
    index.uploads = [OLD, FRESH]

    # What Renovate's weekly lock maintenance runs.
    uv(pinned_uv, project, index, "lock", "--upgrade")

    assert locked_versions(project)["probe"] == OLD.version


@pytest.fixture
def locked_a_week_ago(tmp_path: Path, index: PackageIndex, pinned_uv: list[str], cooldown_table: str) -> Path:
    """A project locked when the new release was minutes old; now it is 8 days old."""
    project = write_project(tmp_path / "project", ["probe"], cooldown_table)
    uv(pinned_uv, project, index, "lock")
    index.uploads = [OLD, AGED]
    return project


def test_the_lock_stays_current_as_days_pass(
    locked_a_week_ago: Path, index: PackageIndex, pinned_uv: list[str]
) -> None:
    """uv.lock records the span, not the day it was made: CI's `uv lock --check` passes a week later."""
    uv(pinned_uv, locked_a_week_ago, index, "lock", "--check")

    assert 'exclude-newer-span = "P7D"' in (locked_a_week_ago / "uv.lock").read_text()
    assert locked_versions(locked_a_week_ago)["probe"] == OLD.version


def test_lock_maintenance_takes_a_release_once_it_is_older_than_the_cooldown(
    locked_a_week_ago: Path, index: PackageIndex, pinned_uv: list[str]
) -> None:
    uv(pinned_uv, locked_a_week_ago, index, "lock", "--upgrade")

    assert locked_versions(locked_a_week_ago)["probe"] == AGED.version
