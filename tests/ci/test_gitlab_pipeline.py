"""The generated .gitlab-ci.yml (ci=gitlab): GitLab's schema, and its jobs' scripts run as a runner runs them."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.options import UV_VERSION
from harness.template_repo import commit_all, git
from tests.support.gitlab_pipeline import (
    COMMIT_SHA,
    assert_passes_validators,
    job_script,
    load_pipeline,
    run_job,
    run_script_line,
)
from tests.support.workflows import run_steps

REGISTRY_IMAGE = "registry.gitlab.example.com/example-team/example-service"
BUILD_CACHE = f"{REGISTRY_IMAGE}/build-cache:image"
# Records its arguments, one JSON list a line, as buildctl-daemonless.sh would receive them.
RECORDER = "#!{python}\nimport json, sys\nopen({log!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"


@pytest.fixture(scope="module")
def gitlab_project(render_session) -> Path:
    return render_session(ci="gitlab")


@pytest.mark.parametrize(
    "answers", [{}, {"image_repository": "acme/example-service"}], ids=["own registry", "docker hub"]
)
def test_pipeline_and_renovate_pass_the_validators(render, answers: dict[str, str]) -> None:
    project = render(ci="gitlab", **answers)

    assert_passes_validators(project)
    assert not (project / ".github").exists()


def test_a_broken_pipeline_fails_the_schema(gitlab_project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "project"
    broken.mkdir()
    (broken / ".gitlab-ci.yml").write_text(
        (gitlab_project / ".gitlab-ci.yml").read_text().replace("interruptible: true", "interruptible: sometimes", 1)
    )
    (broken / "renovate.json").write_text((gitlab_project / "renovate.json").read_text())

    with pytest.raises(AssertionError, match=r"vendor\.gitlab-ci rejects"):
        assert_passes_validators(broken)


@pytest.mark.slow
def test_the_checks_job_passes_on_a_clean_project(render) -> None:
    project = render(ci="gitlab")
    git(project, "init", "--quiet")
    commit_all(project, "Start")

    # run_job fails unless every line exits 0; pytest does so only if it collected tests.
    run_job(project, "checks")

    assert "uv run --locked pytest" in job_script(project, "checks")


def test_the_conflict_marker_check_is_the_github_workflows_own(render, gitlab_project: Path) -> None:
    github_steps = run_steps(render(ci="github"), "checks")
    (marker_step,) = [step for step in github_steps if step.get("name") == "No conflict markers"]

    assert job_script(gitlab_project, "checks")[0] == marker_step["run"]
    assert job_script(gitlab_project, "checks")[1:] == [
        step["run"] for step in github_steps if "uv" in step["run"] and "GITHUB_OUTPUT" not in step["run"]
    ]


def test_the_checks_and_the_update_run_the_uv_that_the_dockerfile_pins(gitlab_project: Path) -> None:
    pipeline = load_pipeline(gitlab_project)
    python = recorded_answers(gitlab_project)["python_version"]

    assert f"COPY --from=ghcr.io/astral-sh/uv:{UV_VERSION} " in (gitlab_project / "Dockerfile").read_text()
    for job in ("checks", "template-update"):
        assert pipeline[job]["image"] == f"ghcr.io/astral-sh/uv:{UV_VERSION}-python{python}-bookworm", job


def test_merge_requests_run_without_a_duplicate_branch_pipeline_and_only_publishing_is_not_interruptible(
    gitlab_project: Path,
) -> None:
    pipeline = load_pipeline(gitlab_project)
    rules = pipeline["workflow"]["rules"]

    assert rules[0] == {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}
    assert rules[1]["when"] == "never"
    assert "$CI_OPEN_MERGE_REQUESTS" in rules[1]["if"]
    assert pipeline["default"]["interruptible"] is True
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    assert {name for name, job in jobs.items() if job.get("interruptible") is False} == {"publish", "template-update"}


def test_the_build_is_rootless_and_caches_in_the_projects_registry(gitlab_project: Path) -> None:
    pipeline = load_pipeline(gitlab_project)
    (build,) = job_script(gitlab_project, "build")

    assert pipeline[".buildkit"]["image"]["name"].endswith("-rootless")
    assert "services" not in pipeline["build"]
    assert "services" not in pipeline["publish"]
    assert '--export-cache "type=registry,ref=$BUILD_CACHE,mode=max"' in build
    assert pipeline["variables"]["BUILD_CACHE"].startswith("$CI_REGISTRY_IMAGE/")
    assert pipeline["variables"]["IMAGE_REPOSITORY"] == "$CI_REGISTRY_IMAGE"


def test_an_image_repository_of_its_own_is_where_it_publishes(render) -> None:
    project = render(ci="gitlab", image_repository="acme/example-service")

    assert load_pipeline(project)["variables"]["IMAGE_REPOSITORY"] == "acme/example-service"
    assert "REGISTRY_USERNAME" in " ".join(load_pipeline(project)[".buildkit"]["before_script"])


def publish(project: Path, tmp_path: Path, **ref: str) -> list[str]:
    """The publish job's script with a recording buildctl-daemonless.sh: the arguments it got."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "buildctl.jsonl"
    recorder = bin_dir / "buildctl-daemonless.sh"
    recorder.write_text(RECORDER.format(python=sys.executable, log=str(log)))
    recorder.chmod(0o755)
    path = f"{bin_dir}:{os.environ['PATH']}"
    for line in job_script(project, "publish"):
        result = run_script_line(
            project, line, PATH=path, IMAGE_REPOSITORY=REGISTRY_IMAGE, BUILD_CACHE=BUILD_CACHE, **ref
        )
        assert result.returncode == 0, result.stderr
    (arguments,) = [json.loads(line) for line in log.read_text().splitlines()]
    return arguments


