"""The answers that every render starts from, and what Copier recorded in a project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .paths import REPO_ROOT

BASE_ANSWERS: dict[str, Any] = yaml.safe_load((REPO_ROOT / "tests/base-answers.yml").read_text())


def answers_with(**overrides: Any) -> dict[str, Any]:
    return {**BASE_ANSWERS, **overrides}


def recorded_answers(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text())
