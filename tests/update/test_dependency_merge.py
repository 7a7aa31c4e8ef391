"""The by-package merge of dependency arrays: its logic on text alone, and the hook on a git index."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from harness.paths import REPO_ROOT
from harness.template_repo import commit_all, git

# Copier runs the hook as a script, which finds its modules next to it.
if str(REPO_ROOT / "hooks") not in sys.path:
    sys.path.append(str(REPO_ROOT / "hooks"))
dependency_merge = importlib.import_module("dependency_merge")
pyproject_arrays = importlib.import_module("pyproject_arrays")

# As Copier runs it: uv runs the merge on Copier's interpreter.
MERGE_DEPENDENCIES = ["sh", str(REPO_ROOT / "hooks/merge-dependencies.sh"), sys.executable]
PROJECT = "[project] dependencies"
DEV = "[dependency-groups] dev"


def pyproject(dependencies: list[str], dev: tuple[str, ...] = ("pytest>=8.3",)) -> str:
    lines = "".join(f'    "{requirement}",\n' for requirement in dependencies)
    dev_lines = "".join(f'    "{requirement}",\n' for requirement in dev)
    return (
        '[project]\nname = "example"\n'
        f"dependencies = [\n{lines}]\n\n"
        f"[dependency-groups]\ndev = [\n{dev_lines}]\n\n"
        "[tool.ruff]\nline-length = 100\n"
    )


def merged(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """The merged [project] dependencies; a conflict shows as `ours <> theirs` (`-` for absent)."""
    alignment = dependency_merge.align(pyproject(base), pyproject(ours), pyproject(theirs))
    return [
        dependency_merge.shown(slot.taken)
        if slot.outcome != dependency_merge.CONFLICT
        else f"{dependency_merge.shown(slot.ours) or '-'} <> {dependency_merge.shown(slot.theirs) or '-'}"
        for slot in alignment.merged[PROJECT]
        if slot.taken is not None or slot.outcome == dependency_merge.CONFLICT
    ]


# Requirements that the cases below share.
FLASK, HTTPX, SERVER, SERVER_CAPPED, SERVER_NEXT = (
    "flask>=3.1",
    "httpx>=0.27",
    "pyuwsgi>=2.0.30",
    "pyuwsgi>=2.0.30,<2.1",
    "pyuwsgi>=2.0.31",
)
NEW_DEPENDENCY = "werkzeug>=3.1"
NUMPY_NEW, NUMPY_OLD = "numpy>=2; python_version >= '3.12'", "numpy>=1.26; python_version < '3.12'"

# base, ours (the project's), theirs (the new release's), and the merge.
MERGES = {
    "the project's addition next to a template swap": (
        [FLASK, "uwsgi>=2.0.28"],
        [FLASK, HTTPX, "uwsgi>=2.0.28"],
        [FLASK, SERVER],
        [FLASK, HTTPX, SERVER],
    ),
    "the project's bump next to a template swap": (
        [FLASK, SERVER],
        ["flask>=3.1.1", SERVER],
        [FLASK, "granian>=2.5"],
        ["flask>=3.1.1", "granian>=2.5"],
    ),
    "a template bump next to the project's addition": (
        [FLASK, SERVER],
        [FLASK, HTTPX, SERVER],
        [FLASK, SERVER_CAPPED],
        [FLASK, HTTPX, SERVER_CAPPED],
    ),
    "a template addition goes where uv add puts it in a sorted list": (
        [FLASK, SERVER],
        [FLASK, HTTPX, SERVER],
        [FLASK, SERVER, NEW_DEPENDENCY],
        [FLASK, HTTPX, SERVER, NEW_DEPENDENCY],
    ),
    "a template addition goes last in an unsorted list": (
        [FLASK, SERVER],
        [SERVER, FLASK],
        [NEW_DEPENDENCY, FLASK, SERVER],
        [SERVER, FLASK, NEW_DEPENDENCY],
    ),
    "a template removal next to the project's addition": (
        [FLASK, SERVER],
        [FLASK, HTTPX, SERVER],
        [FLASK],
        [FLASK, HTTPX],
    ),
    "the project's removal stays removed": (
        [FLASK, SERVER],
        [SERVER],
        [FLASK, SERVER, NEW_DEPENDENCY],
        [SERVER, NEW_DEPENDENCY],
    ),
    "the same change on both sides keeps the project's spelling": (
        [FLASK],
        ["Flask >= 3.2"],
        ["flask>=3.2"],
        ["Flask >= 3.2"],
    ),
    "a respelt name is no change": (
        [FLASK, SERVER],
        ["Flask>=3.1", SERVER],
        [FLASK, SERVER_NEXT],
        ["Flask>=3.1", SERVER_NEXT],
    ),
    "both changed one requirement differently": (
        [FLASK, SERVER],
        [FLASK, HTTPX, SERVER_CAPPED],
        [FLASK, SERVER_NEXT],
        [FLASK, HTTPX, f"{SERVER_CAPPED} <> {SERVER_NEXT}"],
    ),
    "the project removed what the template changed": (
        [FLASK, SERVER],
        [FLASK],
        [FLASK, SERVER_NEXT],
        [FLASK, f"- <> {SERVER_NEXT}"],
    ),
    "the project changed what the template removed": (
        [FLASK, SERVER],
        [FLASK, SERVER_NEXT],
        [FLASK],
        [FLASK, f"{SERVER_NEXT} <> -"],
    ),
    "one package under two markers is two requirements": (
        [NUMPY_NEW],
        [NUMPY_NEW, NUMPY_OLD],
        ["numpy>=2.1; python_version >= '3.12'"],
        ["numpy>=2.1; python_version >= '3.12'", NUMPY_OLD],
    ),
}


@pytest.mark.parametrize(("base", "ours", "theirs", "expected"), MERGES.values(), ids=MERGES.keys())
def test_requirements_merge_by_package(base: list[str], ours: list[str], theirs: list[str], expected: list[str]):
    assert merged(base, ours, theirs) == expected


def test_a_resolved_merge_aligns_the_arrays_and_leaves_the_rest_of_each_version():
    base = pyproject(["flask>=3.1", "uwsgi>=2.0.28"])
    ours = pyproject(["flask>=3.1", "httpx>=0.27", "uwsgi>=2.0.28"]).replace("= 100", "= 120")
    theirs = pyproject(["flask>=3.1", "pyuwsgi>=2.0.30"], dev=("pytest>=8.4",))

    alignment = dependency_merge.align(base, ours, theirs)

    expected = pyproject(["flask>=3.1", "httpx>=0.27", "pyuwsgi>=2.0.30"], dev=("pytest>=8.4",))
    assert alignment.ours == expected.replace("= 100", "= 120")
    assert alignment.theirs == alignment.base == expected
    assert alignment.expected_values() == {
        PROJECT: tomllib.loads(expected)["project"]["dependencies"],
        DEV: ["pytest>=8.4"],
    }


def test_a_new_requirement_that_sorts_first_is_laid_out_as_uv_add_would():
    base = pyproject(["flask>=3.1", "pyuwsgi>=2.0.30"])
    ours = pyproject(["flask>=3.1", "httpx>=0.27", "pyuwsgi>=2.0.30"])
    theirs = pyproject(["flask>=3.1.3", "pyuwsgi>=2.0.30", "blinker>=1.9"])

    alignment = dependency_merge.align(base, ours, theirs)

    assert alignment.ours == pyproject(["blinker>=1.9", "flask>=3.1.3", "httpx>=0.27", "pyuwsgi>=2.0.30"])


def test_a_conflict_keeps_each_sides_line_in_its_own_version_only():
    base = pyproject(["flask>=3.1", "pyuwsgi>=2.0.30"])
    ours = pyproject(["flask>=3.1", "httpx>=0.27", "pyuwsgi>=2.0.30,<2.1"])
    theirs = pyproject(["flask>=3.1", "pyuwsgi>=2.0.31"])

    alignment = dependency_merge.align(base, ours, theirs)

    assert alignment.ours == ours
    assert alignment.theirs == pyproject(["flask>=3.1", "httpx>=0.27", "pyuwsgi>=2.0.31"])
    assert alignment.base == pyproject(["flask>=3.1", "httpx>=0.27", "pyuwsgi>=2.0.30"])


REPORTS = {
    "kept an addition": ([], ["httpx>=0.27"], [], "kept your httpx>=0.27"),
    "kept a change": (["flask>=3.1"], ["flask>=3.1.1"], ["flask>=3.1"], "kept your flask>=3.1.1"),
    "kept a removal": (["flask>=3.1"], [], ["flask>=3.1"], "kept your removal of flask>=3.1"),
    "took an addition": ([], [], ["werkzeug>=3.1"], "took the template's werkzeug>=3.1"),
    "took a change": (
        ["flask>=3.1"],
        ["flask>=3.1"],
        ["flask>=3.2"],
        "took the template's flask>=3.2 (was flask>=3.1)",
    ),
    "took a removal": (["uwsgi>=2.0.28"], ["uwsgi>=2.0.28"], [], "removed uwsgi>=2.0.28, as the template does"),
    "a conflict": (["ruff>=0.8"], ["ruff>=0.9"], ["ruff>=0.11"], "yours ruff>=0.9, the template's ruff>=0.11"),
    "a conflict with a removal": (["ruff>=0.8"], [], ["ruff>=0.11"], "yours (removed), the template's ruff>=0.11"),
}


@pytest.mark.parametrize(("base", "ours", "theirs", "said"), REPORTS.values(), ids=REPORTS.keys())
def test_each_merged_requirement_is_described(base: list[str], ours: list[str], theirs: list[str], said: str):
    alignment = dependency_merge.align(pyproject(base), pyproject(ours), pyproject(theirs))

    [slot] = alignment.changes[PROJECT]
    assert dependency_merge.describe(PROJECT, slot) == f"{PROJECT}: {said}"


def test_requirements_that_both_sides_agree_on_are_not_reported():
    text = pyproject(["flask>=3.1"])

    assert dependency_merge.align(text, text, pyproject(["flask>=3.1"], dev=("pytest>=8.3",))).changes == {}


# Layouts of one array that must read back byte for byte, and the values a TOML parser reads in them.
LAYOUTS = {
    "one per line": ('dependencies = [\n    "a>=1",\n    "b",\n]\n', ["a>=1", "b"]),
    "no trailing comma": ('dependencies = [\n    "a>=1",\n    "b"\n]\n', ["a>=1", "b"]),
    "one line": ('dependencies = ["a>=1", "b"]\n', ["a>=1", "b"]),
    "empty": ("dependencies = []\n", []),
    "comments": (
        'dependencies = [\n    # why a\n    "a>=1",  # pinned low\n    "b",\n    # the end\n]\n',
        ["a>=1", "b"],
    ),
    "literal strings and escapes": (
        'dependencies = [\n    \'a>=1\',\n    "b; sys_platform == \\"linux\\"",\n]\n',
        ["a>=1", 'b; sys_platform == "linux"'],
    ),
    "CRLF line breaks": ('dependencies = [\r\n    "a>=1",\r\n    "b",\r\n]\r\n', ["a>=1", "b"]),
    "brackets and quotes in strings": (
        'dependencies = [\n    "a[x]>=1",\n    "b ; python_version > \'3\'",\n]\n',
        ["a[x]>=1", "b ; python_version > '3'"],
    ),
}


@pytest.mark.parametrize(("array", "values"), LAYOUTS.values(), ids=LAYOUTS.keys())
def test_an_array_is_read_entry_by_entry_and_renders_back_as_it_was(array: str, values: list[str]):
    text = f'[project]\nname = "example"\n{array}'

    found = pyproject_arrays.dependency_arrays(text)[PROJECT]

    assert found.values == values
    body = pyproject_arrays.render_body(list(found.entries), found.tail, found.trailing_comma)
    assert pyproject_arrays.replace_bodies(text, {PROJECT: body}) == text


def test_an_entry_moved_from_the_end_takes_a_comma_and_the_new_last_one_follows_the_array():
    text = '[project]\nname = "example"\ndependencies = ["a>=1", "b"]\n'
    found = pyproject_arrays.dependency_arrays(text)[PROJECT]
    b, a = reversed(found.entries)

    body = pyproject_arrays.render_body([b, a], found.tail, found.trailing_comma)

    assert tomllib.loads(pyproject_arrays.replace_bodies(text, {PROJECT: body}))["project"]["dependencies"] == [
        "b",
        "a>=1",
    ]


def test_only_the_project_dependencies_and_the_dependency_groups_are_found():
    text = (
        '[project]\nname = "example"\ndependencies = ["a"]\n\n'
        '[project.optional-dependencies]\nserver = ["b"]\n\n'
        '[dependency-groups]\ndev = ["c"]\nlint = ["d", {include-group = "dev"}]\n\n'
        '[tool.other]\ndependencies = ["e"]\n'
    )

    found = pyproject_arrays.dependency_arrays(text)

    assert {name: array.values for name, array in found.items()} == {
        PROJECT: ["a"],
        DEV: ["c"],
        "[dependency-groups] lint": ["d", {"include-group": "dev"}],
    }


def test_a_table_header_inside_a_multi_line_string_is_text():
    text = (
        '[project]\nname = "example"\ndescription = """\n[dependency-groups]\ndev = ["x"]\n"""\ndependencies = ["a"]\n'
    )

    assert {name: array.values for name, array in pyproject_arrays.dependency_arrays(text).items()} == {PROJECT: ["a"]}


def test_an_array_whose_comma_follows_a_comment_is_left_alone():
    # Valid TOML, but the comma sits on another line than its value, so the value cannot move with it.
    text = '[project]\nname = "example"\ndependencies = [\n    "a"  # why\n    , "b",\n]\n'

    assert pyproject_arrays.dependency_arrays(text) == {}


def left_unmerged(repo: Path, base: str, ours: str, theirs: str) -> None:
    """pyproject.toml as Copier leaves a conflicted file: ours committed, the three versions as index stages."""
    (repo / "pyproject.toml").write_bytes(ours.encode())
    commit_all(repo, "ours")
    blobs = {}
    for stage, text in ((1, base), (2, ours), (3, theirs)):
        (repo / "pyproject.toml").write_bytes(text.encode())
        blobs[stage] = git(repo, "hash-object", "-w", "pyproject.toml").strip()
    stages = "".join(f"100644 {blob} {stage}\tpyproject.toml\n" for stage, blob in blobs.items())
    subprocess.run(
        ["git", "update-index", "--index-info"],
        cwd=repo,
        input=f"0 {'0' * 40}\tpyproject.toml\n{stages}",
        check=True,
        text=True,
    )
    (repo / "pyproject.toml").write_text("<<<<<<< before updating\n")


def test_the_hook_merges_a_conflicted_file_and_marks_it_merged_keeping_its_line_breaks(tmp_path: Path):
    crlf = {
        version: pyproject(requirements).replace("\n", "\r\n")
        for version, requirements in {
            "base": ["flask>=3.1", "uwsgi>=2.0.28"],
            "ours": ["flask>=3.1", "httpx>=0.27", "uwsgi>=2.0.28"],
            "theirs": ["flask>=3.1", "pyuwsgi>=2.0.30"],
        }.items()
    }
    left_unmerged(tmp_path, **crlf)

    result = subprocess.run(MERGE_DEPENDENCIES, cwd=tmp_path, text=True, capture_output=True)

    assert result.returncode == 0, result.stderr
    assert "    [project] dependencies: kept your httpx>=0.27\n" in result.stdout
    merged = pyproject(["flask>=3.1", "httpx>=0.27", "pyuwsgi>=2.0.30"]).replace("\n", "\r\n")
    assert (tmp_path / "pyproject.toml").read_bytes() == merged.encode()
    # Merged in the index, at the project's version, so `git diff` shows what the update changed.
    assert git(tmp_path, "ls-files", "--stage", "pyproject.toml").split()[1:3] == [
        git(tmp_path, "rev-parse", "HEAD:pyproject.toml").strip(),
        "0",
    ]
    assert git(tmp_path, "status", "--porcelain") == " M pyproject.toml\n"


def test_the_hook_leaves_a_file_alone_that_is_not_in_conflict(tmp_path: Path):
    text = pyproject(["flask>=3.1"])
    (tmp_path / "pyproject.toml").write_text(text)
    commit_all(tmp_path, "ours")

    result = subprocess.run(MERGE_DEPENDENCIES, cwd=tmp_path, text=True, capture_output=True)

    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert git(tmp_path, "status", "--porcelain") == ""


def test_when_uv_cannot_run_the_merge_the_line_merge_stands_and_the_update_goes_on(tmp_path: Path):
    failing_uv = tmp_path / "bin/uv"
    failing_uv.parent.mkdir()
    failing_uv.write_text("#!/bin/sh\nexit 2\n")
    failing_uv.chmod(0o755)
    project = tmp_path / "project"
    project.mkdir()
    left_unmerged(project, pyproject(["flask>=3.1"]), pyproject(["flask>=3.1", "httpx>=0.27"]), pyproject([]))
    path = f"{failing_uv.parent}{os.pathsep}{os.environ['PATH']}"

    result = subprocess.run(
        MERGE_DEPENDENCIES, cwd=project, text=True, capture_output=True, env={**os.environ, "PATH": path}
    )

    assert result.returncode == 0
    assert "were not merged by package" in result.stderr
    assert (project / "pyproject.toml").read_text() == "<<<<<<< before updating\n"
    assert git(project, "status", "--porcelain") == "UU pyproject.toml\n"
