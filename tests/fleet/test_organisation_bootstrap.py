"""docs/organisation.md's bootstrap: its answers file and script make services that pass their tests and serve.

The script runs as written, with the template's snapshot in place of its published URL.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from harness.answers import recorded_answers
from harness.containers import running
from harness.images import BUILT_IN_FRONTEND, RUNTIME_APT_STEP, build_image, checkout_tag
from harness.options import BASE_IMAGES, SERVERS
from harness.paths import DOCS
from harness.template_repo import git
from tests.support.copier_installs import LOCKED_COPIER
from tests.support.image_matrix import Variant
from tests.support.image_repository import image_repository
from tests.support.markdown import code_blocks, shell_blocks
from tests.support.rendering import assert_answers_recorded, run_in

SECTION = "Bootstrap an organisation"
ORGANISATION_GUIDE = DOCS / "organisation.md"
PUBLISHED_SOURCE = "gh:org/uv-docker-template"
SERVICES = {"ledger-api": "Ledger API", "refunds": "Refunds", "payouts-worker": "Payouts Worker"}
# The script makes each service's first commit; CI machines may have no identity of their own.
GIT_IDENTITY = {
    f"GIT_{role}_{field}": value
    for role in ("AUTHOR", "COMMITTER")
    for field, value in (("NAME", "Payments Team"), ("EMAIL", "payments@example.com"))
}


def readme_section() -> tuple[str, str]:
    """The organisation's answers file and the script, as docs/organisation.md shows them."""
    guide = ORGANISATION_GUIDE.read_text()
    return code_blocks(guide, SECTION, "yaml")[0], shell_blocks(guide, SECTION)[0]


def write_bootstrap(directory: Path, template: Path, org_answers: dict[str, str]) -> None:
    """The guide's answers file and script in `directory`, the script reading the template from `template`."""
    script = readme_section()[1]
    assert PUBLISHED_SOURCE in script
    (directory / "org-answers.yml").write_text(yaml.safe_dump(org_answers))
    (directory / "new-services.sh").write_text(script.replace(PUBLISHED_SOURCE, str(template)))


def run_bootstrap(directory: Path, services: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the script on a services.txt listing `services`, as people write one: a blank line, no final newline."""
    (directory / "services.txt").write_text("\n\n".join(f"{d} {name}" for d, name in services.items()))
    env = {**os.environ, **GIT_IDENTITY}
    return subprocess.run(["sh", "new-services.sh"], cwd=directory, env=env, text=True, capture_output=True)


def files_of(project: Path) -> dict[str, bytes]:
    """Every file of the project, its git repository included, by path."""
    return {str(path.relative_to(project)): path.read_bytes() for path in project.rglob("*") if path.is_file()}


def test_the_bootstrap_runs_the_copier_that_the_template_tests_run() -> None:
    """One owner for the pin: this repository's uv.lock; the guide's script follows it."""
    section = ORGANISATION_GUIDE.read_text().split(f"\n## {SECTION}\n", 1)[1].split("\n## ", 1)[0]

    runs = re.findall(r"uvx\s+(\S+)", section)

    assert runs, f"docs/organisation.md's {SECTION!r} no longer runs Copier through uvx"
    assert set(runs) == {f"copier=={LOCKED_COPIER}"}


@pytest.mark.slow
def test_a_rerun_with_one_more_service_creates_it_and_leaves_the_others_untouched(
    tmp_path: Path, template_snapshot: Path
) -> None:
    write_bootstrap(tmp_path, template_snapshot, yaml.safe_load(readme_section()[0]))
    first, added = dict(list(SERVICES.items())[:2]), dict(list(SERVICES.items())[2:])
    assert run_bootstrap(tmp_path, first).returncode == 0
    before = {directory: files_of(tmp_path / directory) for directory in first}

    rerun = run_bootstrap(tmp_path, SERVICES)

    assert rerun.returncode == 0, rerun.stderr
    for directory in first:
        assert f"{directory} exists: skipped" in rerun.stderr
        assert files_of(tmp_path / directory) == before[directory], f"{directory} changed"
    for directory, project_name in added.items():
        project = tmp_path / directory
        assert recorded_answers(project)["project_name"] == project_name
        assert git(project, "log", "--format=%s").splitlines() == ["Start from uv-docker-template"]
        assert git(project, "status", "--porcelain", "--ignored") == ""


@pytest.mark.slow
@pytest.mark.docker
def test_services_from_one_answers_file_pass_their_tests_and_one_serves(
    tmp_path: Path, template_snapshot: Path, build_variant
) -> None:
    # The `# syntax=` frontend image cannot be pulled here: the daemon's built-in frontend builds it.
    org_answers = {**yaml.safe_load(readme_section()[0]), **BUILT_IN_FRONTEND}
    write_bootstrap(tmp_path, template_snapshot, org_answers)

    created = run_bootstrap(tmp_path, SERVICES)

    assert created.returncode == 0, created.stderr
    for directory, project_name in SERVICES.items():
        project = tmp_path / directory
        assert_answers_recorded(project, {**org_answers, "project_name": project_name})
        answers = recorded_answers(project)
        assert answers["dist_name"] == directory
        assert image_repository(project) == f"{org_answers['image_namespace']}/{directory}"
        # run_in fails unless pytest exits 0, which it does only if it collected tests and all passed.
        run_in(project, "uv", "run", "pytest", "-q")
    # The session's image of the same base image and server (built now if no test did yet) has
    # left the base and Python layers in the cache: this build takes them from there.
    build_variant(Variant(BASE_IMAGES[org_answers["base_image"]], SERVERS[org_answers["server"]]))
    build = build_image(tmp_path / "ledger-api", checkout_tag("org-ledger-api"))
    assert build.step_cached("[build-base ", "apt-get update")
    assert build.step_cached(*RUNTIME_APT_STEP)
    with running(build.tag) as container:
        container.ms_to_first_200("/healthz")
        status, body = container.get("/healthz")
    assert status == 200
    assert b'"ok"' in body
