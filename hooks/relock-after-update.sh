#!/bin/sh
# Copier migration, after every update: bring uv.lock back in line with the
# merged pyproject.toml.
#
# The update never merges uv.lock (it is in _skip_if_exists), so the project
# still has the user's lock. `uv lock` keeps every pin that pyproject.toml still
# allows and resolves only what the update changed; when nothing changed it
# leaves the file as it is.
set -eu

# A project that deleted its lock keeps it that way.
if [ ! -e uv.lock ]; then
    exit 0
fi

# uv cannot read a pyproject.toml with conflict markers; relocking waits until
# the user has resolved them (report-conflicts.sh lists the files).
if grep -q '^<<<<<<< ' pyproject.toml 2>/dev/null; then
    echo "warning: pyproject.toml has merge conflicts, so uv.lock was left as it was." >&2
    echo "Resolve them, then run \`uv lock\` and commit uv.lock with the update." >&2
    exit 0
fi

exec sh "$(dirname "$0")/lock-dependencies.sh" "$@"
