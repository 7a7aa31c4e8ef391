"""Commands as a README shows them."""

from __future__ import annotations

import re


def shell_blocks(markdown: str, heading: str) -> list[str]:
    """The ```sh blocks of the `## heading` section, in order, each stripped."""
    return code_blocks(markdown, heading, "sh")


def code_blocks(markdown: str, heading: str, language: str) -> list[str]:
    """The ```language blocks of the `## heading` section, in order, each stripped."""
    section = markdown.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert blocks, f"no {language} block under {heading!r}"
    return [block.strip() for block in blocks]
