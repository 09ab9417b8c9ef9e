"""Real app servers for tests: gunicorn processes (DJANGO_DEBUG=0) on free loopback ports,
a browser of just enough to drive them, and `manage.py` in their environment."""

import contextlib
import http.cookiejar
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from pathlib import Path

from tests.redis_support import REDIS_TEST_URL

ROOT = Path(__file__).resolve().parent.parent


def app_env(tmp_path: Path, redis_prefix: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        {
            # Local-only values for throwaway servers on 127.0.0.1 over plain http.
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
            "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        }
    )
    if redis_prefix:
        env["REDIS_URL"] = REDIS_TEST_URL
        env["DJANGO_CACHE_PREFIX"] = redis_prefix
    else:
        env["DJANGO_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of a browser: cookies, redirects, no exceptions for 4xx/5xx."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, data=None):
        status, url, _headers, text = self.exchange(path, data)
        return status, url, text

    def exchange(self, path, data=None, timeout=30):
        """(status, final address, headers, text) of a request."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=timeout) as response:
                return response.status, response.url, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.url, error.headers, error.read().decode()

    def page(self, path) -> str:
        status, _, text = self.request(path)
        assert status == HTTPStatus.OK, (path, status, text[:500])
        return text


@contextlib.contextmanager
def app_server(env):
    port = free_port()
    # Its log goes to a file: a pipe nobody reads would fill up and stop the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "stretchsite.wsgi",
             "--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )  # fmt: skip
        browser = Browser(f"http://127.0.0.1:{port}")
        try:
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None, log.seek(0) or log.read().decode()
                with contextlib.suppress(OSError):
                    if browser.request("/healthz")[0] == HTTPStatus.OK:
                        break
                assert time.monotonic() < deadline, "the app server did not start within 30 s"
                time.sleep(0.2)
            yield browser
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
