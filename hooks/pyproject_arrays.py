"""Find the dependency arrays of a pyproject.toml as text, entry by entry, so that they can be rewritten in place.

A TOML library would read the values but lose the file's layout and comments;
these functions keep every byte that is not rewritten. Only the arrays whose
text reads as the same values that a TOML parser reads are returned, so a
layout that this small scanner misreads is left alone rather than damaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10, which Copier still runs on
    tomllib = None  # type: ignore[assignment]

PROJECT_DEPENDENCIES = "[project] dependencies"
GROUPS_TABLE = "dependency-groups"

# A table header, or a `key = [` line; other lines are skipped.
HEADER_OR_ARRAY = re.compile(
    r"""^[ \t]*(?:
        \[(?P<array_of_tables>\[)?[ \t]*(?P<table>[^\]\n]*?)[ \t]*\]
      | (?:"(?P<quoted>[^"\n]*)"|'(?P<literal>[^'\n]*)'|(?P<bare>[A-Za-z0-9_-]+))[ \t]*=[ \t]*(?P<open>\[)
    )""",
    re.MULTILINE | re.VERBOSE,
)


class UnreadableArray(ValueError):
    """The scanner does not understand this array's text."""


@dataclass(frozen=True)
class Entry:
    """One value of an array, with the text around it that belongs to it."""

    lead: str  # whitespace and comment lines before the value
    value: str  # the value as written
    gap: str  # between the value and its comma
    comma: bool
    trail: str  # after the comma: spaces, a comment on the same line, the line break
    parsed: Any  # the value as TOML reads it

    def render(self, comma: bool) -> str:
        return self.lead + self.value + (self.gap + "," if comma else "") + self.trail


@dataclass(frozen=True)
class Array:
    start: int  # just after the opening bracket
    end: int  # at the closing bracket
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
    if tomllib is None:
        return {}
    document = tomllib.loads(text)
    expected = {PROJECT_DEPENDENCIES: document.get("project", {}).get("dependencies")}
    for group, requirements in document.get(GROUPS_TABLE, {}).items():
        expected[f"[{GROUPS_TABLE}] {group}"] = requirements
    found = {}
    for name, array in _arrays_by_name(text).items():
        if name in expected and array.values == expected[name]:
            found[name] = array
    return found


def replace_bodies(text: str, arrays: dict[str, Array], bodies: dict[str, str]) -> str:
    """`text` with the body of each named array replaced."""
    for name in sorted(bodies, key=lambda name: arrays[name].start, reverse=True):
        array = arrays[name]
        text = text[: array.start] + bodies[name] + text[array.end :]
    return text


def _arrays_by_name(text: str) -> dict[str, Array]:
    arrays: dict[str, Array] = {}
    table = ""
    resume = 0
    for match in HEADER_OR_ARRAY.finditer(text):
        if match.start() < resume:
            continue  # inside an array already read
        if match.group("open") is None:
            table = "" if match.group("array_of_tables") else match.group("table")
            continue
        key = next(k for k in match.group("quoted", "literal", "bare") if k is not None)
        if table == "project" and key == "dependencies":
            name = PROJECT_DEPENDENCIES
        elif table == GROUPS_TABLE:
            name = f"[{GROUPS_TABLE}] {key}"
        else:
            continue
        try:
            array = _read_array(text, match.end())
        except UnreadableArray:
            continue
        arrays[name] = array
        resume = array.end
    return arrays


def _read_array(text: str, start: int) -> Array:
    entries = []
    chunk_start = start
    while True:
        value_start = _skip_blank(text, chunk_start)
        if value_start >= len(text):
            raise UnreadableArray("the array is not closed")
        if text[value_start] == "]":
            return Array(start, value_start, tuple(entries), text[chunk_start:value_start])
        value_end = _skip_value(text, value_start)
        after_value = _skip_spaces(text, value_end)
        comma = after_value < len(text) and text[after_value] == ","
        if comma:
            gap, trail_start = text[value_end:after_value], after_value + 1
        elif text.startswith("]", _skip_blank(text, value_end)):
            gap, trail_start = "", value_end
        else:
            raise UnreadableArray("a comma is missing or not on the value's line")
        trail_end = _end_of_trail(text, trail_start)
        value = text[value_start:value_end]
        entries.append(
            Entry(
                lead=text[chunk_start:value_start],
                value=value,
                gap=gap,
                comma=comma,
                trail=text[trail_start:trail_end],
                parsed=_parse_value(value),
            )
        )
        chunk_start = trail_end


def _parse_value(value: str) -> Any:
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError as error:
        raise UnreadableArray(str(error)) from error


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _skip_blank(text: str, i: int) -> int:
    """Past whitespace, line breaks and comments."""
    while i < len(text):
        if text[i] in " \t\r\n":
            i += 1
        elif text[i] == "#":
            i = _end_of_line(text, i)
        else:
            break
    return i


def _end_of_line(text: str, i: int) -> int:
    newline = text.find("\n", i)
    return len(text) if newline < 0 else newline + 1


def _end_of_trail(text: str, i: int) -> int:
    """A comment and the line break that follow a value belong to it; another value on the same line does not."""
    j = _skip_spaces(text, i)
    if text.startswith("#", j) or text.startswith("\n", j) or text.startswith("\r\n", j):
        return _end_of_line(text, j)
    return i


def _skip_value(text: str, i: int) -> int:
    if text.startswith(('"""', "'''"), i):
        return _skip_multiline_string(text, i)
    if text[i] in "\"'":
        return _skip_string(text, i)
    if text[i] in "[{":
        return _skip_nested(text, i)
    end = i
    while end < len(text) and text[end] not in ",]#\r\n":
        end += 1
    return len(text[:end].rstrip())


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    j = i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if quote == '"' and text[j] == "\\" else 1
    if j >= len(text) or text[j] != quote:
        raise UnreadableArray("a string is not closed on its line")
    return j + 1


def _skip_multiline_string(text: str, i: int) -> int:
    delimiter = text[i : i + 3]
    j = i + 3
    while True:
        if j >= len(text):
            raise UnreadableArray("a multi-line string is not closed")
        if delimiter == '"""' and text[j] == "\\":
            j += 2
        elif text.startswith(delimiter, j):
            j += 3
            # Up to two quotes right before the closing delimiter belong to the string.
            extra = 0
            while extra < 2 and text.startswith(delimiter[0], j):
                j, extra = j + 1, extra + 1
            return j
        else:
            j += 1


def _skip_nested(text: str, i: int) -> int:
    closing = {"[": "]", "{": "}"}
    expected = [closing[text[i]]]
    j = i + 1
    while expected:
        j = _skip_blank(text, j)
        if j >= len(text):
            raise UnreadableArray("a nested value is not closed")
        if text[j] == expected[-1]:
            expected.pop()
            j += 1
        elif text[j] in closing:
            expected.append(closing[text[j]])
            j += 1
        elif text[j] in "\"'":
            j = _skip_multiline_string(text, j) if text.startswith(('"""', "'''"), j) else _skip_string(text, j)
        else:
            j += 1
    return j
