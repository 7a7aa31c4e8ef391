"""A small Copier template that carries the update bot's script: cheap to copy, update and serve from anywhere.

Its history: a commit before any release, 0.1.0, a commit between releases,
0.2.0 and 0.3.0. Each release adds a line to notes.txt and a CHANGELOG.md
section, so every update has something to bring and the bot something to quote.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from harness.copier_cli import copier_cli
from harness.paths import REPO_ROOT
from harness.template_repo import commit_all, git, tag

from .workflows import StepResult, run_step

SCRIPT = Path("scripts/update-from-template.py")
# The update step's command, as the generated workflow runs it.
UPDATE_COMMAND = f'python3 {SCRIPT} "$RUNNER_TEMP/template-update.md"'
RELEASES = ("0.1.0", "0.2.0", "0.3.0")
COPIER_YML = "_subdirectory: project\n_answers_file: .copier-answers.yml\nname:\n  type: str\n  default: small\n"


@dataclass(frozen=True)
class SmallTemplate:
    repo: Path
    before_any_release: str
    between_releases: str


def changelog_note(version: str) -> str:
    return f"- What {version} brings."


def release(repo: Path, version: str) -> None:
    with (repo / "project/notes.txt.jinja").open("a") as notes:
        notes.write(f"{version}\n")
    changelog = repo / "CHANGELOG.md"
    head, _, rest = changelog.read_text().partition("\n")
    changelog.write_text(f"{head}\n\n## {version}\n\n{changelog_note(version)}\n{rest}")
    commit_all(repo, f"release {version}")
    tag(repo, version)


def small_template(destination: Path) -> SmallTemplate:
    (destination / "project/scripts").mkdir(parents=True)
    (destination / "copier.yml").write_text(COPIER_YML)
    (destination / "CHANGELOG.md").write_text("# Changelog\n")
    (destination / "project/{{ _copier_conf.answers_file }}.jinja").write_text("{{ _copier_answers|to_nice_yaml }}")
    (destination / "project/notes.txt.jinja").write_text("Notes for {{ name }}\n")
    shutil.copy2(REPO_ROOT / "template" / SCRIPT, destination / "project" / SCRIPT)
    before_any_release = commit_all(destination, "start")
    # A hash that starts with a digit, as 6c7aff1 does, reads as a release to a careless version parser.
    while not before_any_release[0].isdigit():
        git(destination, "commit", "--quiet", "--amend", "-m", f"start, not {before_any_release[:7]}")
        before_any_release = git(destination, "rev-parse", "HEAD").strip()
    release(destination, RELEASES[0])
    (destination / "project/between.txt").write_text("a change between releases\n")
    between_releases = commit_all(destination, "between releases")
    for version in RELEASES[1:]:
        release(destination, version)
    return SmallTemplate(destination, before_any_release[:7], between_releases[:7])


def publish(repo: Path, destination: Path) -> Path:
    """A bare clone, as a git host keeps it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    git(destination.parent, "clone", "--quiet", "--bare", str(repo), str(destination))
    return destination


def copy_small(src: str, destination: Path, ref: str, env: dict[str, str]) -> Path:
    result = copier_cli("copy", "--defaults", f"--vcs-ref={ref}", src, str(destination), env=env)
    assert result.returncode == 0, f"copier copy from {src} failed:\n{result.stderr}"
    commit_all(destination, "Start from the small template")
    return destination


def update_small(project: Path, ref: str, env: dict[str, str]) -> None:
    result = copier_cli("update", "--defaults", f"--vcs-ref={ref}", cwd=project, env=env)
    assert result.returncode == 0, f"copier update to {ref} failed:\n{result.stderr}"
    commit_all(project, f"Update to {ref}")


def run_bot(project: Path, tmp_path: Path, env: dict[str, str]) -> StepResult:
    """The workflow's update step; `env` is the whole environment, as a runner gives it."""
    step = {"id": "update", "run": UPDATE_COMMAND}
    return run_step(project, step, tmp_path, **{**env, "RUNNER_TEMP": str(tmp_path), "COPIER": "copier"})


def isolated_environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """This process's environment, with Copier's mirror cache in `tmp_path` rather than the user's."""
    return {**os.environ, "COPIER_CACHE_DIR": str(tmp_path / "copier-cache"), **overrides}


def git_config_environment(*settings: tuple[str, str]) -> dict[str, str]:
    """git settings given through the environment only (GIT_CONFIG_COUNT, _KEY_n, _VALUE_n)."""
    env = {"GIT_CONFIG_COUNT": str(len(settings))}
    for index, (key, value) in enumerate(settings):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    return env


def bot_body(tmp_path: Path) -> str:
    return (tmp_path / "template-update.md").read_text()


def ran(process: subprocess.CompletedProcess[str]) -> str:
    return f"exit {process.returncode}\n{process.stdout}\n{process.stderr}"
