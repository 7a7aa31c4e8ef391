#!/bin/sh
# Copier task: resolve the project's dependencies into uv.lock.
#
# On copy this creates uv.lock. On update, `uv lock` keeps every pin that still
# satisfies pyproject.toml (the user's included) and re-resolves only what the
# update changed, so the lock always agrees with pyproject.toml afterwards.
#
# When this fails, Copier deletes a freshly copied project, so nothing is left
# half-written; the message says how to retry.
set -eu

if ! command -v uv >/dev/null 2>&1; then
    cat >&2 <<'MSG'
error: uv is not installed, so uv.lock cannot be created.
Install uv (https://docs.astral.sh/uv/getting-started/installation/), then run the same
copier command again. (After `copier update`, run `uv lock` in the project instead.)
MSG
    exit 1
fi

# The least uv that reads the project's pyproject.toml (its cooldown), from copier.yml.
minimum=${1:-}
version=$(uv --version | cut -d ' ' -f 2)
older=$(printf '%s\n%s\n' "$version" "$minimum" | awk -F . '
    NR == 1 { split($0, have, ".") }
    NR == 2 { for (i = 1; i <= 3; i++) if (have[i] + 0 != $i + 0) { print (have[i] + 0 < $i + 0); exit } print 0 }')
if [ -n "$minimum" ] && [ "$older" = 1 ]; then
    cat >&2 <<MSG
error: uv $version is older than $minimum, the first uv that reads this project's
pyproject.toml (its exclude-newer cooldown), so uv.lock cannot be made. Update uv
(\`uv self update\`, or as you installed it), then run the same copier command again.
(After \`copier update\`, run \`uv lock\` in the project instead.)
MSG
    exit 1
fi

if ! uv lock; then
    cat >&2 <<'MSG'
error: `uv lock` failed (see above), so uv.lock could not be created or updated.
Check that the package index is reachable (behind a TLS-inspecting proxy, export
SSL_CERT_FILE=/path/to/ca-bundle.pem) and that a Python matching .python-version
is installed, then run the same copier command again. (After `copier update`, run
`uv lock` in the project instead.)
MSG
    exit 1
fi
