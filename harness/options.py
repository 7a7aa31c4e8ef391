"""The template's base images and servers, and their defaults, read from copier.yml's definitions of them.

copier.yml's hidden `distro` and `servers` questions are the one place that
lists them; the template's files render from the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .paths import COPIER_YML

# The whole of copier.yml: its settings (`_min_copier_version`, `_migrations`, ...) and its questions.
COPIER_CONFIG: dict[str, Any] = yaml.safe_load(COPIER_YML.read_text())


@dataclass(frozen=True)
class BaseImage:
    name: str
    release: str
    python: str

    @property
    def id(self) -> str:
        """The name without the colon, for image tags and test ids."""
        return self.name.replace(":", "-")


@dataclass(frozen=True)
class Server:
    """What a server choice brings, and how it looks from outside the container (copier.yml explains each)."""

    name: str
    title: str
    distribution: str
    config_file: str
    graceful_stop_lines: tuple[str, ...]
    worker_started: str
    drain_setting: tuple[str, str]
    keeps_alive: bool
    port_setting: tuple[str, str]
    workers: int

    def drain_seconds(self, project: Path) -> int:
        file, pattern = self.drain_setting
        match = re.search(pattern, (project / file).read_text(), re.MULTILINE)
        assert match, f"{file} no longer sets the drain time as {pattern!r}"
        return int(match.group(1))


BASE_IMAGES = {
    name: BaseImage(name, facts["release"], facts["python"])
    for name, facts in COPIER_CONFIG["distro"]["default"].items()
}
SERVERS = {
    name: Server(
        name,
        facts["title"],
        facts["distribution"],
        facts["config_file"],
        tuple(facts["graceful_stop_lines"]),
        facts["worker_started"],
        tuple(facts["drain_setting"]),
        facts["keeps_alive"],
        tuple(facts["port_setting"]),
        facts["workers"],
    )
    for name, facts in COPIER_CONFIG["servers"]["default"].items()
}
DEFAULT_BASE_IMAGE = BASE_IMAGES[COPIER_CONFIG["base_image"]["default"]]
DEFAULT_SERVER = SERVERS[COPIER_CONFIG["server"]["default"]]
UV_VERSION: str = COPIER_CONFIG["uv_version"]["default"]
# The image's numeric uid and gid (copier.yml's hidden `app_uid`).
APP_UID: int = COPIER_CONFIG["app_uid"]["default"]
