"""The template's base images, frameworks and servers, and their defaults, read from copier.yml's definitions of them.

copier.yml's hidden `distro`, `frameworks` and `servers` questions are the one
place that lists them; the template's files render from the same answers.
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
class Framework:
    """What a framework choice brings (copier.yml explains each)."""

    name: str
    title: str
    interface: str
    requirement: str
    default_server: str


@dataclass(frozen=True)
class Server:
    """What a server choice brings (copier.yml explains each), and how it looks from outside the container."""

    name: str
    title: str
    interfaces: tuple[str, ...]
    requirement: str
    config_file: str
    drain_file: str
    workers: int
    behaviour: Behaviour

    def serves(self, framework: Framework) -> bool:
        return framework.interface in self.interfaces

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
FRAMEWORKS = {
    name: Framework(name, facts["title"], facts["interface"], facts["requirement"], facts["default_server"])
    for name, facts in COPIER_CONFIG["frameworks"]["default"].items()
}
SERVER_DEFINITIONS: dict[str, dict[str, Any]] = COPIER_CONFIG["servers"]["default"]
SERVERS = {
    name: Server(
        name,
        facts["title"],
        tuple(facts["interfaces"]),
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
DEFAULT_FRAMEWORK = FRAMEWORKS[COPIER_CONFIG["framework"]["default"]]
# The server question's default follows the framework; this is the default framework's.
DEFAULT_SERVER = SERVERS[DEFAULT_FRAMEWORK.default_server]


def choice_name(framework: Framework, server: Server) -> str:
    """The server's name, after the framework's unless it is the default one, e.g. fastapi-granian."""
    return server.name if framework == DEFAULT_FRAMEWORK else f"{framework.name}-{server.name}"


# Every server with each framework that it serves, by choice_name: what the image tests and the bench run.
SERVER_CHOICES = {
    choice_name(framework, server): (framework, server)
    for framework in FRAMEWORKS.values()
    for server in SERVERS.values()
    if server.serves(framework)
}
UV_VERSION: str = COPIER_CONFIG["uv_version"]["default"]
# The image's numeric uid and gid (copier.yml's hidden `app_uid`).
APP_UID: int = COPIER_CONFIG["app_uid"]["default"]
