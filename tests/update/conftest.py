from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.past_projects import PastProject, past_project


@pytest.fixture
def project_from(tmp_path: Path) -> Callable[..., PastProject]:
    """`project_from(release, **answers)`: a committed project from that published release, ready to update."""

    def make(release: str, **answers: Any) -> PastProject:
        return past_project(tmp_path / f"from-{release}", release, **answers)

    return make
