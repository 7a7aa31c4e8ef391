#!/usr/bin/env bash
# Installs what the workflow linters call out to: actionlint (a dev tool in
# uv.lock) checks the `run:` scripts of generated workflows with shellcheck,
# and silently skips them when shellcheck is missing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v shellcheck >/dev/null 2>&1; then
    apt-get install -qq -y shellcheck >/dev/null
fi
shellcheck --version | sed -n 2p
