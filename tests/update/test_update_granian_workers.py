"""A Granian project from 0.1.0, with a setting of its own in the entrypoint, updates to one worker per container."""

from __future__ import annotations

import pytest

from harness.template_repo import commit_all
from tests.support.project_updates import files_with_conflict_markers

PAST_RELEASE = "0.1.0"
ENTRYPOINT = "docker-entrypoint.sh"
EXEC_LINE = "exec granian "
TEAM_SETTING = '# Ours: quieter logs.\nexport GRANIAN_LOG_LEVEL="${GRANIAN_LOG_LEVEL:-warning}"\n'


@pytest.mark.slow
def test_a_granian_project_from_0_1_0_takes_one_worker_and_keeps_its_own_setting(project_from) -> None:
    past = project_from(PAST_RELEASE, server="granian")
    project = past.path
    entrypoint = project / ENTRYPOINT
    old = entrypoint.read_text()
    assert "${WEB_CONCURRENCY:-2}" in old, "not the 0.1.0 entrypoint this test is about"
    entrypoint.write_text(old.replace(EXEC_LINE, TEAM_SETTING + EXEC_LINE, 1))
    commit_all(project, "Quieter Granian logs")

    past.update()

    new = entrypoint.read_text()
    assert 'export GRANIAN_WORKERS="${GRANIAN_WORKERS:-${WEB_CONCURRENCY:-1}}"' in new
    assert TEAM_SETTING + EXEC_LINE in new
    assert files_with_conflict_markers(project) == []
