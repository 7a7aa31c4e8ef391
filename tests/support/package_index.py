"""A package index on loopback that says when each file was uploaded, as PyPI does.

It serves the PEP 691 JSON simple API, with PEP 700's `upload-time` per file,
for wheels made on the spot: enough for uv to resolve and lock against it
offline, and to see a release's age.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

JSON_SIMPLE = "application/vnd.pypi.simple.v1+json"


@dataclass(frozen=True)
class Upload:
    """One release of a package, as a pure-Python wheel uploaded at `uploaded`."""

    name: str
    version: str
    uploaded: datetime | None

    @property
    def filename(self) -> str:
        return f"{self.name.replace('-', '_')}-{self.version}-py3-none-any.whl"


def core_metadata(upload: Upload) -> bytes:
    return f"Metadata-Version: 2.1\nName: {upload.name}\nVersion: {upload.version}\n".encode()


def wheel_bytes(upload: Upload) -> bytes:
    """A wheel that installs one empty module: only its metadata matters to a resolver."""
    dist_info = f"{upload.name.replace('-', '_')}-{upload.version}.dist-info"
    files = {
        f"{upload.name.replace('-', '_')}.py": "",
        f"{dist_info}/METADATA": core_metadata(upload).decode(),
        f"{dist_info}/WHEEL": "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(f"{path},,\n" for path in [*files, f"{dist_info}/RECORD"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        for path, text in {**files, f"{dist_info}/RECORD": record}.items():
            # A fixed date: the same release is the same bytes, whenever it is served.
            wheel.writestr(zipfile.ZipInfo(path, date_time=(2000, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PackageIndex:
    """The releases on offer; a test may replace them while the index serves, as time passing would."""

    def __init__(self, uploads: list[Upload]) -> None:
        self.uploads = uploads
        self.url = ""

    def file(self, filename: str) -> bytes | None:
        for upload in self.uploads:
            if filename == upload.filename:
                return wheel_bytes(upload)
            if filename == f"{upload.filename}.metadata":
                return core_metadata(upload)
        return None

    def project_page(self, name: str) -> dict[str, object] | None:
        releases = [upload for upload in self.uploads if upload.name == name]
        if not releases:
            return None
        return {
            "meta": {"api-version": "1.1"},
            "name": name,
            "versions": [upload.version for upload in releases],
            "files": [
                {
                    "filename": upload.filename,
                    "url": f"/files/{upload.filename}",
                    "hashes": {"sha256": sha256(wheel_bytes(upload))},
                    **({"upload-time": upload.uploaded.isoformat().replace("+00:00", "Z")} if upload.uploaded else {}),
                    # PEP 658: the resolver reads the metadata alone, never the wheel.
                    "core-metadata": {"sha256": sha256(core_metadata(upload))},
                }
                for upload in releases
            ],
        }


class _Handler(BaseHTTPRequestHandler):
    def __init__(self, index: PackageIndex, *args: object) -> None:
        self.index = index
        super().__init__(*args)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        kind, _, name = self.path.split("?")[0].strip("/").partition("/")
        if kind == "files" and (body := self.index.file(name)) is not None:
            self._send(body, "application/octet-stream")
        elif kind == "simple" and (page := self.index.project_page(name.strip("/"))) is not None:
            self._send(json.dumps(page).encode(), JSON_SIMPLE)
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: uv's own output says what it fetched."""


@contextmanager
def serving_index(uploads: list[Upload]) -> Iterator[PackageIndex]:
    """Serve `uploads` on 127.0.0.1; the index's `url` is the simple API's, for UV_DEFAULT_INDEX."""
    index = PackageIndex(uploads)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, index))
    index.url = f"http://127.0.0.1:{server.server_address[1]}/simple"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield index
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def write_project(directory: Path, dependencies: list[str], tool_uv_table: str) -> Path:
    """A minimal uv project (no build system: nothing to build) that depends on `dependencies`."""
    directory.mkdir(parents=True, exist_ok=True)
    requirements = ", ".join(json.dumps(dependency) for dependency in dependencies)
    (directory / "pyproject.toml").write_text(
        f'[project]\nname = "cooldown-probe"\nversion = "0"\nrequires-python = ">=3.11"\n'
        f"dependencies = [{requirements}]\n\n{tool_uv_table}"
    )
    return directory
