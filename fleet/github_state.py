"""A service's state as GitHub's API shows it, through the `gh` command line (logged in, or GH_TOKEN set)."""

from __future__ import annotations

import json
import subprocess

import yaml

from .commands import checked, run
from .state import ANSWERS_FILE, CONFLICTS_LABEL, CONFLICTS_PREFIX, UPDATE_BRANCH, ServiceState, UpdateRequest

RAW = "Accept: application/vnd.github.raw+json"


def gh(*args: str) -> subprocess.CompletedProcess[str]:
    return run("gh", *args)


def answers_of(repository: str) -> str | None:
    """The answers file on the default branch; None if the repository has none."""
    result = gh("api", "-H", RAW, f"repos/{repository}/contents/{ANSWERS_FILE}")
    if result.returncode != 0 and "404" in result.stderr:
        return None
    return checked(result)


def organisation_services(organisation: str) -> list[str]:
    """OWNER/NAME of the organisation's repositories, archived ones aside, that have an answers file."""
    listing = checked(gh("repo", "list", organisation, "--no-archived", "--limit", "1000", "--json", "nameWithOwner"))
    repositories = sorted(entry["nameWithOwner"] for entry in json.loads(listing))
    return [repository for repository in repositories if answers_of(repository) is not None]


def read_state(repository: str) -> ServiceState:
    answers = answers_of(repository)
    if answers is None:
        raise RuntimeError(f"{repository} has no {ANSWERS_FILE} on its default branch")
    pulls = checked(gh("pr", "list", "--repo", repository, "--head", UPDATE_BRANCH, "--json", "title,labels,url"))
    open_update = next(iter(json.loads(pulls)), None)
    update = None
    if open_update is not None:
        labels = {label["name"] for label in open_update["labels"]}
        conflicts = open_update["title"].startswith(CONFLICTS_PREFIX) or CONFLICTS_LABEL in labels
        update = UpdateRequest(conflicts, open_update["url"])
    return ServiceState(str(yaml.safe_load(answers)["_commit"]), update)
