"""The generated workflow and Renovate configuration pass the offline validators and keep their promises."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.options import BASE_IMAGES, SERVER_CHOICES, UV_VERSION
from harness.template_repo import commit_all
from tests.support.workflows import (
    PINNED_USES,
    RENOVATE,
    WORKFLOW,
    assert_passes_validators,
    load_workflow,
    run_step,
    run_steps,
    uses_lines,
    validate,
)

VARIANTS = {
    **{base: {"base_image": base} for base in BASE_IMAGES},
    **{
        choice: {"framework": framework.name, "server": server.name}
        for choice, (framework, server) in SERVER_CHOICES.items()
    },
    "docker hub": {"image_repository": "acme/example-service"},
}


@pytest.fixture(scope="module")
def default_project(render_session) -> Path:
    return render_session()


def test_actionlint_runs_shellcheck_on_run_steps(default_project: Path, tmp_path: Path) -> None:
    """Else actionlint silently skips the scripts: a broken one must be caught."""
    assert shutil.which("shellcheck"), "shellcheck (Debian's) must be installed: .ci/install-lint-tools.sh"
    broken = tmp_path / "ci.yml"
    broken.write_text((default_project / WORKFLOW).read_text().replace("run: uv lock --check", "run: cat $FILE"))

    result = validate("actionlint", "-format", "{{json .}}", str(broken))

    assert result.returncode != 0
    findings = json.loads(result.stdout)
    assert [finding["kind"] for finding in findings] == ["shellcheck"]
    assert "SC2086" in findings[0]["message"]


@pytest.mark.slow
@pytest.mark.parametrize("answers", VARIANTS.values(), ids=VARIANTS.keys())
def test_workflow_and_renovate_pass_the_validators(render, answers: dict[str, str]) -> None:
    assert_passes_validators(render(**answers))


def test_default_project_passes_the_validators(default_project: Path) -> None:
    assert_passes_validators(default_project)


def test_every_action_is_pinned_by_commit_sha_with_its_version(default_project: Path) -> None:
    uses = uses_lines(default_project)

    assert len(uses) >= 5
    unpinned = [line for line in uses if not PINNED_USES.match(line)]
    assert unpinned == []


def test_only_pushes_publish_and_only_the_publishing_job_may_write(default_project: Path) -> None:
    workflow = load_workflow(default_project)
    jobs = workflow["jobs"]

    assert workflow["permissions"] == {}
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["on"]["push"] == {"branches": ["main"], "tags": ["v*"]}
    pushing = [name for name, job in jobs.items() for step in job["steps"] if "push=true" in str(step.get("with"))]
    assert pushing == ["publish"]
    assert jobs["publish"]["if"] == "github.event_name == 'push'"
    assert set(jobs["publish"]["needs"]) == {"checks", "image"}
    assert jobs["sign"]["needs"] == ["publish"]
    may_write = {"publish": {"packages"}, "sign": {"packages", "id-token"}}
    for name, job in jobs.items():
        writes = {scope for scope, access in job["permissions"].items() if access != "read"}
        assert writes == may_write.get(name, set()), name
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]


def test_image_is_cached_in_github_per_platform_and_pushed_by_digest_with_attestations(default_project: Path) -> None:
    jobs = load_workflow(default_project)["jobs"]
    build, push = (
        next(step["with"] for step in jobs[job]["steps"] if "build-push-action" in step.get("uses", ""))
        for job in ("image", "publish")
    )

    assert build["load"] is True
    assert build["platforms"] == push["platforms"] == "${{ matrix.platform }}"
    assert build["cache-to"] == "type=gha,scope=image-${{ matrix.arch }},mode=max"
    assert push["cache-from"] == build["cache-from"] == "type=gha,scope=image-${{ matrix.arch }}"
    assert "push-by-digest=true" in push["outputs"]
    assert (push["provenance"], push["sbom"]) == ("mode=max", True)
    assert load_workflow(default_project)["env"]["IMAGE_REPOSITORY"] == "ghcr.io/example-team/example-service"


def test_ci_uses_the_uv_that_the_dockerfile_pins(default_project: Path, tmp_path: Path) -> None:
    step = next(step for step in run_steps(default_project, "checks") if step.get("id") == "uv")

    result = run_step(default_project, step, tmp_path)

    assert result.process.returncode == 0, result.process.stderr
    assert result.outputs == {"version": UV_VERSION}


def test_image_labels_name_the_license_and_the_template_release(default_project: Path, tmp_path: Path) -> None:
    step = next(step for step in run_steps(default_project, "publish") if step.get("id") == "project")
    answers = recorded_answers(default_project)

    result = run_step(default_project, step, tmp_path)

    assert result.process.returncode == 0, result.process.stderr
    assert result.outputs == {"license": answers["license"], "template-release": answers["_commit"]}
    publish = load_workflow(default_project)["jobs"]["publish"]
    labels = next(step for step in publish["steps"] if step.get("id") == "meta")
    assert dict(line.split("=", 1) for line in labels["with"]["labels"].splitlines()) == {
        "org.opencontainers.image.licenses": "${{ steps.project.outputs.license }}",
        "uv-docker-template.release": "${{ steps.project.outputs.template-release }}",
    }


def test_a_release_that_yaml_quotes_is_labelled_without_its_quotes(render, tmp_path: Path) -> None:
    # A commit of digits only reads as a number, so the answers file quotes it.
    project = render()
    answers_file = project / ".copier-answers.yml"
    text = answers_file.read_text()
    answers_file.write_text(re.sub(r"^_commit: .*$", "_commit: '1234567'", text, flags=re.MULTILINE))
    step = next(step for step in run_steps(project, "publish") if step.get("id") == "project")

    result = run_step(project, step, tmp_path)

    assert result.outputs["template-release"] == "1234567"


@pytest.mark.parametrize("job", ["image", "publish"])
def test_image_builds_are_dated_by_the_last_commit(
    default_project: Path, tmp_path: Path, job: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's reproducible build: SOURCE_DATE_EPOCH is the time of the commit that CI checked out."""
    project = shutil.copytree(default_project, tmp_path / "project", ignore=shutil.ignore_patterns(".venv"))
    # Long before the test runs, so that the clock cannot stand in for the commit.
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2023-11-14T22:13:20Z")
    commit_all(project, "Start from uv-docker-template")
    steps = load_workflow(project)["jobs"][job]["steps"]
    source_date = next(step for step in steps if step.get("id") == "source-date")

    result = run_step(project, source_date, tmp_path)

    assert result.process.returncode == 0, result.process.stderr
    assert result.outputs == {"epoch": "1700000000"}
    build = next(step for step in steps if step.get("uses", "").startswith("docker/build-push-action@"))
    assert build["with"]["build-args"] == "SOURCE_DATE_EPOCH=${{ steps.source-date.outputs.epoch }}"


