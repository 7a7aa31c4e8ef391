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
from .server_behaviour import BEHAVIOUR, Behaviour

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
    """What a server choice brings (copier.yml explains each), and how it looks from outside the container."""

    name: str
    title: str
    requirement: str
    config_file: str
    drain_file: str
    workers: int
    behaviour: Behaviour

    @property
    def distribution(self) -> str:
        """The wheel's name, from the requirement: "pyuwsgi>=2.0.30" gives "pyuwsgi"."""
        return re.split(r"[<>=!~;\[ ]", self.requirement, maxsplit=1)[0]

    @property
    def graceful_stop_lines(self) -> tuple[str, ...]:
        return self.behaviour.graceful_stop_lines

    @property
    def worker_started(self) -> str:
        return self.behaviour.worker_started

    @property
    def keeps_alive(self) -> bool:
        return self.behaviour.keeps_alive

    @property
    def port_setting(self) -> tuple[str, str]:
        return self.behaviour.port_setting

    def drain_seconds(self, project: Path) -> int:
        pattern = self.behaviour.drain_pattern
        match = re.search(pattern, (project / self.drain_file).read_text(), re.MULTILINE)
        assert match, f"{self.drain_file} no longer sets the drain time as {pattern!r}"
        return int(match.group(1))


BASE_IMAGES = {
    name: BaseImage(name, facts["release"], facts["python"])
    for name, facts in COPIER_CONFIG["distro"]["default"].items()
}
SERVER_DEFINITIONS: dict[str, dict[str, Any]] = COPIER_CONFIG["servers"]["default"]
SERVERS = {
    name: Server(
        name,
        facts["title"],
        facts["requirement"],
        facts["config_file"],
        facts["drain_file"],
        facts["workers"],
        BEHAVIOUR[name],
    )
    for name, facts in SERVER_DEFINITIONS.items()
    if name in BEHAVIOUR
}
DEFAULT_BASE_IMAGE = BASE_IMAGES[COPIER_CONFIG["base_image"]["default"]]
DEFAULT_SERVER = SERVERS[COPIER_CONFIG["server"]["default"]]
UV_VERSION: str = COPIER_CONFIG["uv_version"]["default"]
# The image's numeric uid and gid (copier.yml's hidden `app_uid`).
APP_UID: int = COPIER_CONFIG["app_uid"]["default"]
