"""The next release that the update bot's tests bring: a CHANGELOG entry to quote, a dependency, a README title."""

from __future__ import annotations

from pathlib import Path

from .template_releases import current_release, following_patch, replace_once

NEXT_NOTE = "- The next release's headline change, for the pull request to quote."
PATCH_NOTE = "- A patch release in between, quoted as well."

NEXT_DEPENDENCY = "python-dotenv"
# A line of the generated README that both the next release and the team rewrite.
README_TITLE = "# {{ project_name }}\n"
NEXT_README_TITLE = "# {{ project_name }}, a web service\n"


def next_release(repo: Path, version: str) -> None:
    """A release with a CHANGELOG entry, a new dependency and a new README title."""
    changelog = repo / "CHANGELOG.md"
    newest = f"\n## {current_release()}\n"
    patch = f"\n## {following_patch(current_release())}\n\n{PATCH_NOTE}\n"
    replace_once(changelog, newest, f"\n## {version}\n\n{NEXT_NOTE}\n{patch}{newest}")
    # Right after the framework's line, where the team's `uv add httpx` lands too (uv keeps the list sorted).
    framework = '    "{{ frameworks[framework].requirement }}",\n'
    replace_once(repo / "template/pyproject.toml.jinja", framework, f'{framework}    "{NEXT_DEPENDENCY}",\n')
    replace_once(repo / "template/README.md.jinja", README_TITLE, NEXT_README_TITLE)
