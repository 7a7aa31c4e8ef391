"""Where things are in this repository."""

from __future__ import annotations

from pathlib import Path

# The repository: copier.yml, hooks/, tests/, bench/. Copier's template source.
REPO_ROOT = Path(__file__).resolve().parents[1]
# The files that Copier renders into a project (copier.yml's `_subdirectory`).
TEMPLATE_FILES = REPO_ROOT / "template"
COPIER_YML = REPO_ROOT / "copier.yml"
# The guides, each for one reader; README.md links them.
DOCS = REPO_ROOT / "docs"
CONTRIBUTING = REPO_ROOT / "CONTRIBUTING.md"
