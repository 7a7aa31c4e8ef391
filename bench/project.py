"""The app under test: the template's default project, and the edits that the rebuilds measure."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from harness.answers import answers_with, recorded_answers
from harness.copier_cli import copy_template
from harness.images import BUILT_IN_FRONTEND
from harness.template_repo import snapshot_template

ANSWERS = answers_with(**BUILT_IN_FRONTEND)

# One version per run: each gives a new lock, so no run finds the previous one's layers in the
# cache. Small, pure Python, and a wheel for every version, so runs stay alike.
ADDED_DEPENDENCY = "six"
ADDED_VERSIONS = ("1.17.0", "1.16.0", "1.15.0", "1.14.0", "1.13.0", "1.12.0", "1.11.0", "1.10.0")


def render_default_project(workdir: Path, **overrides: str) -> Path:
    """Render the template's working tree, as `copier copy` would from a commit of it; `overrides` change answers."""
    template = workdir / "template"
    if not template.exists():
        snapshot_template(template)
    project = workdir / "-".join(["project", *overrides.values()])
    data = {**ANSWERS, **overrides}
    copied = copy_template(template, project, data)
    if copied.returncode != 0:
        raise RuntimeError(f"copier copy failed:\n{copied.stderr}")
    return project


def package_dir(project: Path) -> Path:
    return project / "src" / recorded_answers(project)["package_name"]


@contextmanager
def source_changed(project: Path, run: int) -> Iterator[None]:
    """One module under src/ changed, differently for each run so that no cached layer matches."""
    module = package_dir(project) / "app.py"
    original = module.read_bytes()
    module.write_bytes(original + f"\n# benchmark edit {run}\n".encode())
    try:
        yield
    finally:
        module.write_bytes(original)


@contextmanager
def dependency_added(project: Path, run: int) -> Iterator[None]:
    """A small dependency added with `uv add`, as a developer would; the files are restored after."""
    if run >= len(ADDED_VERSIONS):
        raise ValueError(f"at most {len(ADDED_VERSIONS)} dependency runs: one version of {ADDED_DEPENDENCY} each")
    manifests = {path: path.read_bytes() for path in (project / "pyproject.toml", project / "uv.lock")}
    # --no-sync: only the manifests change; the host's virtualenv plays no part in the image.
    subprocess.run(
        ["uv", "add", "--no-sync", f"{ADDED_DEPENDENCY}=={ADDED_VERSIONS[run]}"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    try:
        yield
    finally:
        for path, content in manifests.items():
            path.write_bytes(content)
