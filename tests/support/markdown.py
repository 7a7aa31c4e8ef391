"""Commands as a README shows them."""

from __future__ import annotations

import re


def shell_blocks(markdown: str, heading: str, level: int = 2) -> list[str]:
    """The ```sh blocks of the `## heading` section, in order, each stripped."""
    return code_blocks(markdown, heading, "sh", level)


def code_blocks(markdown: str, heading: str, language: str, level: int = 2) -> list[str]:
    """The ```language blocks of the section under `heading` (`##`, or `###` for level 3), each stripped.

    The section runs to the next heading of its level or above.
    """
    section = markdown.split(f"\n{'#' * level} {heading}\n", 1)[1]
    section = re.split(rf"\n#{{2,{level}}} ", section, maxsplit=1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert blocks, f"no {language} block under {heading!r}"
    return [block.strip() for block in blocks]
