"""The generated image builds, serves, runs as non-root, ships nothing from the build, and stops cleanly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.options import BASE_IMAGES, DEFAULT_SERVER
from tests.support.containers import running
from tests.support.docker_cli import docker
from tests.support.images import Build, build_image, checkout_tag, image_size_mb
from tests.support.rendering import recorded_answers
from tests.support.servers import runs_server
from tests.support.workflows import run_smoke_test

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# One base image is built with text logs, so that both log_format answers run.
TEXT_LOGS_BASE = "debian:trixie"


@dataclass(frozen=True)
class BuiltProject:
    base_image: str
    project: Path
    build: Build
    package: str
    python_version: str

    @property
    def image(self) -> str:
        return self.build.tag


@pytest.fixture(scope="session", params=list(BASE_IMAGES), ids=lambda base: base.replace(":", "-"))
def built(request, docker_engine, render_session, record_figure) -> BuiltProject:
    """One image per base image, built once and shared by the tests below."""
    base_image = request.param
    # The `# syntax=` frontend image cannot be pulled offline; the daemon's built-in frontend can build it.
    log_format = "text" if base_image == TEXT_LOGS_BASE else "json"
    project = render_session(base_image=base_image, dockerfile_syntax="", log_format=log_format)
    build = build_image(project, checkout_tag(f"{base_image.replace(':', '-')}"))
    answers = recorded_answers(project)
    record_figure(base_image, "build s", f"{build.seconds:.1f}")
    record_figure(base_image, "image MB", f"{image_size_mb(build.tag):.0f}")
    return BuiltProject(base_image, project, build, answers["package_name"], answers["python_version"])


def test_serves_index_and_healthz_within_5_s(built: BuiltProject, record_figure) -> None:
    with running(built.image) as container:
        ms = container.ms_to_first_200("/", within=5.0)
        status, body = container.get("/healthz")

    assert status == 200
    assert b'"ok"' in body
    record_figure(built.base_image, "ms to first 200", f"{ms:.0f}")


def test_pid_1_is_the_server_as_a_non_root_numeric_uid(built: BuiltProject) -> None:
    with running(built.image) as container:
        container.ms_to_first_200()
        command_line = container.exec("cat", "/proc/1/cmdline").split("\0")
        uids = next(line for line in container.exec("cat", "/proc/1/status").splitlines() if line.startswith("Uid:"))
        configured_user = container.exec("sh", "-c", "echo $(id -u):$(id -g)").strip()

    assert runs_server(command_line, DEFAULT_SERVER.name), f"PID 1 is {command_line}, not the server"
    real, effective, *_ = uids.split()[1:]
    assert real == effective != "0"
    assert configured_user == f"{effective}:{effective}"


def test_image_user_is_numeric_and_cannot_change_the_app(built: BuiltProject) -> None:
    configured = docker("image", "inspect", "-f", "{{.Config.User}}", built.image).stdout.strip()
    check = 'stat -c %u /app /app/lib; for p in /app /app/bin /app/lib; do [ -w "$p" ] && echo "$p"; done; true'
    with running(built.image) as container:
        owners_and_writable = container.exec("sh", "-c", check).split()

    uid, _, gid = configured.partition(":")
    assert uid.isdigit(), f"USER is {configured!r}, not a numeric uid:gid"
    assert gid.isdigit(), f"USER is {configured!r}, not a numeric uid:gid"
    assert uid != "0"
    assert owners_and_writable == ["0", "0"], "/app must be root's and read-only to the app user"


def test_serves_with_a_read_only_root_file_system(built: BuiltProject) -> None:
    with running(built.image, "--read-only", "--tmpfs", "/tmp") as container:
        container.ms_to_first_200("/healthz")
        assert container.get("/")[0] == 200


def test_runtime_image_has_nothing_left_from_the_build(built: BuiltProject) -> None:
    leftovers = [
        "/usr/bin/gcc",
        "/usr/bin/cc",
        "/usr/bin/make",
        "/usr/local/bin/uv",
        "/usr/local/bin/uvx",
        "/src",
        "/app-own",
        "/root/.cache",
        f"/usr/include/python{built.python_version}",
    ]
    script = (
        'for p in "$@"; do [ -e "$p" ] && echo "$p"; done; '
        "find / -xdev \\( -name uv.lock -o -name pyproject.toml -o -name '*.whl'"
        " -o -path '/var/lib/apt/lists/*_Packages*' \\) -print 2>/dev/null; true"
    )
    with running(built.image) as container:
        found = container.exec("sh", "-c", script, "sh", *leftovers, user="0")

    assert found == "", f"left over from the build stage:\n{found}"


def test_app_modules_are_byte_compiled(built: BuiltProject) -> None:
    """Import everything as root, who could write .pyc files: none may be missing or stale."""
    listing = "find /app -name '*.pyc' | sort"
    with running(built.image) as container:
        before = container.exec("sh", "-c", listing, user="0")
        import_all = (
            f"import pkgutil, {built.package} as p\n"
            "for module in pkgutil.walk_packages(p.__path__, p.__name__ + '.'):\n"
            "    __import__(module.name)"
        )
        container.exec("python", "-c", import_all, user="0")
        after = container.exec("sh", "-c", listing, user="0")

    assert f"/{built.package}/__pycache__/app.cpython-{built.python_version.replace('.', '')}.pyc" in before
    assert after == before, "importing the app wrote new .pyc files"


def test_docker_stop_is_graceful_and_quick(built: BuiltProject, record_figure) -> None:
    with running(built.image) as container:
        container.ms_to_first_200()
        seconds, exit_code = container.stop()
        logs = container.logs()

    assert seconds < 3, f"docker stop took {seconds:.1f} s: the server ignored the stop signal"
    assert exit_code == 0
    for line in DEFAULT_SERVER.graceful_stop_lines:
        assert line in logs
    record_figure(built.base_image, "ms to stop", f"{seconds * 1000:.0f}")


@pytest.mark.parametrize("built", [TEXT_LOGS_BASE], indirect=True)
def test_text_logs_put_one_plain_line_per_request_on_stdout_and_the_rest_on_stderr(built: BuiltProject) -> None:
    with running(built.image) as container:
        container.ms_to_first_200("/healthz")
        container.get("/")
        container.stop()
        logs = docker("logs", container.id)

    request_lines = [line for line in logs.stdout.splitlines() if "GET / " in line]
    assert len(request_lines) == 1, f"one access-log line per request on stdout:\n{logs.stdout}"
    assert not request_lines[0].startswith("{"), "log_format=text writes uWSGI's own text format"
    assert "GET /" not in logs.stderr
    for line in DEFAULT_SERVER.graceful_stop_lines:
        assert line in logs.stderr


def test_command_runs_instead_of_the_server(built: BuiltProject) -> None:
    result = docker("run", "--rm", built.image, "python", "-c", "import sys; print(sys.version_info[:2])")

    assert result.stdout.strip() == str(tuple(int(n) for n in built.python_version.split(".")))


def test_the_workflows_smoke_test_passes(built: BuiltProject, tmp_path: Path) -> None:
    result = run_smoke_test(built.project, built.image, tmp_path)

    assert result.process.returncode == 0, result.process.stderr
    assert "configured user: 10001:10001" in result.process.stdout
    assert "/healthz: 200 after" in result.process.stdout
    assert "docker stop: exit status 0 after" in result.process.stdout


def test_the_smoke_test_fails_an_image_without_a_numeric_user(built: BuiltProject, tmp_path: Path) -> None:
    """The base image runs as root: the smoke test must refuse it before it runs anything."""
    result = run_smoke_test(built.project, built.base_image, tmp_path)

    assert result.process.returncode != 0
    assert f"smoke test of {built.base_image} failed: USER is '', not a numeric uid" in result.process.stderr
