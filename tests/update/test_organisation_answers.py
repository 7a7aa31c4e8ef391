"""An organisation moves its registry: services that kept the derived image repository follow, the others keep theirs.

`image_namespace` is the organisation's answer; `image_repository`, empty,
stands for `<image_namespace>/<dist_name>`. Changing the namespace with
`copier update --data` (docs/updating.md, "Change an answer") must reach CI and the
Kubernetes manifests, and projects from 0.2.0, which recorded the derived
repository itself, must be migrated to follow too.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.copier_cli import copier_cli
from harness.paths import DOCS, REPO_ROOT
from harness.template_repo import commit_all
from tests.support.image_repository import image_repositories, image_repository
from tests.support.markdown import shell_blocks
from tests.support.project_updates import copy_and_commit
from tests.support.rendering import run_in
from tests.support.template_releases import Releases, release_ignoring_env_files, template_releases

MIGRATION = REPO_ROOT / "hooks/migrations/follow-image-namespace.py"
OLD_NAMESPACE = "registry.example.com/payments"
OWN_REPOSITORY = "acme/example-service"
PAST_RELEASE = "0.2.0"


def readme_command() -> list[str]:
    """docs/updating.md's command that moves a service to a new image_namespace."""
    guide = (DOCS / "updating.md").read_text()
    (block,) = [block for block in shell_blocks(guide, "Change an answer") if "--data image_namespace=" in block]
    return shlex.split(block)


NEW_NAMESPACE = next(arg.split("=", 1)[1] for arg in readme_command() if arg.startswith("image_namespace="))


def move_the_registry(project: Path) -> None:
    uvx, copier, *arguments = readme_command()
    assert (uvx, copier) == ("uvx", "copier")
    result = copier_cli(*arguments, cwd=project)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Releases:
    return template_releases(tmp_path_factory.mktemp("template"), release_ignoring_env_files)


@pytest.mark.slow
def test_a_service_on_the_derived_repository_follows_the_new_namespace(releases, tmp_path: Path) -> None:
    project = copy_and_commit(releases.repo, releases.current, tmp_path / "project", image_namespace=OLD_NAMESPACE)
    assert image_repository(project) == f"{OLD_NAMESPACE}/example-service"

    move_the_registry(project)

    assert image_repository(project) == f"{NEW_NAMESPACE}/example-service"
    assert len(image_repositories(project)) == 3, "the workflow and both manifests"
    assert recorded_answers(project)["image_repository"] == ""
    # Nothing names the old registry any more: the publishing job logs in to the new one too.
    left = subprocess.run(["git", "grep", "-l", OLD_NAMESPACE], cwd=project, text=True, capture_output=True)
    assert (left.returncode, left.stdout) == (1, "")
    assert "registry: registry2.example.com" in (project / ".github/workflows/ci.yml").read_text()


@pytest.mark.slow
def test_a_service_with_its_own_repository_keeps_it_when_the_namespace_moves(releases, tmp_path: Path) -> None:
    project = copy_and_commit(
        releases.repo,
        releases.current,
        tmp_path / "project",
        image_namespace=OLD_NAMESPACE,
        image_repository=OWN_REPOSITORY,
    )

    move_the_registry(project)

    assert image_repository(project) == OWN_REPOSITORY
    assert recorded_answers(project)["image_namespace"] == NEW_NAMESPACE
    assert run_in(project, "git", "status", "--porcelain").stdout == " M .copier-answers.yml\n"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("recorded", "follows"),
    [(f"{OLD_NAMESPACE}/example-service", True), (OWN_REPOSITORY, False)],
    ids=["derived", "own"],
)
def test_a_project_from_0_2_0_follows_the_namespace_only_if_it_had_the_derived_repository(
    project_from, recorded: str, follows: bool
) -> None:
    past = project_from(PAST_RELEASE, image_namespace=OLD_NAMESPACE, image_repository=recorded)
    project = past.path

    past.update()

    # The update itself publishes and deploys where the project did.
    assert image_repository(project) == recorded
    assert recorded_answers(project)["image_repository"] == ("" if follows else recorded)
    commit_all(project, f"Update to {past.releases.new}")

    move_the_registry(project)

    assert image_repository(project) == (f"{NEW_NAMESPACE}/example-service" if follows else recorded)


@pytest.mark.parametrize(
    ("answers", "migrated"),
    [
        (
            "dist_name: web\nimage_namespace: ghcr.io/acme\nimage_repository: ghcr.io/acme/web\nkubernetes: true\n",
            "dist_name: web\nimage_namespace: ghcr.io/acme\nimage_repository: ''\nkubernetes: true\n",
        ),
        ("dist_name: web\nimage_namespace: ghcr.io/acme\nimage_repository: ghcr.io/acme/api\n", None),
        ("dist_name: web\nimage_namespace: ghcr.io/acme\nimage_repository: ''\n", None),
        ("dist_name: web\nproject_name: Web\n", None),
    ],
    ids=["derived", "own", "already empty", "before image answers"],
)
def test_the_migration_empties_only_a_derived_repository(tmp_path: Path, answers: str, migrated: str | None) -> None:
    answers_file = tmp_path / ".copier-answers.yml"
    answers_file.write_text(answers)

    result = subprocess.run([sys.executable, "-B", str(MIGRATION), str(answers_file)], text=True, capture_output=True)

    assert result.returncode == 0, result.stderr
    assert answers_file.read_text() == (answers if migrated is None else migrated)
