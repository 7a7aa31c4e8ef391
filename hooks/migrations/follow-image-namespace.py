"""Copier migration to 0.3.0: a recorded image_repository that is the derived default becomes empty.

    python follow-image-namespace.py ANSWERS_FILE

Before 0.3.0 the answers file recorded image_repository's default,
image_namespace/dist_name, as a value of its own, so a later change of
image_namespace left the repository behind. Since 0.3.0 an empty answer means
that default, worked out at every render. A repository other than the default
was the project's own choice and stays. Run it before the update, like
rename-answer.py: Copier renders the old version from the answers as they were,
and the new one from what this leaves.

Only the image_repository line changes; the rest of the file is left byte for
byte. Running it twice, or on a project without these answers, does nothing.
"""

from __future__ import annotations

import re
import sys

import yaml
from answers_file import rewrite_answers

ANSWER_LINE = re.compile(r"^image_repository:.*$", re.MULTILINE)


def follow_image_namespace(answers_text: str) -> str:
    answers = yaml.safe_load(answers_text) or {}
    if not {"image_repository", "image_namespace", "dist_name"} <= answers.keys():
        return answers_text
    if answers["image_repository"] != f"{answers['image_namespace']}/{answers['dist_name']}":
        return answers_text
    return ANSWER_LINE.sub("image_repository: ''", answers_text, count=1)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    done = "{path}: image_repository is empty, to follow image_namespace."
    rewrite_answers(sys.argv[1], follow_image_namespace, done)
