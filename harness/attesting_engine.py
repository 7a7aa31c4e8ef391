"""A second Docker engine on this machine, with the containerd image store, for builds that attach attestations.

BuildKit's `docker` driver makes provenance and SBOM attestations only when
the engine keeps images in containerd. The machine's own engine is shared by
every other test (and maybe by other work), so its store is never switched:
this one runs beside it, on its own socket, data, exec root, containerd and
bridge, for as long as the block runs.

Its bridge is a device of its own with no route to anywhere, and the engine
leaves the firewall alone: the SBOM generator runs on it and needs no network.
Build steps that download (apt, uv) use the host's network (`--network host`).
A bridge is needed at all because an engine started without one deletes the
default bridge, docker0, that the machine's own engine uses.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .docker_cli import docker

STARTUP_SECONDS = 60.0


@contextmanager
def attesting_engine(root: Path) -> Iterator[dict[str, str]]:
    """Run the engine with its state under `root`; yields the environment for a `docker` client of it."""
    bridge = "udt" + hashlib.sha256(str(root).encode()).hexdigest()[:10]
    config = root / "daemon.json"
    config.write_text(json.dumps({"features": {"containerd-snapshotter": True}}))
    env = {**os.environ, "DOCKER_HOST": f"unix://{root}/docker.sock"}
    subprocess.run(["ip", "link", "add", bridge, "type", "bridge"], check=True)
    try:
        subprocess.run(["ip", "link", "set", bridge, "up"], check=True)
        with (root / "dockerd.log").open("w") as log:
            engine = subprocess.Popen(
                [
                    "dockerd",
                    f"--config-file={config}",
                    f"--data-root={root / 'data'}",
                    f"--exec-root={root / 'exec'}",
                    f"--pidfile={root / 'dockerd.pid'}",
                    f"--host={env['DOCKER_HOST']}",
                    f"--bridge={bridge}",
                    "--iptables=false",
                    "--ip6tables=false",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_it_answers(engine, env, root / "dockerd.log")
                yield env
            finally:
                engine.terminate()
                engine.wait(timeout=30)
    finally:
        subprocess.run(["ip", "link", "delete", bridge], check=False)


def _wait_until_it_answers(engine: subprocess.Popen, env: dict[str, str], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if engine.poll() is not None:
            raise RuntimeError(f"dockerd stopped ({engine.returncode}):\n{log.read_text()[-3000:]}")
        if docker("info", check=False, env=env).returncode == 0:
            return
        time.sleep(0.5)
    raise TimeoutError(f"dockerd did not answer within {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


def copy_images(refs: list[str], env: dict[str, str] | None, source: dict[str, str] | None = None) -> None:
    """Copy `refs` from the engine that `source` points to into the one that `env` points to (None: the
    machine's own)."""
    saved = subprocess.Popen(["docker", "save", *refs], stdout=subprocess.PIPE, env=source)
    try:
        docker("load", "-q", stdin=saved.stdout, env=env)
    finally:
        with suppress(Exception):
            saved.stdout.close()
        if saved.wait() != 0:
            raise RuntimeError(f"docker save {' '.join(refs)} failed ({saved.returncode})")
