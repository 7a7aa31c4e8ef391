"""The images that the image tests build: every base image with the default server, and the default base
image with every other server, each built once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.images import Build
from harness.options import BASE_IMAGES, DEFAULT_BASE_IMAGE, DEFAULT_SERVER, SERVERS, BaseImage, Server


@dataclass(frozen=True)
class Variant:
    base_image: BaseImage
    server: Server
    log_format: str = "json"

    @property
    def id(self) -> str:
        """Readable in test ids and image tags, e.g. ubuntu-noble-uwsgi."""
        return f"{self.base_image.id}-{self.server.name}"

    def answers(self) -> dict[str, Any]:
        return {"base_image": self.base_image.name, "server": self.server.name, "log_format": self.log_format}


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
SERVER_VARIANTS = {
    server.name: BASE_IMAGE_VARIANTS[DEFAULT_BASE_IMAGE.name]
    if server == DEFAULT_SERVER
    else Variant(DEFAULT_BASE_IMAGE, server)
    for server in SERVERS.values()
}
MATRIX = list(dict.fromkeys([*BASE_IMAGE_VARIANTS.values(), *SERVER_VARIANTS.values()]))
TEXT_LOGS = next((variant for variant in MATRIX if variant.log_format == "text"), None)
