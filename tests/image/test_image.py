"""Every image of the matrix builds, serves, runs as non-root, ships nothing from the build, and stops cleanly.

Each behaviour is written once and checked on every base image with the default
server, and on the default base image with every other server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.containers import running
from harness.docker_cli import docker
from harness.options import APP_UID
from harness.servers import fully_started, runs_server
from tests.support.app_routes import SLOW_SECONDS
from tests.support.image_matrix import TEXT_LOGS, BuiltImage
from tests.support.workflows import run_smoke_test

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_serves_index_and_healthz_within_5_s(image: BuiltImage, record_figure) -> None:
    with running(image.image) as container:
        ms = container.ms_to_first_200("/", within=5.0)
        status, body = container.get("/healthz")

    assert status == 200
    assert b'"ok"' in body
    record_figure(image.variant.id, "ms to first 200", f"{ms:.0f}")


def test_pid_1_is_the_server_as_a_non_root_numeric_uid(image: BuiltImage) -> None:
    with running(image.image) as container:
        container.ms_to_first_200()
        command_line = container.exec("cat", "/proc/1/cmdline").split("\0")
        uids = next(line for line in container.exec("cat", "/proc/1/status").splitlines() if line.startswith("Uid:"))
        configured_user = container.exec("sh", "-c", "echo $(id -u):$(id -g)").strip()

    assert runs_server(command_line, image.server.name), f"PID 1 is {command_line}, not the server"
    real, effective, *_ = uids.split()[1:]
    assert real == effective != "0"
    assert configured_user == f"{effective}:{effective}"


def test_image_user_is_numeric_and_cannot_change_the_app(image: BuiltImage) -> None:
    configured = docker("image", "inspect", "-f", "{{.Config.User}}", image.image).stdout.strip()
    check = 'stat -c %u /app /app/lib; for p in /app /app/bin /app/lib; do [ -w "$p" ] && echo "$p"; done; true'
    with running(image.image) as container:
        owners_and_writable = container.exec("sh", "-c", check).split()

    uid, _, gid = configured.partition(":")
    assert uid.isdigit(), f"USER is {configured!r}, not a numeric uid:gid"
    assert gid.isdigit(), f"USER is {configured!r}, not a numeric uid:gid"
    assert uid != "0"
    assert owners_and_writable == ["0", "0"], "/app must be root's and read-only to the app user"


def test_serves_with_a_read_only_root_file_system(image: BuiltImage) -> None:
    with running(image.image, "--read-only", "--tmpfs", "/tmp") as container:
        container.ms_to_first_200("/healthz")
        assert container.get("/")[0] == 200


def test_runtime_image_has_nothing_left_from_the_build(image: BuiltImage) -> None:
    leftovers = [
        "/usr/bin/gcc",
        "/usr/bin/cc",
        "/usr/bin/make",
        "/usr/local/bin/uv",
        "/usr/local/bin/uvx",
        "/src",
        "/app-own",
        "/root/.cache",
        f"/usr/include/python{image.python_version}",
    ]
    script = (
        'for p in "$@"; do [ -e "$p" ] && echo "$p"; done; '
        "find / -xdev \\( -name uv.lock -o -name pyproject.toml -o -name '*.whl'"
        " -o -path '/var/lib/apt/lists/*_Packages*' \\) -print 2>/dev/null; true"
    )
    with running(image.image) as container:
        found = container.exec("sh", "-c", script, "sh", *leftovers, user="0")

    assert found == "", f"left over from the build stage:\n{found}"


def test_app_modules_are_byte_compiled(image: BuiltImage) -> None:
    """Import everything as root, who could write .pyc files: none may be missing or stale."""
    listing = "find /app -name '*.pyc' | sort"
    with running(image.image) as container:
        before = container.exec("sh", "-c", listing, user="0")
        import_all = (
            f"import pkgutil, {image.package} as p\n"
            "for module in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
            "    __import__(module.name)"
        )
        container.exec("python", "-c", import_all, user="0")
        after = container.exec("sh", "-c", listing, user="0")

    assert f"/{image.package}/__pycache__/app.cpython-{image.python_version.replace('.', '')}.pyc" in before
    assert after == before, "importing the app wrote new .pyc files"


def test_docker_stop_is_graceful_and_quick(image: BuiltImage, record_figure) -> None:
    with running(image.image) as container:
        fully_started(container, image.server)
        seconds, exit_code = container.stop()
        logs = container.logs()

    assert seconds < 3, f"docker stop took {seconds:.1f} s: the server ignored the stop signal"
    assert exit_code == 0
    for line in image.server.graceful_stop_lines:
        assert line in logs
    record_figure(image.variant.id, "ms to stop", f"{seconds * 1000:.0f}")


def test_docker_stop_lets_the_request_in_flight_finish(image: BuiltImage) -> None:
    with running(image.image) as container:
        fully_started(container, image.server)
        pool, request = container.in_flight("/slow")
        seconds, exit_code = container.stop()
        status, body = request.result()
        pool.shutdown()

    assert (status, body) == (200, b"finished")
    assert exit_code == 0
    assert seconds < SLOW_SECONDS + 3


def test_the_workflows_smoke_test_passes(image: BuiltImage, tmp_path: Path) -> None:
    result = run_smoke_test(image.project, image.image, tmp_path)

    assert result.process.returncode == 0, result.process.stdout + result.process.stderr
    assert f"configured user: {APP_UID}:{APP_UID}" in result.process.stdout
    assert "/healthz: 200 after" in result.process.stdout
    assert "docker stop: exit status 0 after" in result.process.stdout


def test_command_runs_instead_of_the_server(built: BuiltImage) -> None:
    result = docker("run", "--rm", built.image, "python", "-c", "import sys; print(sys.version_info[:2])")

    assert result.stdout.strip() == str(tuple(int(n) for n in built.python_version.split(".")))


def test_no_file_in_the_image_is_setuid_or_setgid(built: BuiltImage) -> None:
    found = docker("run", "--rm", "--user", "0", built.image, "find", "/", "-xdev", "-perm", "/6000", "-type", "f")

    assert found.stdout == "", f"files that raise privileges:\n{found.stdout}"


def test_the_smoke_test_fails_an_image_without_a_numeric_user(built: BuiltImage, tmp_path: Path) -> None:
    """The base image runs as root: the smoke test must refuse it before it runs anything."""
    result = run_smoke_test(built.project, built.base_image, tmp_path)

    assert result.process.returncode != 0
    assert f"smoke test of {built.base_image} failed: USER is '', not a numeric uid" in result.process.stderr


@pytest.mark.parametrize("built", [TEXT_LOGS.base_image.name], indirect=True, ids=[TEXT_LOGS.base_image.id])
def test_text_logs_put_one_plain_line_per_request_on_stdout_and_the_rest_on_stderr(built: BuiltImage) -> None:
    assert built.variant.log_format == "text"
    with running(built.image) as container:
        container.ms_to_first_200("/healthz")
        container.get("/")
        container.stop()
        logs = docker("logs", container.id)

    request_lines = [line for line in logs.stdout.splitlines() if "GET / " in line]
    assert len(request_lines) == 1, f"one access-log line per request on stdout:\n{logs.stdout}"
    assert not request_lines[0].startswith("{"), "log_format=text writes the server's own text format"
    assert "GET /" not in logs.stderr
    for line in built.server.graceful_stop_lines:
        assert line in logs.stderr
