"""Copier migration, after every update: stop when the app module is written for another framework.

    python check-framework.py APP_MODULE FRAMEWORK MODULE ALL_MODULES

ALL_MODULES: every framework's module, comma-separated.

The update never rewrites the project's app or its tests (copier.yml's
_skip_if_exists), so a changed `framework` answer leaves them importing the
framework that the project had, while the Dockerfile, the server and the
dependencies move to the new one: an image that would fail at its first
request, or at start. This runs before the other migrations and exits 1 with
what to do, so that `copier update` fails instead.

An app module that imports neither framework, or that is gone, passes: the
team has made its own arrangements.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def imported(source: str, module: str) -> bool:
    return re.search(rf"^\s*(from|import)\s+{re.escape(module)}\b", source, re.MULTILINE) is not None


def main(app_module: Path, framework: str, module: str, others: list[str]) -> int:
    if not app_module.is_file():
        return 0
    source = app_module.read_text()
    found = [other for other in others if other != module and imported(source, other)]
    if imported(source, module) or not found:
        return 0
    print(
        f"""
error: framework is now {framework}, but {app_module} imports {found[0]}.
The update never rewrites your app's code (src/ and tests/ are yours), so the
image would not serve. The working tree holds the update's other changes; undo
them with `git reset --hard && git clean -fd`, then either:
  - keep {found[0]}: run the update without changing `framework`; or
  - move to {framework}: port {app_module} and tests/test_app.py to it
    (`copier copy --data framework={framework}` into another directory shows
    the template's versions of both), commit, and run this update again.""",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    app, chosen, chosen_module, all_modules = sys.argv[1:]
    sys.exit(main(Path(app), chosen, chosen_module, all_modules.split(",")))
