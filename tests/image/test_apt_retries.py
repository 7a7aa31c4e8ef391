"""apt in the image retries a mirror that drops out instead of failing the build at its first timeout."""

from __future__ import annotations

import pytest

from harness.docker_cli import docker
from tests.support.image_matrix import BuiltImage

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_apt_retries_each_download(built: BuiltImage) -> None:
    config = docker("run", "--rm", built.image, "apt-config", "dump", "Acquire::Retries")

    assert config.stdout.strip() == 'Acquire::Retries "6";'
