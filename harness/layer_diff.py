"""Where two builds of one Dockerfile part ways: the layers that differ, and the files that differ in them."""

from __future__ import annotations

import hashlib
import io
import tarfile
from dataclasses import dataclass

from .layers import layer_ids, saved_layers

# What a layer tar records of each file. Docker's layer tars hold no access or
# change time, so these are all that can make two layers of the same files differ.
FileRecord = tuple[str, ...]


def file_records(layer: bytes) -> dict[str, FileRecord]:
    """Each entry of a layer tar: its type, mode, owner, modification time, link target and content digest."""
    records = {}
    with tarfile.open(fileobj=io.BytesIO(layer)) as tar:
        for member in tar:
            content = tar.extractfile(member) if member.isfile() else None
            digest = hashlib.sha256(content.read()).hexdigest()[:16] if content else "-"
            records[member.name] = (
                f"type={member.type.decode()}",
                f"mode={member.mode:o}",
                f"owner={member.uid}:{member.gid}",
                f"mtime={int(member.mtime)}",
                f"link={member.linkname}",
                f"sha256={digest}",
                f"pax={sorted(member.pax_headers.items())}",
            )
    return records


def differing_files(first: bytes, second: bytes) -> list[str]:
    """One line per path whose entry differs between two layer tars, naming what differs."""
    a, b = file_records(first), file_records(second)
    lines = []
    for path in sorted(a.keys() | b.keys()):
        if path not in b or path not in a:
            lines.append(f"{path}: only in the {'first' if path in a else 'second'} build")
        elif a[path] != b[path]:
            changes = [f"{x} vs {y}" for x, y in zip(a[path], b[path], strict=True) if x != y]
            lines.append(f"{path}: {', '.join(changes)}")
    return lines


@dataclass(frozen=True)
class LayerDifference:
    index: int
    first: str
    second: str
    files: list[str]

    def __str__(self) -> str:
        listed = "\n".join(f"    {line}" for line in self.files[:50])
        more = f"\n    ... and {len(self.files) - 50} more" if len(self.files) > 50 else ""
        return f"layer {self.index}: {self.first} vs {self.second}\n{listed}{more}"


def layer_differences(first_image: str, second_image: str) -> list[LayerDifference]:
    """The layers, by position, where two images differ, each with the files that differ in it."""
    first_ids, second_ids = layer_ids(first_image), layer_ids(second_image)
    pairs = [(i, a, b) for i, (a, b) in enumerate(zip(first_ids, second_ids, strict=False)) if a != b]
    if not pairs:
        return []
    first_layers, second_layers = saved_layers(first_image), saved_layers(second_image)
    return [LayerDifference(i, a, b, differing_files(first_layers[a], second_layers[b])) for i, a, b in pairs]


def describe_differences(first_image: str, second_image: str) -> str:
    """A report for a failed comparison: layer counts, then each differing layer and its files."""
    counts = f"{len(layer_ids(first_image))} layers vs {len(layer_ids(second_image))} layers"
    return "\n".join([counts, *map(str, layer_differences(first_image, second_image))])
