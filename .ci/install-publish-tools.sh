#!/usr/bin/env bash
# What the publish-path tests push, sign and inspect with: a registry to run on
# loopback, jq (the workflow's step that joins the platforms runs it), and
# cosign and skopeo (trixie's, pinned low by install-docker-engine.sh).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get install -qq -y docker-registry jq >/dev/null
apt-get install -qq -y -t trixie cosign skopeo >/dev/null
