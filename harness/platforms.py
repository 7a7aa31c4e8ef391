"""Images for a platform other than this machine's, run under QEMU emulation.

The engine's classic image store keeps one platform per tag, so an image made
for another platform here is tagged under a name of its own, and a build reads
it through a named build context in place of the name its Dockerfile gives:
the Dockerfile stays the one that the project ships.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from .options import BASE_IMAGES, BaseImage

# Docker's and Debian's names for this machine's architecture.
_HOST_ARCH = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


@dataclass(frozen=True)
class Platform:
    arch: str  # Debian's and Docker's name: amd64, arm64

    @property
    def name(self) -> str:
        """The build's --platform, e.g. linux/arm64."""
        return f"linux/{self.arch}"

    @property
    def is_host(self) -> bool:
        return self.arch == _HOST_ARCH

    @property
    def wheel_machine(self) -> str:
        """The machine in a wheel's platform tag, e.g. aarch64."""
        return {"amd64": "x86_64", "arm64": "aarch64"}[self.arch]

    def local_ref(self, ref: str) -> str:
        """The tag under which this machine keeps `ref` for this platform."""
        return ref if self.is_host else f"uv-docker-template-{self.arch}/{ref}"

    def build_options(self, refs: list[str]) -> list[str]:
        """`docker build` options that build for this platform from the local images of `refs` (none for the host)."""
        if self.is_host:
            return []
        options = ["--platform", self.name]
        for ref in refs:
            options += ["--build-context", f"{ref}=docker-image://{self.local_ref(ref)}"]
        return options


HOST = Platform(_HOST_ARCH)
# The platform that the tests build and run under emulation, and the base image
# they do it on: Debian's archive serves arm64 to this machine, Ubuntu's does not.
EMULATED = Platform("arm64" if HOST.arch != "arm64" else "amd64")
EMULATED_BASE_IMAGE: BaseImage = BASE_IMAGES["debian:trixie"]
