"""What the update bot passes on: the dependency merge's report for the pull request, and nothing else on stdout."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from harness.paths import TEMPLATE_FILES


def update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_from_template", TEMPLATE_FILES / "scripts/update-from-template.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PRINTED_BY_THE_UPDATE = [
    ".copier-answers.yml: image_repository is empty, to follow image_namespace.",
    "Merged the dependency lists of pyproject.toml by package:",
    "    [project] dependencies: kept your httpx>=0.27",
    "    [project] dependencies: took the template's blinker>=1.9",
    "uv.lock was relocked.",
    "You and the template changed these requirements differently; both stay marked in pyproject.toml:",
    "    [project] dependencies: flask>=3.1.2 (yours), flask>=3.1.3 (the template's)",
]


def test_the_report_keeps_the_dependency_merge_and_leaves_out_what_other_steps_print() -> None:
    report = update_script().dependency_report(PRINTED_BY_THE_UPDATE)

    assert report.splitlines() == [*PRINTED_BY_THE_UPDATE[1:4], *PRINTED_BY_THE_UPDATE[5:]]
