"""A person's Copier settings, as docs/organisation.md shows them, fill the author and trust the template.

The author questions carry Copier's well-known names, which settings' `defaults:` fill.
How Copier applies settings (trust on update, the command line before them) is Copier's to test.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from harness.copier_cli import copier_cli
from harness.paths import DOCS
from tests.support.image_repository import image_repository
from tests.support.markdown import code_blocks
from tests.support.rendering import assert_answers_recorded

PUBLISHED_PREFIX = "gh:org/"


def readme_settings(trusted_prefix: str) -> str:
    """The settings file of docs/organisation.md's "Bootstrap an organisation", trusting `trusted_prefix` instead."""
    settings = code_blocks((DOCS / "organisation.md").read_text(), "Bootstrap an organisation", "yaml")[1]
    assert PUBLISHED_PREFIX in settings
    return settings.replace(PUBLISHED_PREFIX, trusted_prefix)


def test_the_guides_settings_fill_the_author_and_its_derived_defaults(tmp_path: Path, template_snapshot: Path) -> None:
    settings_file = tmp_path / "settings.yml"
    settings_file.write_text(readme_settings(f"{template_snapshot.parent}/"))
    settings = yaml.safe_load(settings_file.read_text())
    env = {**os.environ, "COPIER_SETTINGS_PATH": str(settings_file)}
    project = tmp_path / "project"

    # No --trust: the guide's settings trust the template's location.
    copied = copier_cli(
        "copy", "--defaults", "--vcs-ref=HEAD", "-d", "project_name=Ledger API", str(template_snapshot), str(project),
        env=env,
    )  # fmt: skip

    assert copied.returncode == 0, copied.stderr
    assert_answers_recorded(project, settings["defaults"])
    assert 'authors = [{ name = "Jane Doe", email = "jane@example.com" }]' in (project / "pyproject.toml").read_text()
    assert image_repository(project) == "ghcr.io/jane-doe/ledger-api"
