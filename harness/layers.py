"""What an image costs to store and to ship: its size, its files, and the layers a code change replaces."""

from __future__ import annotations

import json
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .docker_cli import docker

# What a source-only change may ship besides the app's own source files: their
# .pyc files, which for small modules come to about twice the source, hence
# 3x the source; and, whatever the sources, the tar headers of each file, the
# package's dist-info (METADATA, RECORD) and the smoke test's empty layer,
# hence 100 KB. The template's default app ships about 37 KB against 569 B of source.
DEPLOY_DELTA_SOURCE_FACTOR = 3
DEPLOY_DELTA_ALLOWANCE_BYTES = 100_000


def deploy_delta_limit(own_source_bytes: int) -> int:
    """The most that a code change to an app of `own_source_bytes` may ship."""
    return DEPLOY_DELTA_SOURCE_FACTOR * own_source_bytes + DEPLOY_DELTA_ALLOWANCE_BYTES


def layer_ids(image: str) -> list[str]:
    return json.loads(docker("image", "inspect", "-f", "{{json .RootFS.Layers}}", image).stdout)


def image_size_mb(image: str) -> float:
    return int(docker("image", "inspect", "-f", "{{.Size}}", image).stdout) / 1e6


def file_count(image: str) -> int:
    """Regular files in the image's file system, as a container of it would see them."""
    container = docker("create", "--pull=never", image).stdout.strip()
    try:
        with _streamed_tar("export", container) as tar:
            return sum(1 for member in tar if member.isreg() or member.islnk())
    finally:
        docker("rm", container)


def saved_layers(image: str) -> dict[str, bytes]:
    """Each layer's uncompressed tar, keyed by diff ID, as `docker save` exports it."""
    return {diff_id: blob.read() for diff_id, _, blob in _saved_layer_blobs(image, set(layer_ids(image)))}


def new_layer_sizes(before: str, after: str) -> dict[str, int]:
    """The layers of `after` that `before` lacks, with their bytes: what a registry push or a node's pull transfers.

    Counted as uncompressed layer tars, the form whose digest is the layer's diff ID.
    """
    new_layers = set(layer_ids(after)) - set(layer_ids(before))
    return {diff_id: size for diff_id, size, _ in _saved_layer_blobs(after, new_layers)}


def _saved_layer_blobs(image: str, diff_ids: set[str]) -> Iterator[tuple[str, int, IO[bytes]]]:
    """The layers `diff_ids` of `image`, as `docker save` streams them: diff ID, size, and the tar to read."""
    with _streamed_tar("save", image) as tar:
        # `docker save` writes an OCI layout: each layer is the blob named by its diff ID.
        for member in tar:
            diff_id = "sha256:" + Path(member.name).name
            if diff_id in diff_ids and member.isfile():
                yield diff_id, member.size, tar.extractfile(member)


def deploy_delta_bytes(before: str, after: str) -> int:
    """Bytes of the layers of `after` that `before` lacks."""
    return sum(new_layer_sizes(before, after).values())


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


def app_source_bytes(project: Path) -> int:
    """The size of the app's own files under src/: what a code change can at best be cut down to."""
    return sum(path.stat().st_size for path in (project / "src").rglob("*") if path.is_file())
