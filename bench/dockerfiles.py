"""The three Dockerfiles under comparison, all built from the same rendered project."""

from __future__ import annotations

from pathlib import Path

BASELINES = Path(__file__).parent / "baselines"

# Naive first among the baselines: every ratio is taken against it.
NAMES = ("template", "naive", "article")
REFERENCE = "naive"


def dockerfile_path(name: str, project: Path) -> Path:
    """The template's Dockerfile is the one it rendered; the baselines live beside this module."""
    if name == "template":
        return project / "Dockerfile"
    return BASELINES / f"{name}.Dockerfile"
