"""A local HTTP server standing in for a cache's purge interface (Varnish, Cloudflare's or
Fastly's API): it records every request and gives the answers a test lines up."""

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def xkeys(self) -> set[str]:
        return set(self.headers.get("xkey-purge", "").split())


class Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.received: list[Received] = []
        self.answers: list[tuple[int, bytes]] = []  # in order; then 200 and a success
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def wait_for(self, count: int, seconds: float = 10) -> list[Received]:
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.received


class Handler(BaseHTTPRequestHandler):
    def answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        server = self.server
        with server.lock:
            server.received.append(Received(self.command, self.path, headers, body))
            status, text = server.answers.pop(0) if server.answers else (200, b"")
        text = text or json.dumps({"success": True, "result": {"id": "x"}}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)

    do_POST = do_PURGE = do_BAN = answer

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def recorder():
    server = Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
