"""The dependency arrays of a pyproject.toml, value by value with the layout around each, to be rewritten in place.

tomlkit reads the file and writes it back byte for byte. Inside an array it
keeps each value in a group with the indentation before it, its comma and its
comment; those groups are not public, so merge-dependencies.sh pins tomlkit, and
an array whose groups do not render back to its own text is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Array as TomlArray
from tomlkit.items import Null

PROJECT_DEPENDENCIES = "[project] dependencies"
GROUPS_TABLE = "dependency-groups"


class UnreadableArray(ValueError):
    """This array's layout cannot be split value by value."""


@dataclass(frozen=True)
class Entry:
    """One value of an array, with the text around it that belongs to it."""

    lead: str  # the line break, indentation and comment lines before the value
    value: str  # the value as written
    gap: str  # between the value and its comma
    comma: bool
    comment: str  # a comment on the value's line
    parsed: Any  # the value as TOML reads it

    def render(self, comma: bool) -> str:
        return self.lead + self.value + (self.gap + "," if comma else "") + self.comment


@dataclass(frozen=True)
class Array:
    entries: tuple[Entry, ...]
    tail: str  # between the last entry and the closing bracket

    @property
    def values(self) -> list[Any]:
        return [entry.parsed for entry in self.entries]

    @property
    def trailing_comma(self) -> bool:
        return not self.entries or self.entries[-1].comma


def render_body(entries: list[Entry], tail: str, trailing_comma: bool) -> str:
    """The text between the brackets: every entry but the last takes a comma, the last one as asked."""
    last = len(entries) - 1
    return "".join(entry.render(i < last or trailing_comma) for i, entry in enumerate(entries)) + tail


def dependency_arrays(text: str) -> dict[str, Array]:
    """`[project] dependencies` and each `[dependency-groups] NAME`, by those names, where they can be read."""
    arrays = {}
    for name, (table, key) in _locations(tomlkit.parse(text)).items():
        try:
            arrays[name] = _read_array(table[key])
        except UnreadableArray:
            continue
    return arrays


def replace_bodies(text: str, bodies: dict[str, str]) -> str:
    """`text` with the body of each named array replaced, and every other byte as it was."""
    document = tomlkit.parse(text)
    locations = _locations(document)
    for name, body in bodies.items():
        table, key = locations[name]
        # Assigning keeps the key, and the spaces and comment after the array, as they were.
        table[key] = tomlkit.parse(f"v = [{body}]")["v"]
    return document.as_string()


def _locations(document: tomlkit.TOMLDocument) -> dict[str, tuple[Container, str]]:
    """Where each dependency array sits: its table and key."""
    found = {}
    project = document.get("project", {})
    if "dependencies" in project:
        found[PROJECT_DEPENDENCIES] = (project, "dependencies")
    groups = document.get(GROUPS_TABLE, {})
    for group in groups:
        found[f"[{GROUPS_TABLE}] {group}"] = (groups, group)
    return found


def _read_array(array: Any) -> Array:
    if not isinstance(array, TomlArray):
        raise UnreadableArray("not an array")
    entries: list[Entry] = []
    lead = ""
    for group in array._value:  # private: tomlkit's only record of each value's layout
        indent, comment = (part.as_string() if part is not None else "" for part in (group.indent, group.comment))
        if group.value is None or isinstance(group.value, Null):
            lead += indent + comment
            continue
        comma = group.comma.as_string() if group.comma is not None else ""
        value = group.value
        entries.append(Entry(lead + indent, value.as_string(), comma[:-1], bool(comma), comment, value.unwrap()))
        lead = ""
    found = Array(tuple(entries), lead)
    # A comma that is not right after its value (after a comment, say) would be lost: such an array is left alone.
    if f"[{render_body(entries, lead, found.trailing_comma)}]" != array.as_string():
        raise UnreadableArray("its values and their layout do not add up to its text")
    return found
