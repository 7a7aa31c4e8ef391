#!/usr/bin/env bash
# QEMU user emulation, registered with binfmt_misc's F flag (the interpreter is
# opened once, so containers run foreign binaries without it inside them): the
# tests build and run the arm64 image on an amd64 machine this way.
set -euo pipefail
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
export DEBIAN_FRONTEND=noninteractive
apt-get install -qq -y qemu-user-static binfmt-support >/dev/null
update-binfmts --enable >/dev/null 2>&1 || true
for arch in aarch64 x86_64; do
    [ "$arch" = "$(uname -m)" ] && continue
    grep -q '^flags: .*F' "/proc/sys/fs/binfmt_misc/qemu-$arch" \
        || { echo "qemu-$arch is not registered with the F flag" >&2; exit 1; }
done
