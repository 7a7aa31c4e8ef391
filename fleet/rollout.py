"""Start every service's template-update workflow now, instead of at its weekly run."""

from __future__ import annotations

from collections.abc import Iterable

from .commands import run

# The generated project's workflow, which runs on `workflow_dispatch` as well as on its schedule.
WORKFLOW = "template-update.yml"


def start_updates(repositories: Iterable[str]) -> list[tuple[str, str | None]]:
    """`gh workflow run` in each OWNER/NAME; (repository, None) when started, else (repository, gh's error)."""
    outcomes: list[tuple[str, str | None]] = []
    for repository in repositories:
        started = run("gh", "workflow", "run", WORKFLOW, "--repo", repository)
        outcomes.append((repository, None if started.returncode == 0 else started.stderr.strip() or "failed"))
    return outcomes
