#!/usr/bin/env bash
# Smoke-tests a built image the way an orchestrator will use it:
#   - it is configured to run as a non-root numeric uid;
#   - /healthz answers 200 within a few seconds of `docker run`;
#   - `docker stop` ends it with status 0, well inside the stop timeout.
# CI runs it on the image it just built; locally:
#   docker build -t my-image . && scripts/smoke-test.sh my-image
set -euo pipefail

image=${1:?usage: scripts/smoke-test.sh IMAGE}
port=8000
ready_within_s=5
stop_timeout_s=10
# A graceful stop takes about a second; anything near the timeout means the
# server missed the signal and was killed.
stop_within_s=5

fail() {
    echo "smoke test of $image failed: $*" >&2
    exit 1
}

user=$(docker image inspect --format '{{.Config.User}}' "$image")
uid=${user%%:*}
[[ $uid =~ ^[0-9]+$ ]] || fail "USER is '$user', not a numeric uid"
[ "$uid" -ne 0 ] || fail "USER is root"
echo "configured user: $user"

# A daemon on another host (DOCKER_HOST=tcp://docker:2376, as a CI job's
# docker:dind service) publishes the port there, and the test reaches it there.
daemon_host=$(printf '%s' "${DOCKER_HOST:-}" | sed -n 's|^tcp://\([^:/]*\).*|\1|p')
bind=127.0.0.1
[ -z "$daemon_host" ] || bind=0.0.0.0
container=$(docker run --detach --publish "$bind::$port" "$image")
trap 'docker rm --force "$container" >/dev/null' EXIT
address=$(docker port "$container" "$port/tcp" | head -n 1)
[ -z "$daemon_host" ] || address="$daemon_host:${address##*:}"

started=$(date +%s%N)
until [ "$(curl --silent --output /dev/null --write-out '%{http_code}' "http://$address/healthz")" = 200 ]; do
    if [ $(($(date +%s%N) - started)) -gt $((ready_within_s * 1000000000)) ]; then
        docker logs "$container" >&2
        fail "no 200 from /healthz within $ready_within_s s"
    fi
    sleep 0.1
done
echo "/healthz: 200 after $((($(date +%s%N) - started) / 1000000)) ms"

running_uid=$(docker exec "$container" id -u)
[ "$running_uid" = "$uid" ] || fail "the server runs as uid $running_uid, not $uid"

started=$(date +%s%N)
docker stop --time "$stop_timeout_s" "$container" >/dev/null
stop_ms=$((($(date +%s%N) - started) / 1000000))
status=$(docker inspect --format '{{.State.ExitCode}}' "$container")
echo "docker stop: exit status $status after $stop_ms ms"
[ "$status" = 0 ] || fail "exit status $status after docker stop"
[ "$stop_ms" -lt $((stop_within_s * 1000)) ] || fail "docker stop took $stop_ms ms"
