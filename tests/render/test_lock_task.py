"""When uv.lock cannot be made, the copy fails loudly and leaves no half-written project."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from harness.answers import answers_with
from harness.copier_cli import copy_template


def _copy(template: Path, destination: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return copy_template(template, destination, answers_with(), env=env)


def test_missing_uv_says_what_to_do_and_leaves_nothing(tmp_path: Path, template_snapshot: Path) -> None:
    # Everything on PATH except the directories that hold a uv.
    path = os.pathsep.join(d for d in os.environ["PATH"].split(os.pathsep) if not (Path(d) / "uv").exists())
    env = {**os.environ, "PATH": path}
    assert shutil.which("uv", path=path) is None
    assert shutil.which("copier", path=path), "copier must stay reachable without uv"
    destination = tmp_path / "project"

    result = _copy(template_snapshot, destination, env)

    assert result.returncode != 0
    assert "error: uv is not installed, so uv.lock cannot be created." in result.stderr
    assert "run the same" in result.stderr
    assert not destination.exists()


def test_unreachable_index_says_what_to_do_and_leaves_nothing(tmp_path: Path, template_snapshot: Path) -> None:
    env = {
        **os.environ,
        # Nothing listens on port 9 (discard); an empty cache means uv must ask the index.
        "UV_DEFAULT_INDEX": "http://127.0.0.1:9/simple",
        "UV_CACHE_DIR": str(tmp_path / "uv-cache"),
        "UV_HTTP_RETRIES": "0",
    }
    destination = tmp_path / "project"

    result = _copy(template_snapshot, destination, env)

    assert result.returncode != 0
    assert "error: `uv lock` failed" in result.stderr
    assert "package index is reachable" in " ".join(result.stderr.split())
    assert not destination.exists()


def test_a_uv_too_old_for_the_cooldown_says_what_to_do_and_leaves_nothing(
    tmp_path: Path, template_snapshot: Path
) -> None:
    """A uv before 0.9.17 cannot read pyproject.toml's exclude-newer span: say so, not "index unreachable"."""
    old_uv = tmp_path / "bin" / "uv"
    old_uv.parent.mkdir()
    old_uv.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "uv 0.9.16 (test)" && exit 0\nexit 2\n')
    old_uv.chmod(0o755)
    env = {**os.environ, "PATH": f"{old_uv.parent}{os.pathsep}{os.environ['PATH']}"}
    destination = tmp_path / "project"

    result = _copy(template_snapshot, destination, env)

    assert result.returncode != 0
    assert "error: uv 0.9.16 is older than 0.9.17" in result.stderr
    assert not destination.exists()
