from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.bot_release import next_release
from tests.support.template_releases import Releases, template_releases


@pytest.fixture
def releases(tmp_path: Path) -> Releases:
    """The template tagged as it is now, and the next release that the update bot brings."""
    return template_releases(tmp_path / "template", next_release)
