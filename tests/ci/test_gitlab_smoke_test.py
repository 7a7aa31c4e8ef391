"""The GitLab pipeline's smoke-test job, as read from .gitlab-ci.yml, on the session's image of the default variant."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness import loopback
from harness.docker_cli import docker
from harness.options import APP_UID, DEFAULT_BASE_IMAGE
from tests.support.fake_gh import fake_gh
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


@pytest.fixture
def healthz_server(tmp_path: Path) -> Iterator[int]:
    """A loopback server whose /healthz answers 200: the container, as the daemon's host publishes it."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "healthz").write_text("ok\n")
    port = loopback.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path / "www")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        loopback.wait_for_200(port, "/healthz")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_with_a_daemon_on_another_host_the_smoke_test_publishes_and_reaches_the_port_there(
    render, healthz_server: int, tmp_path: Path
) -> None:
    """As in the pipeline's job, where DOCKER_HOST names the docker:dind service: here a recording docker."""
    project = render(ci="gitlab")
    image = "smoke-test:candidate"
    docker_cli = fake_gh(
        tmp_path / "docker",
        {
            f"image inspect --format {{{{.Config.User}}}} {image}": (0, f"{APP_UID}:{APP_UID}\n", ""),
            f"run --detach --publish 0.0.0.0::8000 {image}": (0, "container\n", ""),
            "port container 8000/tcp": (0, f"0.0.0.0:{healthz_server}\n", ""),
            "exec container id -u": (0, f"{APP_UID}\n", ""),
            "inspect --format {{.State.ExitCode}} container": (0, "0\n", ""),
        },
        command="docker",
    )

    result = subprocess.run(
        ["scripts/smoke-test.sh", image],
        cwd=project,
        env={
            **os.environ,
            "PATH": f"{docker_cli.directory / 'bin'}:{os.environ['PATH']}",
            "DOCKER_HOST": "tcp://127.0.0.1:2376",
        },
        text=True,
        capture_output=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "/healthz: 200 after" in result.stdout
    assert ["run", "--detach", "--publish", "0.0.0.0::8000", image] in docker_cli.calls
