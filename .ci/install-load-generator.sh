#!/usr/bin/env bash
# Installs wrk, the HTTP load generator that the benchmark's load phase runs
# (its quick check is part of the tests). From the machine's own release
# (bookworm and trixie both package it): one from another release could pull
# that release's libraries in with it. Runs after install-docker-engine.sh,
# which has updated the package lists.
set -euo pipefail

if ! command -v wrk >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -qq -y wrk >/dev/null
fi
wrk -v 2>&1 | head -n 1 || true
