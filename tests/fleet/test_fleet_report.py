"""`python -m fleet report` on four services from a tagged template: 0.1.0, 0.2.0, a commit after 0.2.0, the newest.

The services are real copies, so `_commit` is what Copier records: the tag, or
`git describe`'s `0.2.0-1-gHASH` for the untagged commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness.answers import recorded_answers
from harness.template_repo import commit_all, git, snapshot_template, tag
from tests.support.copier_installs import COPIER_WITH_EXTENSION
from tests.support.fleet import run_fleet
from tests.support.past_releases import answers_at, release_commit, write_tree_of
from tests.support.project_updates import copy_and_commit
from tests.support.template_releases import current_release

pytestmark = pytest.mark.slow

NEWEST = current_release()
UNTAGGED = "untagged"
# Service name to the template revision it is copied from, and the releases it lacks.
SERVICES = {"ledger": ("0.1.0", 2), "refunds": ("0.2.0", 1), "payouts": (UNTAGGED, 1), "billing": (NEWEST, 0)}
CONFLICTED_TITLE = f"[conflicts] Update from uv-docker-template 0.2.0 to {NEWEST}"


def tagged_template(repo: Path) -> Path:
    """0.1.0 and 0.2.0 as published, a commit after 0.2.0 with no tag, and the working tree as the newest release."""
    repo.mkdir()
    for release in ("0.1.0", "0.2.0"):
        write_tree_of(release_commit(release), repo)
        commit_all(repo, f"release {release}")
        tag(repo, release)
        git(repo, "rm", "-rq", ".")
    write_tree_of(release_commit("0.2.0"), repo)
    (repo / "NOTES.md").write_text("Work towards the next release.\n")
    commit_all(repo, "after 0.2.0")
    git(repo, "rm", "-rq", ".")
    snapshot_template(repo)
    tag(repo, NEWEST)
    return repo


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The template and a services file: local clones, and one service served as a bare repository."""
    root = tmp_path_factory.mktemp("fleet")
    template = tagged_template(root / "template")
    untagged_commit = git(template, "rev-parse", f"{NEWEST}~1").strip()
    for name, (revision, _) in SERVICES.items():
        ref = untagged_commit if revision == UNTAGGED else revision
        release = "0.2.0" if revision == UNTAGGED else revision
        answers = answers_at(release, project_name=name.title())
        copy_and_commit(template, ref, root / name, copier=COPIER_WITH_EXTENSION, answers=answers)
    # The workflow's update branch, its commit titled as the pull request.
    git(root / "refunds", "switch", "-q", "-c", "template-update")
    git(root / "refunds", "commit", "-q", "--allow-empty", "-m", CONFLICTED_TITLE)
    git(root / "refunds", "switch", "-q", "main")
    git(root, "clone", "-q", "--bare", "billing", "billing.git")
    listing = "ledger Ledger\nrefunds Refunds\n# a comment\n\npayouts Payouts\n"
    (root / "services.txt").write_text(listing + f"file://{root / 'billing.git'}\n")
    return template, root / "services.txt"


def report_json(template: Path, services_file: Path) -> dict[str, dict[str, Any]]:
    result = run_fleet("report", "--json", "--template", template, services_file)
    assert result.returncode == 0, result.stderr
    return {Path(row["service"]).stem: row for row in json.loads(result.stdout)}


def test_the_services_record_the_revisions_they_were_copied_from(fleet: tuple[Path, Path]) -> None:
    services_file = fleet[1]
    for name, (revision, _) in SERVICES.items():
        commit = recorded_answers(services_file.parent / name)["_commit"]
        if revision == UNTAGGED:
            assert commit.startswith("0.2.0-1-g"), commit
        else:
            assert commit == revision


def test_json_gives_each_services_release_and_how_many_releases_it_lacks(fleet: tuple[Path, Path]) -> None:
    rows = report_json(*fleet)

    assert rows.keys() == SERVICES.keys()
    for name, (revision, behind) in SERVICES.items():
        row = rows[name]
        assert row["releases_behind"] == behind, name
        assert row["newest_release"] == NEWEST
        assert row["on_release"] == (revision != UNTAGGED), name
        if revision != UNTAGGED:
            assert row["release"] == revision
    assert rows["payouts"]["release"].startswith("0.2.0-1-g")


def test_table_gives_each_services_release_and_how_many_releases_it_lacks(fleet: tuple[Path, Path]) -> None:
    template, services_file = fleet
    untagged = recorded_answers(services_file.parent / "payouts")["_commit"]

    result = run_fleet("report", "--template", template, services_file)

    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.split("\n\n", 1)[1].splitlines()
    assert header.split() == ["SERVICE", "RELEASE", "BEHIND", "UPDATE"]
    cells = {Path(row.split()[0]).stem: row.split()[1:] for row in rows}
    assert cells == {
        "ledger": ["0.1.0", "2", "none"],
        "refunds": ["0.2.0", "1", "open,", "conflicts"],
        "payouts": [untagged, "1", "(untagged)", "none"],
        "billing": [NEWEST, "0", "none"],
    }
    assert result.stdout.startswith(f"Newest template release: {NEWEST}\n")


def test_an_update_branch_whose_commit_is_marked_conflicts_is_an_open_update_with_conflicts(
    fleet: tuple[Path, Path],
) -> None:
    rows = report_json(*fleet)

    assert (rows["refunds"]["update_open"], rows["refunds"]["update_conflicts"]) == (True, True)
    others = [(row["update_open"], row["update_conflicts"]) for name, row in rows.items() if name != "refunds"]
    assert others == [(False, False)] * 3


def test_a_service_that_cannot_be_read_is_reported_and_fails_the_command(
    fleet: tuple[Path, Path], tmp_path: Path
) -> None:
    template, services_file = fleet
    (tmp_path / "services.txt").write_text(f"{services_file.parent / 'ledger'}\n{tmp_path / 'gone'}\n")

    result = run_fleet("report", "--json", "--template", template, tmp_path / "services.txt")

    assert result.returncode == 1
    rows = json.loads(result.stdout)
    assert rows[0]["release"] == "0.1.0"
    assert "error" in rows[1]
