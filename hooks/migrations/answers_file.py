"""What every answer migration does with the answers file: rewrite its text, and only when that changes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def rewrite_answers(answers_file: str, change: Callable[[str], str], done: str) -> None:
    """Write `change(text)` back and print `done` (which may name {path}); leave an unchanged file alone."""
    path = Path(answers_file)
    text = path.read_text()
    changed = change(text)
    if changed != text:
        path.write_text(changed)
        print(done.format(path=path))
