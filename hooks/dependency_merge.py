"""Three-way merge of pyproject.toml's dependency arrays, requirement by requirement.

A line merge sees a dependency array as lines, so an addition on one side next
to a change on the other conflicts. Keyed by package, the two sides rarely
touch: each requirement takes the side that changed it, and only a requirement
that both sides changed differently is a conflict.

`align` rewrites each array of the three versions (base, ours, theirs) to the
merged list. Merged requirements then read the same in all three, and each
conflicting one keeps its own side's text in its own version, so that a line
merge of the aligned versions marks exactly the conflicting requirements, and
the rest of the file merges as it did before.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from pyproject_arrays import Array, Entry, UnreadableArray, dependency_arrays, render_body, replace_bodies

SAME, OURS, THEIRS, CONFLICT = "same", "ours", "theirs", "conflict"


@dataclass(frozen=True)
class Slot:
    """One requirement of the merged array: its text in each version, and which version it takes."""

    base: Entry | None
    ours: Entry | None
    theirs: Entry | None
    outcome: str

    @property
    def taken(self) -> Entry | None:
        return {SAME: self.ours, OURS: self.ours, THEIRS: self.theirs}.get(self.outcome)

    def side(self, version: str) -> Entry | None:
        """This requirement's text in one aligned version: the merged one, or that version's own in a conflict."""
        return getattr(self, version) if self.outcome == CONFLICT else self.taken

    @property
    def sort_name(self) -> str:
        entry = self.ours or self.theirs or self.base
        return requirement_key(entry.parsed)[0]


@dataclass(frozen=True)
class Alignment:
    base: str
    ours: str
    theirs: str
    merged: dict[str, list[Slot]] = field(default_factory=dict)

    @property
    def changes(self) -> dict[str, list[Slot]]:
        """Per array, the requirements on which the two sides differ."""
        differing = {name: [s for s in slots if not same(s.ours, s.theirs)] for name, slots in self.merged.items()}
        return {name: slots for name, slots in differing.items() if slots}

    def expected_values(self) -> dict[str, list[Any]]:
        """Each array as the merge must leave it, once nothing conflicts."""
        return {name: [s.taken.parsed for s in slots if s.taken] for name, slots in self.merged.items()}


def requirement_key(value: Any) -> tuple[str, Hashable]:
    """A requirement is known by its package and environment marker; anything else (a table) by its value."""
    if isinstance(value, str):
        requirement = Requirement(value)
        return canonicalize_name(requirement.name), str(requirement.marker or "")
    return "", json.dumps(value, sort_keys=True, default=str)


def same(a: Entry | None, b: Entry | None) -> bool:
    """Whether two versions of one requirement mean the same (spelling aside)."""
    if a is None or b is None:
        return a is b
    if isinstance(a.parsed, str) and isinstance(b.parsed, str):
        return Requirement(a.parsed) == Requirement(b.parsed)
    return a.parsed == b.parsed


def slot_of(base: Entry | None, ours: Entry | None, theirs: Entry | None) -> Slot:
    """Each side keeps what only it changed; a change on both sides is a conflict unless it is the same."""
    if same(ours, theirs):
        return Slot(base, ours, theirs, SAME)
    if same(ours, base):
        return Slot(base, ours, theirs, THEIRS)
    if same(theirs, base):
        return Slot(base, ours, theirs, OURS)
    return Slot(base, ours, theirs, CONFLICT)


def by_key(entries: tuple[Entry, ...]) -> dict[tuple[str, Hashable], Entry]:
    keyed = {requirement_key(entry.parsed): entry for entry in entries}
    if len(keyed) != len(entries):
        raise UnreadableArray("a requirement is listed twice")
    return keyed


def merge_entries(base: tuple[Entry, ...], ours: tuple[Entry, ...], theirs: tuple[Entry, ...]) -> list[Slot]:
    """The merged array, in our order; the template's new requirements go where `uv add` would put them."""
    try:
        base_keyed, ours_keyed, theirs_keyed = by_key(base), by_key(ours), by_key(theirs)
    except InvalidRequirement as error:
        raise UnreadableArray(str(error)) from error
    slots = [slot_of(base_keyed.get(key), entry, theirs_keyed.get(key)) for key, entry in ours_keyed.items()]
    names = [key[0] for key in ours_keyed]
    keep_sorted = names == sorted(names)
    for key, entry in theirs_keyed.items():
        if key in ours_keyed:
            continue
        slot = slot_of(base_keyed.get(key), None, entry)
        if keep_sorted:
            slots.insert(bisect_right([s.sort_name for s in slots], slot.sort_name), slot)
        else:
            slots.append(slot)
    return slots


def merged_body(slots: list[Slot], version: str, arrays: dict[str, Array]) -> str:
    """One aligned version's text for an array; its tail and final comma are merged like a requirement."""
    tails = {v: arrays[v].tail for v in arrays}
    commas = {v: arrays[v].trailing_comma for v in arrays}
    return render_body(
        [entry for entry in (slot.side(version) for slot in slots) if entry is not None],
        three_way(tails),
        three_way(commas),
    )


def three_way(values: dict[str, Any]) -> Any:
    """Ours, unless only theirs changed it. A version without the array counts as unchanged."""
    ours, theirs = values["ours"], values["theirs"]
    return theirs if ours == values.get("base", theirs) else ours


def align(base_text: str, ours_text: str, theirs_text: str) -> Alignment:
    """Rewrite the dependency arrays of the three versions as described in this module's docstring."""
    texts = {"base": base_text, "ours": ours_text, "theirs": theirs_text}
    arrays = {version: dependency_arrays(text) for version, text in texts.items()}
    merged: dict[str, list[Slot]] = {}
    bodies: dict[str, dict[str, str]] = {version: {} for version in texts}
    for name in [name for name in arrays["ours"] if name in arrays["theirs"]]:
        versions = {version: found[name] for version, found in arrays.items() if name in found}
        try:
            slots = merge_entries(
                versions["base"].entries if "base" in versions else (),
                versions["ours"].entries,
                versions["theirs"].entries,
            )
        except UnreadableArray:
            continue
        merged[name] = slots
        for version in versions:
            bodies[version][name] = merged_body(slots, version, versions)
    aligned = {version: replace_bodies(texts[version], bodies[version]) for version in texts}
    return Alignment(**aligned, merged=merged)


def describe(name: str, slot: Slot) -> str:
    """What the merge did with one requirement on which the two sides differ."""
    base, ours, theirs = (shown(entry) for entry in (slot.base, slot.ours, slot.theirs))
    if slot.outcome == CONFLICT:
        return f"{name}: yours {ours or '(removed)'}, the template's {theirs or '(removed)'}"
    if slot.outcome == OURS:
        return f"{name}: kept your {ours}" if ours else f"{name}: kept your removal of {base}"
    if not theirs:
        return f"{name}: removed {base}, as the template does"
    return f"{name}: took the template's {theirs}" + (f" (was {base})" if base else "")


def shown(entry: Entry | None) -> str | None:
    if entry is None:
        return None
    return entry.parsed if isinstance(entry.parsed, str) else entry.value
