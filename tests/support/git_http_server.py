"""Git repositories served over HTTP on loopback, behind Basic authentication, as a private git host serves them.

`git http-backend` (git's own smart-HTTP CGI program) answers every request
that carries the expected credentials; any other gets 401, which is what
makes git ask for credentials, or fail when it may not ask.
"""

from __future__ import annotations

import base64
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

USER = "x-access-token"


@dataclass(frozen=True)
class GitHost:
    root: Path  # each repository below it is served at base_url + its path
    base_url: str  # http://127.0.0.1:PORT/
    token: str | None

    def url(self, repository: str) -> str:
        return self.base_url + repository


def basic_credentials(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def handler_for(root: Path, token: str | None) -> type[BaseHTTPRequestHandler]:
    expected = basic_credentials(USER, token) if token else None

    class GitBackend(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.serve()

        def do_POST(self) -> None:
            self.serve()

        def log_message(self, format: str, *args: object) -> None:
            pass  # git's own messages say enough when a test fails

        def serve(self) -> None:
            if expected and self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="template"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            environment = {
                "GIT_PROJECT_ROOT": str(root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "REQUEST_METHOD": self.command,
                "PATH_INFO": url.path,
                "QUERY_STRING": url.query,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(len(body)),
                "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
                "HTTP_GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
                "REMOTE_USER": USER,
                "REMOTE_ADDR": self.client_address[0],
                "PATH": "/usr/bin:/bin",
            }
            cgi = subprocess.run(["git", "http-backend"], input=body, env=environment, capture_output=True)
            head, _, payload = cgi.stdout.partition(b"\r\n\r\n")
            headers = [line.split(":", 1) for line in head.decode().split("\r\n") if ":" in line]
            status = next((int(value.split()[0]) for name, value in headers if name.lower() == "status"), 200)
            self.send_response(status)
            for name, value in headers:
                if name.lower() != "status":
                    self.send_header(name, value.strip())
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return GitBackend


@contextmanager
def serve_git(root: Path, token: str | None = None) -> Iterator[GitHost]:
    """Serve the repositories under `root` on 127.0.0.1 until the block ends; only to `token`, if given."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(root, token))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield GitHost(root, f"http://127.0.0.1:{server.server_address[1]}/", token)
    finally:
        server.shutdown()
        server.server_close()
