"""A private template: the bot reads it with TEMPLATE_READ_TOKEN, given through the environment and written nowhere.

The template is served over HTTP on loopback behind Basic authentication. The
project is copied with the developer's own credentials (a header in the
copy's environment only); the bot gets nothing but the documented setting.
"""

from __future__ import annotations

import base64
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from tests.support import small_template as small
from tests.support.git_http_server import USER, GitHost, basic_credentials, serve_git
from tests.support.workflows import StepResult

SETTING = "TEMPLATE_READ_TOKEN"


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitHost]:
    root = tmp_path_factory.mktemp("private-host")
    small.publish(small.small_template(tmp_path_factory.mktemp("small-template")).repo, root / "org/tpl.git")
    with serve_git(root, token=secrets.token_hex(16)) as served:
        yield served


def project_from(host: GitHost, tmp_path: Path) -> Path:
    """A project at the middle release, copied by a developer who may read the template."""
    developer = small.git_config_environment(
        (f"http.{host.base_url}.extraheader", f"Authorization: {credentials(host)}")
    )
    env = small.isolated_environment(tmp_path, **developer)
    return small.copy_small(host.url("org/tpl.git"), tmp_path / "project", small.RELEASES[1], env)


def credentials(host: GitHost) -> str:
    assert host.token
    return basic_credentials(USER, host.token)


@dataclass(frozen=True)
class BotRun:
    project: Path
    result: StepResult


@pytest.fixture(scope="module")
def with_the_token(host: GitHost, tmp_path_factory: pytest.TempPathFactory) -> BotRun:
    tmp_path = tmp_path_factory.mktemp("with-token")
    project = project_from(host, tmp_path)
    assert host.token
    runner = small.isolated_environment(tmp_path / "runner", **{SETTING: host.token})
    return BotRun(project, small.run_bot(project, tmp_path, runner))


@pytest.mark.slow
def test_with_the_token_the_bot_updates_the_project(with_the_token: BotRun) -> None:
    assert with_the_token.result.process.returncode == 0, small.ran(with_the_token.result.process)
    assert with_the_token.result.outputs["updated"] == "true"
    assert recorded_answers(with_the_token.project)["_commit"] == small.RELEASES[2]


@pytest.mark.slow
def test_the_token_is_in_no_file_of_the_project_nor_in_the_output(with_the_token: BotRun, host: GitHost) -> None:
    assert host.token
    secrets_seen = (host.token, base64.b64encode(f"{USER}:{host.token}".encode()).decode())
    project = with_the_token.project
    config = subprocess.run(["git", "config", "--list"], cwd=project, text=True, capture_output=True).stdout
    files = [path for path in project.rglob("*") if path.is_file()]
    assert files, "the project has files to search"
    for secret in secrets_seen:
        assert secret not in config
        assert [path for path in files if secret.encode() in path.read_bytes()] == []
        assert secret not in with_the_token.result.process.stdout + with_the_token.result.process.stderr


@pytest.mark.slow
def test_without_the_token_the_bot_fails_at_once_naming_the_setting(host: GitHost, tmp_path: Path) -> None:
    project = project_from(host, tmp_path)
    started = time.monotonic()

    result = small.run_bot(project, tmp_path, small.isolated_environment(tmp_path))

    assert result.process.returncode != 0
    assert f"set {SETTING}" in result.process.stderr
    assert result.outputs == {}
    assert time.monotonic() - started < 30, "git must not wait for a password"


@pytest.mark.slow
def test_a_refused_token_is_reported_as_such(host: GitHost, tmp_path: Path) -> None:
    project = project_from(host, tmp_path)

    result = small.run_bot(project, tmp_path, small.isolated_environment(tmp_path, **{SETTING: "not-the-token"}))

    assert result.process.returncode != 0
    assert f"{SETTING} is set, but does not give read access" in result.process.stderr
