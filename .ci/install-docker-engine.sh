#!/usr/bin/env bash
# Installs a Docker engine whose BuildKit understands Dockerfile heredocs, plus
# the tools that build base images locally (debootstrap, Ubuntu's keyring),
# Compose and kubectl.
# Bookworm's docker.io is too old for heredocs, so the engine comes from trixie,
# pinned low so that nothing else is upgraded from there.
set -euo pipefail

mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || { echo "no Debian mirror in /etc/apt/sources.list.d/debian.sources" >&2; exit 1; }

cat >/etc/apt/sources.list.d/extra-suites.sources <<SOURCES
Types: deb
URIs: ${mirror}
Suites: trixie bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES

cat >/etc/apt/preferences.d/extra-suites-low-priority <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100
PIN

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! dockerd --version 2>/dev/null | grep -qE 'version (2[6-9]|[3-9][0-9])'; then
    apt-get install -qq -y -t trixie docker.io docker-cli docker-buildx >/dev/null
fi
apt-get install -qq -y debootstrap >/dev/null
# `docker compose` (v2) and kubectl, which the tests of compose.yaml and the
# Kubernetes manifests run.
apt-get install -qq -y -t trixie docker-compose kubernetes-client >/dev/null
apt-get install -qq -y -t bookworm-backports ubuntu-keyring >/dev/null
