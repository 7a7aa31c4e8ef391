"""docs/organisation.md's "Roll out a release now": `python -m fleet rollout` starts every template update.

A fake `gh` on PATH records what the command asks GitHub to do.
"""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

from harness.paths import DOCS
from tests.support.fake_gh import fake_gh
from tests.support.fleet import run_fleet
from tests.support.markdown import shell_blocks

SERVICES = {
    "https://github.com/org/ledger-api.git": "org/ledger-api",
    "https://github.com/org/refunds": "org/refunds",
    "git@github.com:org/payouts-worker.git": "org/payouts-worker",
}


def start_in(repository: str) -> list[str]:
    return ["workflow", "run", "template-update.yml", "--repo", repository]


def readme_rollout(services_file: Path) -> list[str]:
    """The guide's command, its arguments after `python -m fleet`, with `services_file` for its example file."""
    command = shlex.split(shell_blocks((DOCS / "organisation.md").read_text(), "Roll out a release now")[0])
    assert command[:5] == ["uv", "run", "python", "-m", "fleet"]
    return [str(services_file) if argument == "fleet.txt" else argument for argument in command[5:]]


def test_the_readme_command_starts_the_workflow_in_every_service(tmp_path: Path) -> None:
    gh = fake_gh(tmp_path / "gh")
    (tmp_path / "fleet.txt").write_text("".join(f"{url}\n" for url in SERVICES))

    result = run_fleet(*readme_rollout(tmp_path / "fleet.txt"), path=str(gh.directory / "bin"))

    assert result.returncode == 0, result.stderr
    assert gh.calls == [start_in(repository) for repository in SERVICES.values()]
    assert result.stdout.splitlines() == [f"{repository}: started" for repository in SERVICES.values()]


def test_a_service_that_does_not_start_is_reported_and_the_others_still_start(tmp_path: Path) -> None:
    refused = (1, "", "HTTP 404: workflow template-update.yml not found")
    gh = fake_gh(tmp_path / "gh", {" ".join(start_in("org/refunds")): refused})
    (tmp_path / "fleet.txt").write_text("".join(f"{url}\n" for url in SERVICES))

    result = run_fleet("rollout", tmp_path / "fleet.txt", path=str(gh.directory / "bin"))

    assert result.returncode == 1
    assert gh.calls == [start_in(repository) for repository in SERVICES.values()]
    assert "org/refunds: failed: HTTP 404: workflow template-update.yml not found" in result.stdout.splitlines()


def test_a_service_not_on_github_stops_the_rollout_before_any_start(tmp_path: Path) -> None:
    gh = fake_gh(tmp_path / "gh")
    (tmp_path / "fleet.txt").write_text("https://github.com/org/refunds\nhttps://git.example.com/org/ledger-api.git\n")

    result = run_fleet("rollout", tmp_path / "fleet.txt", path=str(gh.directory / "bin"))

    assert result.returncode == 2
    assert "https://git.example.com/org/ledger-api.git" in result.stderr
    assert gh.calls == []


def test_an_organisation_rolls_out_to_its_repositories_with_an_answers_file(tmp_path: Path) -> None:
    repositories = [{"nameWithOwner": name} for name in ("org/refunds", "org/ledger-api", "org/website")]
    listing = "repo list org --no-archived --limit 1000 --json nameWithOwner"
    no_answers = (1, "", "gh: Not Found (HTTP 404)")
    answers_of_website = "api -H Accept: application/vnd.github.raw+json repos/org/website/contents/.copier-answers.yml"
    gh = fake_gh(tmp_path / "gh", {listing: (0, json.dumps(repositories), ""), answers_of_website: no_answers})

    result = run_fleet("rollout", "--github-org", "org", path=str(gh.directory / "bin"))

    assert result.returncode == 0, result.stderr
    started = [call for call in gh.calls if call[:2] == ["workflow", "run"]]
    assert started == [start_in("org/ledger-api"), start_in("org/refunds")]


def test_without_gh_the_rollout_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    (tmp_path / "fleet.txt").write_text("https://github.com/org/refunds\n")

    result = run_fleet("rollout", tmp_path / "fleet.txt", only_path=str(tmp_path / "bin"))

    assert result.returncode == 2
    assert "gh is not installed, or not on PATH" in result.stderr
