"""Run a generated project's pre-commit hooks, with pre-commit or prek, and no network."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

RUNNERS = ("pre-commit", "prek")
# Every request goes to a port where nothing listens, and uv may not even try.
NO_NETWORK = {
    **{name: "http://127.0.0.1:9" for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")},
    "NO_PROXY": "",
    "no_proxy": "",
    "UV_OFFLINE": "1",
}


def run_hooks(runner: str, project: Path, home: Path, *hook_ids: str) -> subprocess.CompletedProcess[str]:
    """`RUNNER run --all-files`, of every hook or of `hook_ids` only."""
    env = {**os.environ, **NO_NETWORK, "PRE_COMMIT_HOME": str(home), "PREK_HOME": str(home)}
    return subprocess.run(
        [runner, "run", "--all-files", *hook_ids], cwd=project, env=env, text=True, capture_output=True
    )


def hook_result(output: str, hook_name: str) -> str:
    """`Passed`, `Failed` or `Skipped`: what the runner printed on the hook's status line."""
    (line,) = [line for line in output.splitlines() if line.startswith(f"{hook_name}...")]
    return line.rsplit(".", 1)[-1]
