"""Where a rendered project names its image repository: CI publishes there, and the k8s manifests pull from it."""

from __future__ import annotations

from pathlib import Path

import yaml

from .manifests import KUSTOMIZE_BASE, the_container
from .workflows import WORKFLOW, load_workflow


def image_repositories(project: Path) -> dict[str, str]:
    """Each file that names the repository, with what it names (the workflow and k8s/ where the project has them)."""
    found = {}
    if (project / WORKFLOW).is_file():
        found[str(WORKFLOW)] = load_workflow(project)["env"]["IMAGE_REPOSITORY"]
    if (project / KUSTOMIZE_BASE).is_dir():
        kustomization = yaml.safe_load((project / KUSTOMIZE_BASE / "kustomization.yaml").read_text())
        (image,) = kustomization["images"]
        found[str(KUSTOMIZE_BASE / "kustomization.yaml")] = image["name"]
        deployment = yaml.safe_load((project / KUSTOMIZE_BASE / "deployment.yaml").read_text())
        found[str(KUSTOMIZE_BASE / "deployment.yaml")] = the_container(deployment)["image"]
    return found


def image_repository(project: Path) -> str:
    """The repository that the workflow and the manifests all name."""
    named = image_repositories(project)
    assert len(set(named.values())) == 1, f"the files name different repositories: {named}"
    return next(iter(named.values()))
