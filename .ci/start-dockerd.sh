#!/usr/bin/env bash
# Starts dockerd detached unless one already answers. Prints the PID it started
# (nothing when it reused a running daemon) so that the caller can stop it.
set -euo pipefail
if docker info >/dev/null 2>&1; then
    exit 0
fi
log=${DOCKERD_LOG:-/var/log/dockerd-ci.log}
# Every stream goes to the log: a child holding the caller's stdout open would
# keep the whole run from finishing.
setsid dockerd </dev/null >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        echo "$pid"
        exit 0
    fi
    sleep 1
done
echo "dockerd did not answer within 60 s; see $log" >&2
tail -20 "$log" >&2
exit 1
