#!/bin/sh
# An SBOM generator as BuildKit's SBOM scanning protocol defines one: scan the
# file system at BUILDKIT_SCAN_SOURCE and write, into BUILDKIT_SCAN_DESTINATION,
# an in-toto statement whose predicate is the SPDX document. Syft is the
# scanner that Docker's default generator (docker/buildkit-syft-scanner) wraps.
set -eu
spdx=/tmp/scan.spdx.json
syft scan --quiet "dir:$BUILDKIT_SCAN_SOURCE" --output "spdx-json=$spdx"
{
    printf '{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document","subject":[],"predicate":'
    cat "$spdx"
    printf '}'
} >"$BUILDKIT_SCAN_DESTINATION/$(basename "$BUILDKIT_SCAN_SOURCE").spdx.json"
