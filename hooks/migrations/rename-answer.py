"""Copier migration: carry a recorded answer over to a renamed question.

    python rename-answer.py ANSWERS_FILE OLD_NAME NEW_NAME

Copier ignores answers to questions that no longer exist, so without this a
renamed question silently falls back to its default on the next update. Run it
before the update (`when: "{{ _stage == 'before' }}"`): Copier reads the
answers again after the "before" migrations, and renders the old version from
the answers as they were.

Only the top-level key changes; the rest of the file is left byte for byte.
Running it twice, or on a project that never had the old answer, does nothing.
"""

from __future__ import annotations

import re
import sys

from answers_file import rewrite_answers


def rename_answer(answers_text: str, old: str, new: str) -> str:
    old_key = re.compile(rf"^{re.escape(old)}:(?=\s|$)", re.MULTILINE)
    new_key = re.compile(rf"^{re.escape(new)}:(?=\s|$)", re.MULTILINE)
    if not old_key.search(answers_text):
        return answers_text
    if new_key.search(answers_text):
        raise SystemExit(f"error: the answers file has both {old} and {new}; keep the right one and retry.")
    return old_key.sub(f"{new}:", answers_text, count=1)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    answers_file, old, new = sys.argv[1:]
    rewrite_answers(
        answers_file, lambda text: rename_answer(text, old, new), f"Renamed the answer {old} to {new} in {{path}}."
    )
