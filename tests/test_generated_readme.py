"""The generated README's build and run instructions are what the tests run, and they work."""

from __future__ import annotations

import re
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.containers import Container
from tests.support.images import build_command, ensure_referenced_images, host_ca_bundle
from tests.support.markdown import shell_blocks
from tests.support.rendering import recorded_answers

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_readme_build_and_run_commands_work_as_written(render, docker_engine) -> None:
    project = render(dockerfile_syntax="")
    dist_name = recorded_answers(project)["dist_name"]
    readme = (project / "README.md").read_text()
    build_line, run_line = shell_blocks(readme, "Build and run the image")[0].splitlines()
    proxy_line = re.search(r"`(docker build --secret [^`]+)`", readme).group(1)
    documented_bundle = Path("/etc/ssl/certs/ca-certificates.crt")

    assert shlex.split(build_line) == build_command(dist_name)
    assert shlex.split(proxy_line) == build_command(dist_name, ca_bundle=documented_bundle)
    assert run_line == f"docker run --rm -p 8000:8000 {dist_name}"

    ensure_referenced_images(project / "Dockerfile")
    # Behind this host's TLS-inspecting proxy the README's proxy variant is the one that applies.
    command = proxy_line if host_ca_bundle() == documented_bundle else build_line
    subprocess.run(shlex.split(command), cwd=project, check=True, capture_output=True)
    server = subprocess.Popen(shlex.split(run_line), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        Container(id="", port=8000, started_at=time.monotonic()).ms_to_first_200("/", within=10)
    finally:
        # `docker run` passes the signal on to the server, as Ctrl-C in a terminal would.
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=15)
    assert server.returncode == 0, output
