"""An OCI registry on this machine's loopback, to push to as CI pushes to a real one.

Debian's docker-registry (the CNCF distribution registry), storing in a
directory of the caller's; the engine, cosign and skopeo speak plain HTTP to a
loopback registry without being told.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from . import loopback

REGISTRY_COMMAND = "docker-registry"


@contextmanager
def local_registry(storage: Path) -> Iterator[str]:
    """Serve a registry on a free loopback port for as long as the block runs; yields its host:port."""
    port = loopback.free_port()
    config = storage / "config.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "version": 0.1,
                "log": {"level": "warn"},
                "storage": {"filesystem": {"rootdirectory": str(storage / "data")}, "delete": {"enabled": True}},
                "http": {"addr": f"127.0.0.1:{port}"},
            }
        )
    )
    log = (storage / "registry.log").open("w")
    server = subprocess.Popen([REGISTRY_COMMAND, "serve", str(config)], stdout=log, stderr=subprocess.STDOUT)
    try:
        loopback.wait_for_200(port, "/v2/", within=15.0)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
