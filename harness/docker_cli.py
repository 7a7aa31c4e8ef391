"""Thin wrappers over the docker CLI, which is the only client that speaks BuildKit secrets."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any


def docker(
    *args: str, check: bool = True, timeout: float | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run `docker ARGS`; on failure the exception carries what docker printed."""
    result = subprocess.run(["docker", *args], text=True, capture_output=True, timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def docker_available() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True).returncode == 0


def image_exists(ref: str) -> bool:
    return docker("image", "inspect", ref, check=False).returncode == 0
