"""/healthz tells a load balancer whether this app server can serve pages."""

import threading
import time
from http import HTTPStatus

import pytest
from django.db import OperationalError, connections
from django.urls import reverse

from exercises import health

pytestmark = pytest.mark.django_db

URL = reverse("healthz")


def test_healthy_when_the_database_answers(client):
    response = client.get(URL)
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_unavailable_when_the_database_is_unreachable(client, monkeypatch, caplog):
    assert client.get(URL).status_code == HTTPStatus.OK  # a cached 200 must not hide an outage

    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    # The check asks on a connection of its own: every connection refuses.
    monkeypatch.setattr(type(connections["default"]), "cursor", unreachable)
    response = client.get(URL)
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "unavailable", "database": "unreachable", "cache": "ok"}
    assert "the database is unreachable" in caplog.text


def test_an_unreachable_cache_is_reported_but_the_server_stays_in_service(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    response = client.get(URL)
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unreachable"}


def test_never_cached(client):
    cache_control = client.get(URL)["Cache-Control"]
    assert "no-store" in cache_control
    assert "max-age=0" in cache_control


def test_answers_head_and_refuses_writes(client):
    assert client.head(URL).status_code == HTTPStatus.OK
    assert client.post(URL).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_database_that_hangs_is_reported_within_two_seconds(client, monkeypatch):
    released = threading.Event()

    def hangs(*args, **kwargs):
        released.wait(10)
        raise OperationalError("the server did not answer")

    monkeypatch.setattr(type(connections["default"]), "cursor", hangs)
    try:
        started = time.monotonic()
        response = client.get(URL)
        assert time.monotonic() - started < 2
        assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert response.json()["database"] == "unreachable"
        # While that probe still waits, the next checks answer at once, without piling up.
        started = time.monotonic()
        assert client.get(URL).status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert time.monotonic() - started < health.DATABASE_WAIT_SECONDS
    finally:
        released.set()
