"""A stand-in for GitHub's `gh` command line: it records each call's arguments and answers from a table."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

SCRIPT = """#!{python}
import json, sys
arguments = sys.argv[1:]
with open({log!r}, "a") as log:
    log.write(json.dumps(arguments) + "\\n")
status, stdout, stderr = json.load(open({answers!r})).get(" ".join(arguments), [0, "", ""])
sys.stdout.write(stdout)
sys.stderr.write(stderr)
sys.exit(status)
"""


@dataclass(frozen=True)
class FakeGh:
    directory: Path

    @property
    def calls(self) -> list[list[str]]:
        log = self.directory / "calls.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def fake_gh(directory: Path, answers: dict[str, tuple[int, str, str]] | None = None, command: str = "gh") -> FakeGh:
    """`directory/bin/gh` (or another `command`, such as curl): a call whose arguments, joined by spaces, are in
    `answers` gets (status, stdout, stderr); any other call succeeds and prints nothing. Put `directory/bin` first
    on PATH."""
    (directory / "bin").mkdir(parents=True)
    (directory / "answers.json").write_text(json.dumps(answers or {}))
    script = directory / "bin" / command
    script.write_text(
        SCRIPT.format(
            python=sys.executable, log=str(directory / "calls.jsonl"), answers=str(directory / "answers.json")
        )
    )
    script.chmod(0o755)
    return FakeGh(directory)
