#!/usr/bin/env bash
# What the publish-path tests push, sign and inspect with: a registry to run on
# loopback, jq (the workflow's step that joins the platforms runs it), ip (to
# give the second engine, which attaches attestations, a bridge of its own),
# and cosign and skopeo (trixie's, pinned low by install-docker-engine.sh).
# The SBOM generator's syft comes with the test tools (uv.lock).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get install -qq -y docker-registry jq iproute2 >/dev/null
apt-get install -qq -y -t trixie cosign skopeo >/dev/null
