"""The generated README's build and run instructions are what the tests run, and they work."""

from __future__ import annotations

import re
import shlex
import signal
import subprocess
from pathlib import Path

import pytest

from harness import loopback
from harness.answers import recorded_answers
from harness.images import build_command, host_ca_bundle
from tests.support.markdown import shell_blocks

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# The port that the README's `docker run` publishes.
README_PORT = 8000


def test_readme_build_and_run_commands_work_as_written(render_buildable) -> None:
    project = render_buildable()
    dist_name = recorded_answers(project)["dist_name"]
    readme = (project / "README.md").read_text()
    build_line, run_line = shell_blocks(readme, "Build and run the image")[0].splitlines()
    proxy_line = re.search(r"`(docker build --secret [^`]+)`", readme).group(1)
    documented_bundle = Path("/etc/ssl/certs/ca-certificates.crt")

    assert shlex.split(build_line) == build_command(dist_name)
    assert shlex.split(proxy_line) == build_command(dist_name, ca_bundle=documented_bundle)
    assert run_line == f"docker run --rm -p {README_PORT}:8000 {dist_name}"

    # Behind this host's TLS-inspecting proxy the README's proxy variant is the one that applies.
    command = proxy_line if host_ca_bundle() == documented_bundle else build_line
    subprocess.run(shlex.split(command), cwd=project, check=True, capture_output=True)
    server = subprocess.Popen(shlex.split(run_line), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        loopback.wait_for_200(README_PORT, "/", within=10)
    finally:
        # `docker run` passes the signal on to the server, as Ctrl-C in a terminal would.
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=15)
    assert server.returncode == 0, output
