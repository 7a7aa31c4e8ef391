from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def require_command(*command: str) -> None:
    """Like docker_engine, for another command line tool: skip without it, except in CI."""
    if shutil.which(command[0]) and subprocess.run(command, capture_output=True).returncode == 0:
        return
    reason = f"`{' '.join(command)}` does not run here"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true requires it (a script in .ci/ installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def kubectl() -> None:
    require_command("kubectl", "version", "--client")


@pytest.fixture(scope="session")
def docker_compose(docker_engine) -> None:
    require_command("docker", "compose", "version")


@pytest.fixture(scope="session")
def publish_tools(docker_engine) -> None:
    """A registry to run on loopback, cosign, skopeo and ip (.ci/install-publish-tools.sh installs them)."""
    for command in (["docker-registry", "--version"], ["cosign", "version"], ["skopeo", "--version"], ["ip", "-V"]):
        require_command(*command)
