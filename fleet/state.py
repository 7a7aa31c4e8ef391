"""What the report shows of one service, wherever it was read from."""

from __future__ import annotations

from dataclasses import dataclass

ANSWERS_FILE = ".copier-answers.yml"
# Set by the project's template-update workflow (scripts/update-from-template.py).
UPDATE_BRANCH = "template-update"
CONFLICTS_PREFIX = "[conflicts]"
CONFLICTS_LABEL = "template-update-conflicts"


@dataclass(frozen=True)
class UpdateRequest:
    """The service's open update pull request."""

    conflicts: bool
    url: str | None


@dataclass(frozen=True)
class ServiceState:
    commit: str
    update: UpdateRequest | None
