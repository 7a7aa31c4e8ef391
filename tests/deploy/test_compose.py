"""compose.yaml runs the production image locally, and `docker compose watch` serves a source change unasked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from harness import loopback
from harness.answers import recorded_answers
from harness.docker_cli import docker
from harness.images import checkout_tag, host_ca_bundle

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# Unique to each run: an image from an earlier run cannot answer with it.
CHANGED_ANSWER = f"changed {uuid.uuid4()}"
SOURCE_CHANGE_WITHIN = 60


def compose_environment(port: int) -> dict[str, str]:
    """What a user behind this host's proxy sets (the CA bundle for the build), and names of this checkout's own."""
    image = checkout_tag("compose")
    project_name = image.replace(":", "-")
    environment = {**os.environ, "IMAGE": image, "PORT": str(port), "COMPOSE_PROJECT_NAME": project_name}
    if bundle := host_ca_bundle():
        environment["CA_CERTIFICATES"] = str(bundle)
    return environment


def compose(project: Path, environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["docker", "compose", *args], cwd=project, env=environment, text=True, capture_output=True)
    assert result.returncode == 0, f"docker compose {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def wait_for_answer(port: int, expected: bytes, within: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < within:
        try:
            if expected in loopback.get(port, "/", timeout=1.0)[1]:
                return time.monotonic() - started
        except OSError:
            pass  # the container is being replaced
        time.sleep(0.2)
    raise AssertionError(f"{expected!r} not served within {within} s")


@pytest.fixture
def project(render_buildable, docker_compose) -> Path:
    # The default answers, as the default variant of the image tests, whose layers the build can reuse.
    return render_buildable()


def test_compose_watch_serves_a_source_change_and_stops_cleanly(project: Path, tmp_path: Path, record_figure) -> None:
    package = recorded_answers(project)["package_name"]
    port = loopback.free_port()
    environment = compose_environment(port)
    # To a file: a pipe that nobody reads while the builds run would fill up and stall them.
    watch_log = tmp_path / "watch.log"
    with watch_log.open("w") as output:
        watch = subprocess.Popen(
            ["docker", "compose", "watch"], cwd=project, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        loopback.wait_for_200(port, "/", within=180)
        container_id = compose(project, environment, "ps", "-q", "app").stdout.strip()
        image_user = docker("image", "inspect", "-f", "{{.Config.User}}", environment["IMAGE"]).stdout.strip()
        checks = docker("exec", container_id, "sh", "-c", "echo $(id -u); touch /app/x /x 2>&1; touch /tmp/x").stdout
        module = project / "src" / package / "app.py"
        module.write_text(
            module.read_text().replace('"service": ', f'"changed": "{CHANGED_ANSWER}",\n        "service": ')
        )
        seconds = wait_for_answer(port, CHANGED_ANSWER.encode(), within=SOURCE_CHANGE_WITHIN)
    finally:
        watch.send_signal(signal.SIGINT)
        watch.wait(timeout=30)
        watch_output = watch_log.read_text()
    try:
        compose(project, environment, "stop")
        (state,) = [
            json.loads(line)
            for line in compose(project, environment, "ps", "-a", "--format", "json").stdout.splitlines()
        ]
    finally:
        compose(project, environment, "down")
        docker("image", "rm", environment["IMAGE"], check=False)

    uid, *refusals = checks.splitlines()
    assert uid != "0"
    assert f"{uid}:{uid}" == image_user
    assert len(refusals) == 2, f"/app and / must not be writable:\n{checks}"
    assert all("Read-only file system" in line for line in refusals), checks
    assert (state["State"], state["ExitCode"]) == ("exited", 0), watch_output
    record_figure("compose watch", "source change served after s", f"{seconds:.1f}")


def test_watch_rebuilds_on_dependency_changes(project: Path) -> None:
    config = json.loads(compose(project, compose_environment(8000), "config", "--format", "json").stdout)
    rules = {Path(rule["path"]).name: rule["action"] for rule in config["services"]["app"]["develop"]["watch"]}
    service = config["services"]["app"]

    assert rules["pyproject.toml"] == rules["uv.lock"] == rules["src"] == "rebuild"
    assert service["read_only"] is True
    assert service["tmpfs"] == ["/tmp"]
    assert service["stop_grace_period"] == "10s"
