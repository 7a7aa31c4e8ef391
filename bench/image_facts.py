"""What an image costs to store and to ship: its size, its files, and the layers a code change replaces."""

from __future__ import annotations

import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.docker_cli import docker
from tests.support.images import image_size_mb, layer_ids

__all__ = ["deploy_delta_bytes", "file_count", "image_size_mb"]


def file_count(image: str) -> int:
    """Regular files in the image's file system, as a container of it would see them."""
    container = docker("create", "--pull=never", image).stdout.strip()
    try:
        with _streamed_tar("export", container) as tar:
            return sum(1 for member in tar if member.isreg() or member.islnk())
    finally:
        docker("rm", container)


def deploy_delta_bytes(before: str, after: str) -> int:
    """Bytes of the layers of `after` that `before` lacks: what a registry push or a node's pull transfers.

    Counted as uncompressed layer tars, the form whose digest is the layer's diff ID.
    """
    new_layers = set(layer_ids(after)) - set(layer_ids(before))
    with _streamed_tar("save", after) as tar:
        # `docker save` writes an OCI layout: each layer is the blob named by its diff ID.
        return sum(
            member.size for member in tar if "sha256:" + Path(member.name).name in new_layers and member.isfile()
        )


@contextmanager
def _streamed_tar(*args: str) -> Iterator[tarfile.TarFile]:
    """`docker ARGS` read as a tar stream, so that no archive of up to a gigabyte lands on disk."""
    process = subprocess.Popen(["docker", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
            yield tar
    finally:
        process.stdout.close()
        errors = process.stderr.read().decode(errors="replace")
        if process.wait() != 0:
            raise RuntimeError(f"docker {' '.join(args)} failed ({process.returncode}): {errors}")
