"""Which services make up the fleet: a file of git locations, or a GitHub organisation's repositories."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# `host:path` is scp-like syntax for ssh to git, unless a slash comes before the colon.
SCP_LIKE = re.compile(r"[^/]+:")
GITHUB_REPOSITORY = re.compile(
    r"(?:https://github\.com/|(?:ssh://)?git@github\.com[:/])(?P<repository>[\w.-]+/[\w.-]+?)(?:\.git)?/?"
)


@dataclass(frozen=True)
class Service:
    name: str
    location: str


def read_services(services_file: Path) -> list[Service]:
    """One service a line: its first word is a git URL or the path of a local clone, relative to the file.

    The rest of the line is ignored, so that the bootstrap's `services.txt` ("DIRECTORY Project Name")
    reads as it is; blank lines and lines starting with `#` are skipped.
    """
    services = []
    for line in services_file.read_text().splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        name = words[0]
        is_url = "://" in name or SCP_LIKE.match(name)
        services.append(Service(name, name if is_url else str((services_file.parent / name).resolve())))
    return services


def github_repository(location: str) -> str | None:
    """OWNER/NAME of a service on GitHub, from its https or ssh URL; None for any other location."""
    match = GITHUB_REPOSITORY.fullmatch(location)
    return match["repository"] if match else None
