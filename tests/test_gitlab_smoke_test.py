"""The GitLab pipeline's smoke-test job, as read from .gitlab-ci.yml, on the session's image of the default variant."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from harness.docker_cli import docker
from harness.options import APP_UID, DEFAULT_BASE_IMAGE
from tests.support.gitlab_pipeline import CI_VARIABLES, load_pipeline, run_job
from tests.support.image_matrix import BASE_IMAGE_VARIANTS, BuiltImage, Variant


@pytest.fixture
def smoke_test_image(build_variant: Callable[[Variant], BuiltImage]) -> Iterator[str]:
    """The image that the pipeline's build job hands on, by the name it gives it."""
    built = build_variant(BASE_IMAGE_VARIANTS[DEFAULT_BASE_IMAGE.name])
    name = f"smoke-test:{CI_VARIABLES['CI_COMMIT_SHA']}"
    docker("tag", built.image, name)
    yield name
    docker("rmi", name)


def test_the_pipelines_smoke_test_passes_on_the_built_image(render, smoke_test_image: str) -> None:
    project = render(ci="gitlab")
    job = load_pipeline(project)["smoke-test"]
    assert job["variables"]["IMAGE"] == "smoke-test:$CI_COMMIT_SHA"
    # The build job's artifact.
    docker("save", "--output", str(project / "image.tar"), smoke_test_image)

    results = run_job(project, "smoke-test", IMAGE=smoke_test_image)

    output = results[-1].stdout
    assert f"configured user: {APP_UID}:{APP_UID}" in output
    assert "/healthz: 200 after" in output
    assert "docker stop: exit status 0 after" in output
