"""The site keeps answering when its services fail: a Redis that hangs, a database that
does not answer. The services here are real processes of our own, frozen with SIGSTOP the
way a hung server behaves (connections stay open; nothing comes back)."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from http import HTTPStatus

import pytest

from exercises.cache import breaker

pytestmark = pytest.mark.django_db

REDIS_TIMEOUT = 0.25


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def test_a_frozen_redis_is_left_alone_after_a_few_failures(client, exercise, frozen_redis):
    url = exercise.get_absolute_url()
    for _ in range(breaker.fail_max):  # each waits for Redis once
        assert client.get(url).status_code == HTTPStatus.OK
    assert breaker.current_state == "open", "the process still asks the frozen Redis"
    started = time.monotonic()
    for _ in range(10):
        assert client.get(url).status_code == HTTPStatus.OK
    # Ten pages while paused cost less than a single wait for Redis would.
    assert time.monotonic() - started < REDIS_TIMEOUT * 4


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
