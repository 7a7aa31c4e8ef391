#!/bin/sh
# Copier migration, after every update: merge pyproject.toml's dependency
# arrays by package (merge-dependencies.py) where the line merge conflicted.
#
# uv runs the merge on Copier's interpreter ($1) with the tomlkit and packaging
# pinned here, so Copier's environment needs nothing installed. uv reads its
# settings from the template: the project's pyproject.toml holds conflict
# markers now. When uv cannot run it, the line merge's result stands and the
# update goes on, so the conflicts are still listed.
set -u
hooks=$(dirname "$0")

if [ -z "$(git ls-files --unmerged -- pyproject.toml 2>/dev/null)" ]; then
    exit 0
fi

uv run --quiet --no-project --project "$hooks" --python "$1" --with tomlkit==0.15.3 --with packaging==26.4 \
    python -B "$hooks/merge-dependencies.py" ||
    echo "warning: pyproject.toml's dependencies were not merged by package: uv could not run the merge." >&2