def options(arguments: list[str], name: str) -> list[str]:
    return [arguments[i + 1] for i, argument in enumerate(arguments) if argument == name]


def test_a_release_tag_publishes_its_version_major_minor_latest_and_the_commit(
    gitlab_project: Path, tmp_path: Path
) -> None:
    arguments = publish(gitlab_project, tmp_path, CI_COMMIT_TAG="v1.2.3", CI_COMMIT_REF_SLUG="v1-2-3")

    tags = [f"{REGISTRY_IMAGE}:{tag}" for tag in ("1.2.3", "1.2", "latest", f"sha-{COMMIT_SHA[:7]}")]
    assert options(arguments, "--output") == [f'type=image,"name={",".join(tags)}",push=true']
    assert "label:org.opencontainers.image.version=1.2.3" in options(arguments, "--opt")


def test_the_default_branch_publishes_the_branch_and_the_commit_with_the_labels_of_github(
    gitlab_project: Path, tmp_path: Path
) -> None:
    answers = recorded_answers(gitlab_project)

    arguments = publish(gitlab_project, tmp_path, CI_COMMIT_BRANCH="main", CI_COMMIT_REF_SLUG="main")

    tags = f"{REGISTRY_IMAGE}:main,{REGISTRY_IMAGE}:sha-{COMMIT_SHA[:7]}"
    assert options(arguments, "--output") == [f'type=image,"name={tags}",push=true']
    labels = dict(o.removeprefix("label:").split("=", 1) for o in options(arguments, "--opt") if o.startswith("label:"))
    assert labels["org.opencontainers.image.licenses"] == answers["license"]
    assert labels["uv-docker-template.release"] == answers["_commit"]
    assert labels["org.opencontainers.image.revision"] == COMMIT_SHA
    assert labels["org.opencontainers.image.source"] == "https://gitlab.example.com/example-team/example-service"
    assert {"org.opencontainers.image.created", "org.opencontainers.image.title"} <= set(labels)
    assert {"attest:sbom=", "attest:provenance=mode=max"} <= set(options(arguments, "--opt"))
    assert options(arguments, "--import-cache") == [f"type=registry,ref={BUILD_CACHE}"]


def test_readme_lists_each_check_that_the_pipeline_runs_as_one_command(gitlab_project: Path) -> None:
    readme = (gitlab_project / "README.md").read_text()
    block = re.search(r"\n### Checks\n.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert block, "the README has no Checks section with commands"
    documented = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]

    assert documented == job_script(gitlab_project, "checks")
    assert ".github" not in readme
