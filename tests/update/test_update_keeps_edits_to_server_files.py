"""A Granian project from 0.2.0, with edits of its own to the files that 0.3.0 rewords, keeps them on update.

0.3.0 shortens the entrypoint's comments, keeps only the project's own server in
json_log_format.py, and moves checkov's accepted findings out of
kustomization.yaml into k8s/base/.checkov.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.template_repo import commit_all
from tests.support.past_projects import past_project
from tests.support.project_updates import files_with_conflict_markers
from tests.support.template_releases import replace_once

pytestmark = pytest.mark.slow

PAST_RELEASE = "0.2.0"
KUSTOMIZATION = "k8s/base/kustomization.yaml"
# The team's edits, each an (old, new) of one line in a generated file.
EDITS = {
    "docker-entrypoint.sh": (
        "exec granian ",
        'export GRANIAN_LOG_LEVEL="${GRANIAN_LOG_LEVEL:-warning}"\nexec granian ',
    ),
    "json_log_format.py": (
        '"message": record.getMessage(),',
        '"message": record.getMessage(),\n            "team": "billing",',
    ),
    # What `kustomize edit set image` leaves after a release.
    KUSTOMIZATION: ('newTag: "0.1.0"', 'newTag: "1.4.2"'),
}


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("from-0.2.0")
    past = past_project(tmp, PAST_RELEASE, server="granian", log_format="json", kubernetes=True)
    project = past.path
    for path, (old, new) in EDITS.items():
        replace_once(project / path, old, new)
    commit_all(project, "Our own settings")

    past.update()
    return project


def test_the_update_merges_without_conflicts(updated: Path) -> None:
    assert files_with_conflict_markers(updated) == []


@pytest.mark.parametrize("path", EDITS)
def test_the_teams_edit_survives_the_update(updated: Path, path: str) -> None:
    _, new = EDITS[path]

    assert new in (updated / path).read_text()


def test_the_manifests_no_longer_carry_checkov_annotations(updated: Path) -> None:
    assert "checkov.io/skip" not in (updated / KUSTOMIZATION).read_text()
    assert (updated / "k8s/base/.checkov.yaml").is_file()
