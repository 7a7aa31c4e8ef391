"""The images that the image tests build: every base image with the default server, and the default base
image with every other server of each framework, each built once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.images import Build
from harness.options import (
    BASE_IMAGES,
    DEFAULT_BASE_IMAGE,
    DEFAULT_FRAMEWORK,
    DEFAULT_SERVER,
    FRAMEWORKS,
    SERVER_CHOICES,
    BaseImage,
    Framework,
    Server,
    choice_name,
)


@dataclass(frozen=True)
class Variant:
    base_image: BaseImage
    server: Server
    log_format: str = "json"
    framework: Framework = DEFAULT_FRAMEWORK

    @property
    def name(self) -> str:
        return choice_name(self.framework, self.server)

    @property
    def id(self) -> str:
        """Readable in test ids and image tags, e.g. ubuntu-noble-uwsgi."""
        return f"{self.base_image.id}-{self.name}"

    def answers(self) -> dict[str, Any]:
        return {
            "base_image": self.base_image.name,
            "framework": self.framework.name,
            "server": self.server.name,
            "log_format": self.log_format,
        }


def serving_variant(base: BaseImage, server: Server) -> Variant:
    """The server on that base image, with the default framework if it serves it, else the first that it does."""
    framework = next(f for f in [DEFAULT_FRAMEWORK, *FRAMEWORKS.values()] if server.serves(f))
    return Variant(base, server, framework=framework)


@dataclass(frozen=True)
class BuiltImage:
    """A session's image of one variant, with routes of the user's own that are slow or fail."""

    variant: Variant
    project: Path
    build: Build
    package: str
    python_version: str

    @property
    def image(self) -> str:
        return self.build.tag

    @property
    def server(self) -> Server:
        return self.variant.server

    @property
    def base_image(self) -> str:
        return self.variant.base_image.name


def _log_format(base: BaseImage) -> str:
    # The last other base image logs as text, so that both log_format answers run.
    others = [name for name in BASE_IMAGES if name != DEFAULT_BASE_IMAGE.name]
    return "text" if others and base.name == others[-1] else "json"


BASE_IMAGE_VARIANTS = {base.name: Variant(base, DEFAULT_SERVER, _log_format(base)) for base in BASE_IMAGES.values()}
# Keyed by Variant.name: "uwsgi", ..., "fastapi-granian".
SERVER_VARIANTS = {
    name: BASE_IMAGE_VARIANTS[DEFAULT_BASE_IMAGE.name]
    if (framework, server) == (DEFAULT_FRAMEWORK, DEFAULT_SERVER)
    else Variant(DEFAULT_BASE_IMAGE, server, framework=framework)
    for name, (framework, server) in SERVER_CHOICES.items()
}
MATRIX = list(dict.fromkeys([*BASE_IMAGE_VARIANTS.values(), *SERVER_VARIANTS.values()]))
TEXT_LOGS = next((variant for variant in MATRIX if variant.log_format == "text"), None)
