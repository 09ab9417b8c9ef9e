"""Real app servers for tests: gunicorn processes (DJANGO_DEBUG=0) on free loopback ports,
a browser of just enough to drive them and the admin, `manage.py` in their environment, and
scratch PostgreSQL databases for them to share."""

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
from types import SimpleNamespace

import pytest

from tests.admin_forms import form_data
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


def prepare_site(env) -> str:
    """Migrate the app servers' database, load the demo content and collect the static files
    (unless DJANGO_STATIC_ROOT already holds them); returns the password of a new superuser,
    `ops`."""
    collectstatic = None
    if not (Path(env["DJANGO_STATIC_ROOT"]) / "staticfiles.json").exists():
        # With DEBUG off: hashed, compressed files. The slow part: run it meanwhile.
        collectstatic = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
        )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    password = secrets.token_urlsafe(16)
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('ops', 'ops@example.com', {password!r})",
    )
    if collectstatic is not None:
        assert collectstatic.wait(timeout=180) == 0, collectstatic.stderr.read().decode()
    return password


def exercise_pks(env) -> dict[str, str]:
    """Every exercise's primary key (for admin addresses), by slug."""
    output = manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from exercises.models import Exercise\n"
        "for slug, pk in Exercise.objects.values_list('slug', 'pk'): print(slug, pk)",
    )
    return dict(line.split() for line in output.splitlines() if line.strip())


# The local PostgreSQL server on which tests create scratch databases of their own.
POSTGRES = os.environ.get("FROZEN_DB_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")


@contextlib.contextmanager
def scratch_postgres(prefix: str):
    """A new database on the local PostgreSQL (its name), dropped afterwards. Without
    PostgreSQL the test skips, except under CI, where it fails."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES}: {error}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield name
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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


def csrf_token(browser: Browser) -> str:
    return next(cookie.value for cookie in browser.cookies if cookie.name == "csrftoken")


def log_in_to_admin(browser: Browser, username: str, password: str) -> None:
    browser.page("/admin/login/")
    token = csrf_token(browser)
    status, url, text = browser.request(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/",
         "csrfmiddlewaretoken": token},
    )  # fmt: skip
    assert status == HTTPStatus.OK and urllib.parse.urlsplit(url).path == "/admin/", text[:500]


def save_in_admin(browser: Browser, change_path: str, **changes) -> None:
    data = form_data(SimpleNamespace(content=browser.page(change_path).encode()))
    data.update(changes)
    status, url, text = browser.request(change_path, data)
    # Success redirects to the change list; a form error re-renders the change form.
    assert status == HTTPStatus.OK and urllib.parse.urlsplit(url).path != change_path, text[:2000]


def run_admin_action(browser: Browser, action: str, exercise_pks: list[str]) -> None:
    """Run an action of the exercise list (publish, unpublish) on these exercises."""
    status, _, text = browser.request(
        "/admin/exercises/exercise/",
        {"action": action, "_selected_action": exercise_pks,
         "csrfmiddlewaretoken": csrf_token(browser)},
    )  # fmt: skip
    assert status == HTTPStatus.OK, text[:500]


@contextlib.contextmanager
def app_server(env, port: int | None = None):
    port = port or free_port()
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
