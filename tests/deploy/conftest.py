from __future__ import annotations

import pytest

from tests.support.required_commands import require_command


@pytest.fixture(scope="session")
def kubectl() -> None:
    require_command("kubectl", "version", "--client")


@pytest.fixture(scope="session")
def docker_compose(docker_engine) -> None:
    require_command("docker", "compose", "version")


@pytest.fixture(scope="session")
def publish_tools(docker_engine) -> None:
    """A registry to run on loopback, cosign and skopeo (.ci/install-publish-tools.sh installs them)."""
    for command in (["docker-registry", "--version"], ["cosign", "version"], ["skopeo", "--version"]):
        require_command(*command)
