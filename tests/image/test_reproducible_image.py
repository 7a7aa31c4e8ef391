"""One commit, built twice from nothing, gives one image: anyone can rebuild it and check what was published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from harness.docker_cli import docker
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag
from harness.layer_diff import describe_differences
from harness.template_repo import commit_all, git

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# The date that the Dockerfile gives every file it writes (ARG FILE_EPOCH): 1980-01-01.
FILE_EPOCH = 315532800


@dataclass(frozen=True)
class TwinBuilds:
    first: str
    second: str
    source_date_epoch: int


def image_id(tag: str) -> str:
    """The image's ID: in Docker's own image store, the digest of its config, which names every layer by
    the digest of its contents and holds the creation time. (A manifest digest exists only once pushed.)"""
    return docker("image", "inspect", "-f", "{{.Id}}", tag).stdout.strip()


@pytest.fixture(scope="module")
def twin_builds(docker_engine: None, render_session) -> TwinBuilds:
    """The default project, committed, built twice without cache, with SOURCE_DATE_EPOCH as README.md derives it."""
    project: Path = render_session(**BUILT_IN_FRONTEND)
    commit_all(project, "Start from uv-docker-template")
    epoch = int(git(project, "log", "-1", "--format=%ct"))
    options = ("--no-cache", "--build-arg", f"SOURCE_DATE_EPOCH={epoch}")
    first, second = (
        build_image(project, checkout_tag(f"reproducible-{n}"), options=options).tag for n in ("first", "second")
    )
    return TwinBuilds(first, second, epoch)


def test_two_builds_without_cache_give_the_same_image(twin_builds: TwinBuilds) -> None:
    assert image_id(twin_builds.first) == image_id(twin_builds.second), describe_differences(
        twin_builds.first, twin_builds.second
    )


def test_the_commit_dates_the_image(twin_builds: TwinBuilds) -> None:
    created = docker("image", "inspect", "-f", "{{.Created}}", twin_builds.first).stdout.strip()

    assert datetime.fromisoformat(created) == datetime.fromtimestamp(twin_builds.source_date_epoch, UTC)


def test_the_files_have_one_date_whatever_the_commit(twin_builds: TwinBuilds) -> None:
    """Not the commit's: a commit that changes only the code must leave the dependency layer as it was."""
    # The runtime's own files, and the virtualenv that the build stages made.
    paths = ["/usr/local/bin/docker-entrypoint.sh", "/app", "/app/bin/python"]
    stat = docker("run", "--rm", "--entrypoint", "stat", twin_builds.first, "-c", "%n %Y", *paths).stdout

    assert stat.splitlines() == [f"{path} {FILE_EPOCH}" for path in paths]
