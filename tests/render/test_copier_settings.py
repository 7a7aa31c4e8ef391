"""A person's Copier settings, as docs/organisation.md shows them, fill the author and trust the template.

The author questions carry Copier's well-known names, which settings' `defaults:` fill;
`trust:` stands in for --trust on copy and on update.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from harness.answers import recorded_answers
from harness.copier_cli import copier_cli, data_args
from harness.paths import DOCS
from harness.template_repo import commit_all
from tests.support.image_repository import image_repository
from tests.support.markdown import code_blocks
from tests.support.rendering import assert_answers_recorded, run_in
from tests.support.template_releases import append, template_releases

PUBLISHED_PREFIX = "gh:org/"
NEXT_DOCKERIGNORE = "# Local notes stay out of the image.\nNOTES.md\n"


def readme_settings(trusted_prefix: str) -> str:
    """The settings file of docs/organisation.md's "Bootstrap an organisation", trusting `trusted_prefix` instead."""
    settings = code_blocks((DOCS / "organisation.md").read_text(), "Bootstrap an organisation", "yaml")[1]
    assert PUBLISHED_PREFIX in settings
    return settings.replace(PUBLISHED_PREFIX, trusted_prefix)


def test_settings_fill_the_author_and_trust_the_template_for_copy_and_update(tmp_path: Path) -> None:
    releases = template_releases(
        tmp_path / "templates/uv-docker-template",
        lambda repo, version: append(repo / "template/.dockerignore", NEXT_DOCKERIGNORE),
    )
    settings_file = tmp_path / "settings.yml"
    settings_file.write_text(readme_settings(f"{releases.repo.parent}/"))
    settings = yaml.safe_load(settings_file.read_text())
    env = {**os.environ, "COPIER_SETTINGS_PATH": str(settings_file)}
    untrusted = {**os.environ, "COPIER_SETTINGS_PATH": str(tmp_path / "no-settings.yml")}
    project = tmp_path / "project"
    copy = ["copy", "--defaults", f"--vcs-ref={releases.current}", "-d", "project_name=Ledger API"]

    refused = copier_cli(*copy, str(releases.repo), str(project), env=untrusted)
    copied = copier_cli(*copy, str(releases.repo), str(project), env=env)

    assert refused.returncode != 0
    assert "--trust" in refused.stderr
    assert copied.returncode == 0, copied.stderr
    assert_answers_recorded(project, settings["defaults"])
    assert 'authors = [{ name = "Jane Doe", email = "jane@example.com" }]' in (project / "pyproject.toml").read_text()
    assert image_repository(project) == "ghcr.io/jane-doe/ledger-api"
    commit_all(project, "Start from uv-docker-template")

    refused_update = copier_cli("update", "--defaults", cwd=project, env=untrusted)
    assert refused_update.returncode != 0
    assert "--trust" in refused_update.stderr
    assert run_in(project, "git", "status", "--porcelain").stdout == ""
    updated = copier_cli("update", "--defaults", cwd=project, env=env)

    assert updated.returncode == 0, updated.stderr
    assert recorded_answers(project)["_commit"] == releases.next
    assert (project / ".dockerignore").read_text().endswith(NEXT_DOCKERIGNORE)


def test_answers_given_on_the_command_line_come_before_the_settings(tmp_path: Path, template_snapshot: Path) -> None:
    settings_file = tmp_path / "settings.yml"
    settings_file.write_text(readme_settings(f"{template_snapshot.parent}/"))
    env = {**os.environ, "COPIER_SETTINGS_PATH": str(settings_file)}
    answers = {"project_name": "Refunds", "user_name": "Payments Team"}

    copied = copier_cli(
        "copy", "--defaults", "--vcs-ref=HEAD", *data_args(answers), str(template_snapshot), str(tmp_path / "project"),
        env=env,
    )  # fmt: skip

    assert copied.returncode == 0, copied.stderr
    assert_answers_recorded(tmp_path / "project", {**answers, "user_email": "jane@example.com"})
