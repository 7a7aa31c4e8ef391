"""What the generated README points its reader to exists: its own sections, and the template's guides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.paths import DOCS

# "Section" in README.md, as a project's files and the README itself name one; a
# comment may break the line between the two.
SECTION_IN_README = re.compile(r'"([^"]+)"(?=[\s#]+in[\s#]+README\.md)')
SEE_SECTION = re.compile(r'see "([^"]+)"')
GUIDE = re.compile(r"`docs/([\w-]+\.md)`")


@pytest.fixture(scope="module", params=["github", "gitlab"])
def project(request: pytest.FixtureRequest, render_session) -> Path:
    return render_session(ci=request.param)


def one_line(text: str) -> str:
    """A name as one line, without the comment signs where it was broken."""
    return " ".join(re.sub(r"\n\s*#", " ", text).split())


def test_every_section_that_the_project_names_is_a_heading_of_its_readme(project: Path) -> None:
    readme = (project / "README.md").read_text()
    headings = set(re.findall(r"^#+ (.+)$", readme, re.MULTILINE))
    files = [path for path in project.rglob("*") if path.is_file() and ".git" not in path.parts]
    named = {one_line(name) for name in SEE_SECTION.findall(readme)}
    for path in files:
        named |= {one_line(name) for name in SECTION_IN_README.findall(path.read_text(errors="ignore"))}

    assert named, "nothing names a section of the README"
    assert named <= headings, f"no such heading: {sorted(named - headings)}"


def test_every_guide_that_the_readme_names_is_in_the_template(project: Path) -> None:
    guides = set(GUIDE.findall((project / "README.md").read_text()))

    assert guides, "the README names none of the template's guides"
    assert {guide for guide in guides if not (DOCS / guide).is_file()} == set()