def test_renovate_maintains_the_lock_after_a_cooldown_and_leaves_template_updates_to_the_workflow(
    default_project: Path,
) -> None:
    """Which pins Renovate leaves to the template: tests/ci/test_pin_ownership.py."""
    renovate = json.loads((default_project / RENOVATE).read_text())

    assert set(renovate["enabledManagers"]) == {"pep621", "dockerfile", "github-actions"}
    # Template updates are the Template update workflow's: no failing Copier pull requests of Renovate's own.
    assert renovate["copier"]["enabled"] is False
    assert ":maintainLockFilesWeekly" in renovate["extends"]
    assert renovate["minimumReleaseAge"] == "7 days"


def test_docker_hub_publishing_logs_in_with_repository_secrets_and_writes_nothing_on_github(render) -> None:
    project = render(image_repository="acme/example-service")
    publish = load_workflow(project)["jobs"]["publish"]
    login = next(step["with"] for step in publish["steps"] if "login-action" in step.get("uses", ""))

    assert publish["permissions"] == {"contents": "read"}
    assert load_workflow(project)["jobs"]["sign"]["permissions"] == {"contents": "read", "id-token": "write"}
    assert login == {
        "registry": "docker.io",
        "username": "${{ vars.REGISTRY_USERNAME }}",
        "password": "${{ secrets.REGISTRY_PASSWORD }}",
    }


def test_without_ci_there_is_no_workflow_or_bot_configuration(render) -> None:
    project = render(ci="none")

    assert not (project / ".github").exists()
    assert (project / ".pre-commit-config.yaml").is_file()


def test_readme_lists_each_check_that_ci_runs_as_one_command(default_project: Path) -> None:
    readme = (default_project / "README.md").read_text()
    block = re.search(r"\n### Checks\n.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert block, "the README has no Checks section with commands"
    documented = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]

    assert documented == [step["run"] for step in run_steps(default_project, "checks") if step.get("id") != "uv"]


def test_each_platform_is_built_tested_and_published_on_a_runner_of_its_own_architecture(
    default_project: Path,
) -> None:
    jobs = load_workflow(default_project)["jobs"]

    for name in ("image", "publish"):
        assert jobs[name]["runs-on"] == "${{ matrix.runner }}"
        runners = {entry["platform"]: entry["runner"] for entry in jobs[name]["strategy"]["matrix"]["include"]}
        assert runners == {"linux/amd64": "ubuntu-24.04", "linux/arm64": "ubuntu-24.04-arm"}, name


def test_sign_job_joins_the_platforms_and_signs_that_digest_without_a_key(default_project: Path) -> None:
    steps = load_workflow(default_project)["jobs"]["sign"]["steps"]
    index = next(step for step in steps if step.get("id") == "index")
    sign = steps[-1]

    assert "docker buildx imagetools create" in index["run"]
    assert sign["env"] == {"DIGEST": "${{ steps.index.outputs.digest }}"}
    assert sign["run"] == 'cosign sign --yes "$IMAGE_REPOSITORY@$DIGEST"'
    assert "sigstore/cosign-installer" in steps[-2]["uses"]
