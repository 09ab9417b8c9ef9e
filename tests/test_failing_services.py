"""The site keeps answering when its services fail: a Redis that hangs, a database that
does not answer. The services here are real processes of our own, frozen with SIGSTOP the
way a hung server behaves (connections stay open; nothing comes back)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.db import OperationalError, ProgrammingError, connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exercises.availability import ReaderPause
from exercises.cache import breaker
from tests.app_servers import (
    POSTGRES,
    ROOT,
    app_env,
    app_server,
    free_port,
    manage,
    scratch_postgres,
)

pytestmark = pytest.mark.django_db

REDIS_TIMEOUT = 0.25


@pytest.fixture
def redis_process(tmp_path):
    """A Redis server of this test's own, on a free port."""
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed")
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            break
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGCONT)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def frozen_redis(settings, redis_process):
    process, url = redis_process
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
    from django.core.cache import cache

    cache.set("warm", 1)  # a pooled connection exists before the freeze, as in production
    os.kill(process.pid, signal.SIGSTOP)
    yield process


def test_a_frozen_redis_is_left_alone_after_a_few_failures(
    client, exercise, frozen_redis, monkeypatch
):
    url = exercise.get_absolute_url()
    for _ in range(breaker.fail_max):  # each waits for Redis once
        assert client.get(url).status_code == HTTPStatus.OK
    assert breaker.current_state == "open", "the process still asks the frozen Redis"
    asked = []
    backend = type(caches["default"])
    for method in ("get", "set", "add", "incr"):
        real = getattr(backend, method)
        monkeypatch.setattr(
            backend, method, lambda *a, real=real, **k: asked.append(a) or real(*a, **k)
        )
    for _ in range(10):
        assert client.get(url).status_code == HTTPStatus.OK
    assert asked == [], "pages waited for the frozen Redis while the process paused"


def test_healthz_says_the_cache_is_down_within_a_second(client, frozen_redis):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 1
    assert response.status_code == HTTPStatus.OK  # the database answers: keep serving
    assert response.json()["cache"] == "unreachable"


def test_the_cache_is_used_again_once_redis_answers(client, exercise, frozen_redis):
    url = exercise.get_absolute_url()
    for _ in range(breaker.fail_max):
        client.get(url)
    assert breaker.current_state == "open"
    os.kill(frozen_redis.pid, signal.SIGCONT)
    breaker.half_open()  # as after the pause
    client.get(url)
    assert breaker.current_state == "closed"
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/healthz").json()["cache"] == "ok"


# ---- The database ------------------------------------------------------------------------


@pytest.fixture
def reader():
    """A browser: errors come back as the page a reader would see, not as exceptions."""
    return Client(raise_request_exception=False)


def database_refuses(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(type(connections["default"]), "cursor", refuse)


def test_readers_get_a_plain_503_page_while_the_database_is_away(reader, exercise, monkeypatch):
    cached = reader.get("/")
    database_refuses(monkeypatch)
    response = reader.get(exercise.get_absolute_url())
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    assert "back in a moment" in response.content.decode()
    # Cached pages are still served.
    assert reader.get("/").content == cached.content


def test_after_a_failure_readers_are_answered_at_once_for_a_pause(reader, exercise, monkeypatch):
    database_refuses(monkeypatch)
    assert reader.get(exercise.get_absolute_url()).status_code == 503
    monkeypatch.undo()  # the database is back, but this process pauses before asking again
    with CaptureQueriesContext(connection) as queries:
        assert reader.get("/exercises/").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert len(queries) == 0
    ReaderPause.end()
    assert reader.get("/exercises/").status_code == HTTPStatus.OK


def test_a_database_that_hangs_gives_readers_the_503_page_at_the_deadline(
    reader, exercise, monkeypatch, settings
):
    settings.READER_DEADLINE_SECONDS = 0.5
    real_cursor = type(connections["default"]).cursor

    def hangs(self, *args, **kwargs):
        time.sleep(5)
        return real_cursor(self, *args, **kwargs)

    monkeypatch.setattr(type(connections["default"]), "cursor", hangs)
    started = time.monotonic()
    response = reader.get(exercise.get_absolute_url())
    assert time.monotonic() - started < 2
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE


def test_editors_in_the_admin_are_not_given_the_readers_deadline(client, editor, settings):
    settings.READER_DEADLINE_SECONDS = 0.001
    client.force_login(editor)
    assert client.get("/admin/exercises/exercise/").status_code == HTTPStatus.OK


def test_a_query_error_is_still_a_500_not_an_outage(reader, exercise, monkeypatch):
    def broken(*args, **kwargs):
        raise ProgrammingError('relation "exercises_exercise" does not exist')

    monkeypatch.setattr(type(connections["default"]), "cursor", broken)
    assert reader.get(exercise.get_absolute_url()).status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert not ReaderPause.is_on()


@pytest.fixture
def scratch_database():
    """A database of the test's own on the local PostgreSQL (its name)."""
    with scratch_postgres("stretchsite_frozen") as name:
        yield name


def test_a_frozen_postgresql_gives_503s_within_seconds_and_cached_pages_stay_up(
    tmp_path, scratch_database
):
    name, port = scratch_database, int(POSTGRES.rsplit(":", 1)[1])
    env = app_env(tmp_path, redis_prefix=None)
    env["DATABASE_URL"] = f"{POSTGRES}/{name}"
    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
    )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    assert collectstatic.wait(timeout=180) == 0

    relay_port = free_port()
    relay = subprocess.Popen([sys.executable, str(ROOT / "tests" / "relay.py"),
                              str(relay_port), str(port)])  # fmt: skip
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{relay_port}/{name}",
        DJANGO_READER_DEADLINE_SECONDS="2",
        DJANGO_DB_CONNECT_TIMEOUT="2",
        DJANGO_DB_PAUSE_SECONDS="3",
    )
    try:
        with app_server(env) as server:
            cached = server.page("/exercises/cat-cow/")  # now in the page cache
            os.kill(relay.pid, signal.SIGSTOP)

            started = time.monotonic()
            status, _, _, body = server.exchange("/healthz", timeout=10)
            assert time.monotonic() - started < 2.5
            assert status == HTTPStatus.SERVICE_UNAVAILABLE and '"unreachable"' in body

            assert server.page("/exercises/cat-cow/") == cached

            started = time.monotonic()
            status, _, headers, body = server.exchange("/exercises/", timeout=20)
            assert time.monotonic() - started < 5
            assert status == HTTPStatus.SERVICE_UNAVAILABLE
            assert headers["Retry-After"] and "back in a moment" in body
            started = time.monotonic()
            assert server.exchange("/body-parts/back/", timeout=20)[0] == 503
            assert time.monotonic() - started < 1, "the second reader waited again"

            os.kill(relay.pid, signal.SIGCONT)
            time.sleep(3)  # the pause
            deadline = time.monotonic() + 15
            while server.exchange("/exercises/", timeout=20)[0] != HTTPStatus.OK:
                assert time.monotonic() < deadline, "the site did not come back"
                time.sleep(0.5)
            assert server.exchange("/healthz")[0] == HTTPStatus.OK
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(relay.pid, signal.SIGCONT)
        relay.terminate()
        relay.wait(timeout=10)
