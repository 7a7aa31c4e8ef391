"""A project from the previous release, with its own Dockerfile edits, updates to this release with them kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all
from tests.support.past_releases import previous_release
from tests.support.project_updates import files_with_conflict_markers

# What a team adds to the runtime stage: a label, a shared library, a setting.
TEAM_LABEL = 'LABEL org.example.team="payments"\n'
TEAM_LIBRARY = "libpq5"
TEAM_SETTING = "ENV TEAM_SETTING=1\n"


def add_the_teams_edits(dockerfile: Path) -> None:
    text = dockerfile.read_text()
    text, labelled = re.subn(r"(?m)^(FROM \S+ AS runtime\n)", rf"\1{TEAM_LABEL}", text)
    runtime_install = r"(?m)(--mount=type=tmpfs,target=/var/cache/apt[\s\S]*?^    python3\.\d+)$"
    text, installed = re.subn(runtime_install, rf"\1 \\\n    {TEAM_LIBRARY}", text)
    assert (labelled, installed) == (1, 1), "the runtime stage is not where this test expects it"
    dockerfile.write_text(text + TEAM_SETTING)


@pytest.mark.slow
def test_update_from_the_previous_release_keeps_the_teams_dockerfile_edits(project_from) -> None:
    past = project_from(previous_release())
    project = past.path
    add_the_teams_edits(project / "Dockerfile")
    commit_all(project, "Our label, library and setting")

    past.update()

    dockerfile = (project / "Dockerfile").read_text()
    assert recorded_answers(project)["_commit"] == past.releases.new
    assert files_with_conflict_markers(project) == []
    assert TEAM_LABEL in dockerfile
    assert re.search(rf"^    python3\.\d+ \\\n    {TEAM_LIBRARY}$", dockerfile, re.MULTILINE)
    assert dockerfile.endswith(TEAM_SETTING)
