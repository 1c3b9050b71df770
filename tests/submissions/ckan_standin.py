"""A local stand-in for the data.overheid.nl CKAN action API, for tests only.

Serves recorded JSON answers from `ckan_recordings/`:
- /api/3/action/package_show?id=NAME  -> package_show/NAME.json (or the CKAN 404 answer)
- /api/3/action/package_search?q=TEXT -> package_search/<TEXT, lowercased, spaces as ->.json
  (or an empty result)

`server.mode` makes it misbehave like a real catalogue can: "ok", "timeout" (answers after
`slow_seconds`), "error500", "garbage" (an HTML error page with status 200), "wrong_shape"
(valid JSON that is not a CKAN answer). `server.requests` counts requests (to prove caching).
"""

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RECORDINGS = Path(__file__).parent / "ckan_recordings"
NOT_FOUND = {
    "help": "https://data.overheid.nl/data/api/3/action/help_show?name=package_show",
    "success": False,
    "error": {"message": "Not found", "__type": "Not Found Error"},
}


class _Handler(BaseHTTPRequestHandler):
    server: "CkanStandIn"

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        return

    def _send(self, status: int, body: bytes, content_type: str = "application/json;charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # A client that gave up (timeout mode) is the point of that mode.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server API
        self.server.requests += 1
        self.server.paths.append(self.path)
        mode = self.server.mode
        if mode == "timeout":
            time.sleep(self.server.slow_seconds)
        elif mode == "error500":
            return self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        elif mode == "garbage":
            return self._send(200, b"<html><body>Onderhoud</body></html>", "text/html")
        elif mode == "wrong_shape":
            return self._send(200, json.dumps({"results": "nope"}).encode())
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.endswith("/api/3/action/package_show"):
            name = re.sub(r"[^a-z0-9_-]", "", (query.get("id") or [""])[0].lower())
            path = RECORDINGS / "package_show" / f"{name}.json"
            if name and path.exists():
                return self._send(200, path.read_bytes())
            return self._send(404, json.dumps(NOT_FOUND).encode())
        if parts.path.endswith("/api/3/action/package_search"):
            text = (query.get("q") or [""])[0].lower().strip()
            slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
            path = RECORDINGS / "package_search" / f"{slug}.json"
            if slug and path.exists():
                return self._send(200, path.read_bytes())
            empty = {"success": True, "result": {"count": 0, "results": [], "facets": {}}}
            return self._send(200, json.dumps(empty).encode())
        return self._send(404, b"{}")


class CkanStandIn(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = "ok"
        self.slow_seconds = 2.0
        self.requests = 0
        self.paths: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def handle_error(self, request, client_address):
        return  # a client that hung up is expected in timeout mode

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/data"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
