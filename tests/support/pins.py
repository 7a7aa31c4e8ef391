"""The pinned versions in a generated project, and whether its Renovate configuration would move each.

Renovate applies every package rule that matches a dependency, in order, each
overriding the ones before; a rule matches when all of its `match*` conditions
do. `renovate_moves` follows that for the conditions the template's
configuration uses, so that a test can ask it about each pin the files hold.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from harness.options import DEFAULT_BASE_IMAGE
from harness.template_repo import commit_all

from .project_updates import locked_versions
from .rendering import run_in
from .workflows import RENOVATE, UPDATE_WORKFLOW, WORKFLOW

# Image references of the Dockerfile, as Renovate's dockerfile manager reads them.
SYNTAX = re.compile(r"^# syntax=(?P<image>\S+)$", re.MULTILINE)
FROM_IMAGE = re.compile(r"^FROM (?P<image>\S+) AS ", re.MULTILINE)
COPY_FROM_IMAGE = re.compile(r"^COPY --from=(?P<image>\S+[:@]\S+) ", re.MULTILINE)
USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w.-]+)@", re.MULTILINE)
# What Renovate writes: the base image pinned by digest, and a lock moved within the ranges.
BASE_DIGEST = "sha256:" + "ab" * 32
BOT_LOCKED = ("flask", "3.1.0")


@dataclass(frozen=True)
class Pin:
    manager: str
    file: str
    dep_name: str
    dep_type: str | None = None


def image_name(reference: str) -> str:
    """`ghcr.io/astral-sh/uv:0.13.9@sha256:...` -> `ghcr.io/astral-sh/uv`."""
    name = reference.split("@")[0]
    return name.rsplit(":", 1)[0] if ":" in name.split("/")[-1] else name


def dockerfile_pins(project: Path) -> list[Pin]:
    text = (project / "Dockerfile").read_text()
    stages = set(re.findall(r" AS (\S+)$", text, re.MULTILINE))
    references = [m["image"] for pattern in (SYNTAX, FROM_IMAGE, COPY_FROM_IMAGE) for m in pattern.finditer(text)]
    names = dict.fromkeys(image_name(reference) for reference in references if reference not in stages)
    return [Pin("dockerfile", "Dockerfile", name) for name in names]


def action_pins(project: Path, workflow: Path) -> list[Pin]:
    actions = dict.fromkeys(m["action"] for m in USES.finditer((project / workflow).read_text()))
    return [Pin("github-actions", str(workflow), action) for action in actions]


def workflow_pins(project: Path) -> list[Pin]:
    return [pin for workflow in (WORKFLOW, UPDATE_WORKFLOW) for pin in action_pins(project, workflow)]


def requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]


def pyproject_pins(project: Path) -> list[Pin]:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    pins = [
        Pin("pep621", "pyproject.toml", requirement_name(requirement), "build-system.requires")
        for requirement in pyproject["build-system"]["requires"]
    ]
    pins += [
        Pin("pep621", "pyproject.toml", requirement_name(requirement), "project.dependencies")
        for requirement in pyproject["project"]["dependencies"]
    ]
    pins += [
        Pin("pep621", "pyproject.toml", requirement_name(requirement), "dependency-groups")
        for group in pyproject.get("dependency-groups", {}).values()
        for requirement in group
    ]
    return pins


def renovate_config(project: Path) -> dict[str, Any]:
    return json.loads((project / RENOVATE).read_text())


def _rule_matches(rule: dict[str, Any], pin: Pin, update_type: str) -> bool:
    conditions = {
        "matchManagers": lambda values: pin.manager in values,
        "matchFileNames": lambda values: any(fnmatchcase(pin.file, pattern) for pattern in values),
        "matchDepNames": lambda values: pin.dep_name in values,
        "matchDepTypes": lambda values: pin.dep_type in values,
        "matchUpdateTypes": lambda values: update_type in values,
    }
    unknown = {key for key in rule if key.startswith("match")} - conditions.keys()
    assert not unknown, f"renovate_moves does not know {unknown}: teach it before relying on it"
    return all(check(rule[key]) for key, check in conditions.items() if key in rule)


def renovate_moves(config: dict[str, Any], pin: Pin, update_type: str) -> bool:
    """Whether Renovate, with `config`, would propose an update of `update_type` (major, digest, ...) to `pin`."""
    if pin.manager not in config["enabledManagers"]:
        return False
    enabled = True
    for rule in config["packageRules"]:
        if _rule_matches(rule, pin, update_type) and "enabled" in rule:
            enabled = rule["enabled"]
    return enabled


def renovate_moves_its_pins(project: Path) -> None:
    """Commit what Renovate's pull requests would: the default base image's digest, and a package in uv.lock."""
    base = DEFAULT_BASE_IMAGE.name
    dockerfile = project / "Dockerfile"
    text = dockerfile.read_text()
    assert text.count(f"FROM {base} AS ") == 2, "expected a build and a runtime stage on the base image"
    dockerfile.write_text(text.replace(f"FROM {base} AS ", f"FROM {base}@{BASE_DIGEST} AS "))
    name, version = BOT_LOCKED
    run_in(project, "uv", "lock", "--upgrade-package", f"{name}=={version}")
    assert locked_versions(project)[name] == version
    commit_all(project, "Renovate: pin the base image's digest, update uv.lock")
