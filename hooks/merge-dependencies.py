"""Merge pyproject.toml's dependency arrays by package where Copier's line merge conflicted.

Run before the relock, so that uv locks the merged file. It does something
only when Copier's line merge left pyproject.toml in conflict: Copier then
leaves the file unmerged in the index, with the last update's version as
stage 1, the project's as stage 2 and the new release's as stage 3. The
dependency arrays of the three are merged requirement by requirement
(dependency_merge.py), then the whole file is merged again by line, as Copier
does. When no conflict is left, the file is marked merged, as a file that
merged cleanly is; otherwise the remaining conflicts stay marked, and
report-conflicts.sh lists the file.

merge-dependencies.sh runs this through uv, which provides tomlkit and packaging.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from dependency_merge import CONFLICT, Alignment, align, describe
from pyproject_arrays import UnreadableArray, dependency_arrays
from tomlkit.exceptions import TOMLKitError

PYPROJECT = "pyproject.toml"
# Copier's labels for its `git merge-file`: the project's side, the last update, the new release.
LABELS = ("before updating", "last update", "after updating")
BASE, OURS, THEIRS = 1, 2, 3


def git(*args: str) -> str:
    # Decoded by hand: text mode would turn a CRLF file's line breaks into LF.
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout.decode()


def unmerged_stages(path: str) -> dict[int, tuple[str, str]]:
    """Stage number to (mode, blob) of a file that the merge left unmerged."""
    stages = {}
    for line in git("ls-files", "--unmerged", "--", path).splitlines():
        info, _ = line.split("\t", 1)
        mode, blob, stage = info.split()
        stages[int(stage)] = (mode, blob)
    return stages


def merge_by_line(alignment: Alignment) -> tuple[str, bool]:
    """Copier's `git merge-file` on the aligned versions: the merged text, and whether it still conflicts."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, content in (("ours", alignment.ours), ("base", alignment.base), ("theirs", alignment.theirs)):
            paths.append(Path(tmp, name))
            paths[-1].write_bytes(content.encode())
        labels = [arg for label in LABELS for arg in ("-L", label)]
        result = subprocess.run(
            ["git", "merge-file", "--stdout", *labels, "--", *map(str, paths)], capture_output=True, check=False
        )
    if result.returncode < 0 or result.returncode > 127:
        raise RuntimeError(f"git merge-file failed: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode(), result.returncode > 0


def mark_merged(path: str, mode: str, blob: str) -> None:
    """Collapse the conflict stages into the project's own version, as for any file that merged cleanly.

    The file then shows as modified in the work tree, so `git diff` shows
    the update's changes to it along with all the others.
    """
    top = git("rev-parse", "--show-toplevel").strip()
    full_name = git("ls-files", "--full-name", "--", path).splitlines()[0]
    subprocess.run(["git", "update-index", "--add", "--cacheinfo", f"{mode},{blob},{full_name}"], cwd=top, check=True)


def print_merged(alignment: Alignment) -> None:
    changes = alignment.changes
    resolved = [describe(name, s) for name, slots in changes.items() for s in slots if s.outcome != CONFLICT]
    conflicts = [describe(name, s) for name, slots in changes.items() for s in slots if s.outcome == CONFLICT]
    if resolved:
        print(f"Merged the dependency lists of {PYPROJECT} by package:")
        print("\n".join(f"    {line}" for line in resolved))
    if conflicts:
        print(f"You and the template changed these requirements differently; both stay marked in {PYPROJECT}:")
        print("\n".join(f"    {line}" for line in conflicts))


def reads_as_merged(text: str, alignment: Alignment) -> bool:
    """The merged file parses, and each array holds what the merge decided."""
    try:
        arrays = dependency_arrays(text)
    except TOMLKitError:
        return False
    return all(name in arrays and arrays[name].values == values for name, values in alignment.expected_values().items())


def main() -> int:
    stages = unmerged_stages(PYPROJECT)
    if set(stages) != {BASE, OURS, THEIRS}:
        return 0
    base, ours, theirs = (git("cat-file", "blob", stages[stage][1]) for stage in (BASE, OURS, THEIRS))
    try:
        alignment = align(base, ours, theirs)
    except (TOMLKitError, UnreadableArray):
        return 0  # a side that is no valid TOML: the line merge's result stands
    if not alignment.changes:
        return 0
    merged, conflicted = merge_by_line(alignment)
    if not conflicted and not reads_as_merged(merged, alignment):
        print(f"warning: could not merge {PYPROJECT}'s dependencies by package; it is left as it was.", file=sys.stderr)
        return 0
    Path(PYPROJECT).write_bytes(merged.encode())
    if not conflicted:
        mark_merged(PYPROJECT, *stages[OURS])
    print_merged(alignment)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, subprocess.CalledProcessError, RuntimeError) as error:
        # A failed step would stop the update half-way; without this one, it ends as it did before it.
        print(f"warning: {PYPROJECT}'s dependencies were not merged by package: {error}", file=sys.stderr)
