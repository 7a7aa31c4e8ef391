"""Throwaway git repositories of the template, as users' Copier sees it.

Copier reads a template through git. Rendering the working tree directly would
give every copy a new `_commit` for uncommitted changes; a snapshot commit makes
renders reproducible and lets tests tag versions of their own.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .paths import REPO_ROOT

GIT_IDENTITY = ("-c", "user.name=Template Tests", "-c", "user.email=template-tests@example.com")


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=repo, text=True, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed in {repo}:\n{result.stderr}")
    return result.stdout


def snapshot_template(destination: Path) -> Path:
    """Commit the template's current working tree (tracked and new files) into a fresh repo."""
    files = git(REPO_ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for relative in filter(None, files):
        source = REPO_ROOT / relative
        if source.is_file():
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    commit_all(destination, "template snapshot")
    return destination


def commit_all(repo: Path, message: str) -> str:
    """Commit everything in `repo`, making it a git repository first if need be."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def tag(repo: Path, name: str) -> None:
    git(repo, "tag", name)
