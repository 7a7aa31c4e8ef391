"""What an image's dpkg database says it holds, read inside the image with its own Python, as a scanner reads it."""

from __future__ import annotations

import json

from harness.docker_cli import docker

# The installed packages, each with the files its list names that are missing
# from the image; manuals, translations and docs excepted, which dpkg leaves
# out when told to (the runtime stage tells it to, for what it installs).
_READ_DATABASE = r"""
import json, os, pathlib
info = pathlib.Path("/var/lib/dpkg/info")
left_out = ("/usr/share/doc/", "/usr/share/man/", "/usr/share/info/", "/usr/share/locale/")
installed = {}
for stanza in pathlib.Path("/var/lib/dpkg/status").read_text().split("\n\n"):
    fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line and not line[0].isspace())
    if fields.get("Status") != "install ok installed":
        continue
    name, arch = fields["Package"], fields.get("Architecture", "all")
    listing = next((p for p in (info / f"{name}:{arch}.list", info / f"{name}.list") if p.exists()), None)
    paths = listing.read_text().splitlines() if listing else []
    installed[name] = sorted(
        p for p in paths
        if not p.startswith(left_out) and not os.path.lexists(p)
    )
print(json.dumps(installed))
"""


def installed_packages(image: str) -> dict[str, list[str]]:
    """Each package that the image's dpkg database lists as installed, with the files of it that are missing."""
    result = docker("run", "--rm", "--user", "0", "--network", "none", image, "python", "-c", _READ_DATABASE)
    return json.loads(result.stdout)
