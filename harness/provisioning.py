"""Provisioning of this machine's Docker: every image a rendered Dockerfile names, in the local store.

`python -m harness.provisioning` makes the base images on offer and the uv
image that the default answers pin (CI runs it before the tests); builds call
`ensure_image` for whatever their Dockerfile names.

A pull is tried first. Where no registry can be reached, the image is built
here instead: Debian and Ubuntu bases by debootstrap, laid out like the
official images, and the uv image from the uv wheel on the package index.
Each image is made once per machine; a file lock keeps parallel tests from
building the same one twice. For another platform than this machine's (run
under emulation) the images are always built here, and kept under a name of
their own (harness.platforms).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from filelock import FileLock

from harness.options import BASE_IMAGES, UV_VERSION

from .docker_cli import docker, image_exists
from .platforms import EMULATED, EMULATED_BASE_IMAGE, HOST, Platform

LOCK_DIR = Path(tempfile.gettempdir()) / "uv-docker-template-images"
HOST_DEBIAN_SOURCES = Path("/etc/apt/sources.list.d/debian.sources")
UV_IMAGE = "ghcr.io/astral-sh/uv"
APT_COMPONENTS = {
    "ubuntu": "main restricted universe multiverse",
    "debian": "main",
}


def ensure_image(ref: str, platform: Platform = HOST) -> None:
    """Make `ref` available locally for `platform`, pulling it or else building it."""
    LOCK_DIR.mkdir(exist_ok=True)
    local = platform.local_ref(ref)
    with FileLock(LOCK_DIR / (local.replace("/", "_").replace(":", "_") + ".lock")):
        if image_exists(local) or (platform.is_host and _pull(ref)):
            return
        _build(ref, platform)


def _pull(ref: str) -> bool:
    try:
        result = docker("pull", "-q", ref, check=False, timeout=60)
    except subprocess.TimeoutExpired:
        return False
    return result.returncode == 0


def _build(ref: str, platform: Platform) -> None:
    name, _, tag = ref.partition(":")
    if name == UV_IMAGE:
        _build_uv_image(ref, tag, platform)
    elif name in ("ubuntu", "debian"):
        _build_os_image(ref, name, tag, platform)
    else:
        raise LookupError(f"{ref} cannot be pulled and there is no recipe to build it")


def _build_os_image(ref: str, distro: str, suite: str, platform: Platform) -> None:
    if shutil.which("debootstrap") is None:
        raise LookupError(f"{ref} cannot be pulled, and debootstrap is missing to build it")
    if distro == "ubuntu" and not platform.is_host:
        raise LookupError(f"{ref} for {platform.name}: Ubuntu's ports archive is out of reach here")
    with tempfile.TemporaryDirectory(prefix="rootfs-") as tmp:
        root = Path(tmp) / "rootfs"
        command = ["debootstrap", f"--arch={platform.arch}", "--variant=minbase", suite, str(root)]
        if distro == "ubuntu":
            # debootstrap has no script of its own for recent Ubuntu releases;
            # gutsy's works for all of them, with its default mirror ("").
            command += ["", "gutsy"]
        else:
            command.append(_host_debian_uris()[0])
        subprocess.run(command, check=True, capture_output=True)
        _write_apt_sources(root, distro, suite)
        _strip_caches(root)
        tar = subprocess.Popen(["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
        docker("import", "--platform", platform.name, "-", platform.local_ref(ref), stdin=tar.stdout)
        if tar.wait() != 0:
            raise RuntimeError(f"tar of the {ref} root file system failed")


def _host_debian_uris() -> list[str]:
    """The archive and security URIs that this host's apt already uses."""
    uris = []
    for line in HOST_DEBIAN_SOURCES.read_text().splitlines():
        if line.startswith("URIs:"):
            uris.append(line.split()[1].rstrip("/"))
    if len(uris) < 2:
        raise LookupError(f"{HOST_DEBIAN_SOURCES} lacks an archive and a security URI")
    return uris


def _write_apt_sources(root: Path, distro: str, suite: str) -> None:
    """Replace debootstrap's one-line sources.list with the official images' deb822 file."""
    legacy = root / "etc/apt/sources.list"
    if distro == "ubuntu":
        archive = legacy.read_text().split()[1].rstrip("/")
        stanzas = [(archive, f"{suite} {suite}-updates {suite}-backports"), (archive, f"{suite}-security")]
        keyring = "/usr/share/keyrings/ubuntu-archive-keyring.gpg"
    else:
        archive, security = _host_debian_uris()[:2]
        stanzas = [(archive, f"{suite} {suite}-updates"), (security, f"{suite}-security")]
        keyring = "/usr/share/keyrings/debian-archive-keyring.gpg"
    text = "\n".join(
        f"Types: deb\nURIs: {uri}\nSuites: {suites}\nComponents: {APT_COMPONENTS[distro]}\nSigned-By: {keyring}\n"
        for uri, suites in stanzas
    )
    legacy.unlink()
    (root / f"etc/apt/sources.list.d/{distro}.sources").write_text(text)


def _strip_caches(root: Path) -> None:
    for pattern in ("var/cache/apt/archives/*.deb", "var/cache/apt/*.bin", "var/lib/apt/lists/*"):
        for path in root.glob(pattern):
            if path.is_file():
                path.unlink()


def _build_uv_image(ref: str, version: str, platform: Platform) -> None:
    with tempfile.TemporaryDirectory(prefix="uv-image-") as tmp:
        context = Path(tmp)
        subprocess.run(_wheel_download_command(version, context, platform), check=True, capture_output=True)
        (wheel,) = context.glob("uv-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                binary = Path(member).name
                if member.endswith(("/scripts/uv", "/scripts/uvx")):
                    target = context / binary
                    target.write_bytes(archive.read(member))
                    target.chmod(0o755)
        (context / "Dockerfile").write_text("FROM scratch\nCOPY uv uvx /\n")
        docker("build", "-q", "--platform", platform.name, "-t", platform.local_ref(ref), str(context))


def _wheel_download_command(version: str, dest: Path, platform: Platform) -> list[str]:
    # The musl wheel's binaries are static, like the ones in the official image.
    return [
        "uvx",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        f"--platform=musllinux_1_1_{platform.wheel_machine}",
        "--dest",
        str(dest),
        f"uv=={version}",
    ]


def images_for_defaults() -> list[str]:
    """Every base image the template offers, plus the uv image its default answers pin."""
    return [*BASE_IMAGES, f"{UV_IMAGE}:{UV_VERSION}"]


def emulated_images() -> list[str]:
    """What the tests build for the emulated platform from: its base image and the uv image."""
    return [EMULATED_BASE_IMAGE.name, f"{UV_IMAGE}:{UV_VERSION}"]


if __name__ == "__main__":
    import sys
    import time

    wanted = [(image, HOST) for image in sys.argv[1:] or images_for_defaults()]
    if not sys.argv[1:]:
        wanted += [(image, EMULATED) for image in emulated_images()]
    for image, platform in wanted:
        started = time.monotonic()
        ensure_image(image, platform)
        print(f"{image} ({platform.name}): ready in {time.monotonic() - started:.1f} s", flush=True)
