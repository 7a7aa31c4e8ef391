"""`python -m fleet report --github-org`: the services and their update pull requests as a fake `gh` shows them."""

from __future__ import annotations

import json
from pathlib import Path

from harness.template_repo import commit_all, tag
from tests.support.fake_gh import fake_gh
from tests.support.fleet import run_fleet

RAW = "api -H Accept: application/vnd.github.raw+json"
PULL = "https://github.com/org/refunds/pull/7"


def test_the_organisation_report_reads_answers_and_update_pull_requests_from_github(tmp_path: Path) -> None:
    template = tmp_path / "template"
    template.mkdir()
    for release in ("0.1.0", "0.2.0"):
        (template / "CHANGELOG.md").write_text(f"## {release}\n")
        commit_all(template, f"release {release}")
        tag(template, release)
    pulls = [
        {
            "title": "Update from uv-docker-template 0.1.0 to 0.2.0",
            "labels": [{"name": "template-update-conflicts"}],
            "url": PULL,
        }
    ]
    gh = fake_gh(
        tmp_path / "gh",
        {
            "repo list org --no-archived --limit 1000 --json nameWithOwner": (
                0,
                json.dumps([{"nameWithOwner": "org/refunds"}, {"nameWithOwner": "org/ledger-api"}]),
                "",
            ),
            f"{RAW} repos/org/refunds/contents/.copier-answers.yml": (0, "_commit: 0.1.0\n", ""),
            f"{RAW} repos/org/ledger-api/contents/.copier-answers.yml": (0, "_commit: 0.2.0\n", ""),
            "pr list --repo org/refunds --head template-update --json title,labels,url": (0, json.dumps(pulls), ""),
            "pr list --repo org/ledger-api --head template-update --json title,labels,url": (0, "[]", ""),
        },
    )

    result = run_fleet(
        "report", "--json", "--template", template, "--github-org", "org", path=str(gh.directory / "bin")
    )

    assert result.returncode == 0, result.stderr
    rows = {row["service"]: row for row in json.loads(result.stdout)}
    assert rows.keys() == {"org/refunds", "org/ledger-api"}
    assert (rows["org/refunds"]["release"], rows["org/refunds"]["releases_behind"]) == ("0.1.0", 1)
    assert (rows["org/ledger-api"]["release"], rows["org/ledger-api"]["releases_behind"]) == ("0.2.0", 0)
    # Conflicts by the label, though the title does not say so.
    assert (rows["org/refunds"]["update_conflicts"], rows["org/refunds"]["update_url"]) == (True, PULL)
    assert rows["org/ledger-api"]["update_open"] is False
