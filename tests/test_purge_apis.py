"""The purge requests each kind of cache gets, against a local HTTP server standing in for
Varnish, Cloudflare's API and Fastly's API: shape, authentication, batches, retries."""

import pytest

from exercises.purge import caches, delivery, purge_with_retries, send_purges
from tests.purge_support import recorder

TAGS = ["exercise-12", "lists", "search"]


@pytest.fixture
def api(settings, monkeypatch):
    monkeypatch.setattr(delivery, "FIRST_RETRY_PAUSE_SECONDS", 0.01)
    settings.PURGE_RETRIES = 2
    with recorder() as server:
        yield server


@pytest.fixture
def cloudflare(api, settings):
    settings.PURGE_CLOUDFLARE_ZONE = "zone-1234"
    settings.PURGE_CLOUDFLARE_TOKEN = "cf-token"
    settings.PURGE_CLOUDFLARE_API = api.url + "/client/v4"
    (cache,) = caches()
    return cache


@pytest.fixture
def fastly(api, settings):
    settings.PURGE_FASTLY_SERVICE = "SU1Z0isxPaozGVKXdv0eY"
    settings.PURGE_FASTLY_TOKEN = "fastly-token"
    settings.PURGE_FASTLY_API = api.url
    (cache,) = caches()
    return cache


@pytest.fixture
def varnish(api, settings):
    settings.PURGE_URLS = [api.url + "/"]
    (cache,) = caches()
    return cache


def test_cloudflare_is_asked_by_tag_with_the_api_token(api, cloudflare):
    assert purge_with_retries(cloudflare, TAGS)
    (request,) = api.received
    assert (request.method, request.path) == ("POST", "/client/v4/zones/zone-1234/purge_cache")
    assert request.headers["authorization"] == "Bearer cf-token"
    assert request.headers["content-type"] == "application/json"
    assert request.json == {"tags": TAGS}


def test_cloudflare_gets_at_most_a_hundred_tags_a_call(api, cloudflare):
    tags = [f"exercise-{n}" for n in range(150)]
    assert purge_with_retries(cloudflare, tags)
    assert [len(request.json["tags"]) for request in api.received] == [100, 50]


def test_cloudflare_purges_everything(api, cloudflare):
    assert purge_with_retries(cloudflare, None)
    assert api.received[0].json == {"purge_everything": True}


def test_cloudflare_saying_it_failed_is_a_failure_and_tried_again(api, cloudflare):
    refused = b'{"success": false, "errors": [{"code": 1134, "message": "Rate limited"}]}'
    api.answers = [(200, refused), (429, b"{}")]
    assert purge_with_retries(cloudflare, TAGS)
    assert len(api.received) == 3
    assert api.received[2].json == api.received[0].json


def test_fastly_is_asked_by_surrogate_key_with_the_api_token(api, fastly):
    assert purge_with_retries(fastly, TAGS)
    (request,) = api.received
    assert (request.method, request.path) == ("POST", "/service/SU1Z0isxPaozGVKXdv0eY/purge")
    assert request.headers["fastly-key"] == "fastly-token"
    assert request.json == {"surrogate_keys": TAGS}


def test_fastly_purges_everything(api, fastly):
    assert purge_with_retries(fastly, None)
    (request,) = api.received
    assert request.path == "/service/SU1Z0isxPaozGVKXdv0eY/purge_all"
    assert request.headers["fastly-key"] == "fastly-token"


def test_fastly_failing_is_tried_again_and_then_given_up(api, fastly):
    api.answers = [(500, b"")] * 3
    assert not purge_with_retries(fastly, TAGS)
    assert len(api.received) == 3


def test_varnish_gets_purge_with_the_tags_and_ban_for_everything(api, varnish):
    assert purge_with_retries(varnish, TAGS)
    assert purge_with_retries(varnish, None)
    purge, ban = api.received
    assert (purge.method, purge.path, purge.xkeys) == ("PURGE", "/", set(TAGS))
    assert (ban.method, ban.path) == ("BAN", "/")


def test_every_configured_cache_is_purged_in_the_background(api, settings):
    settings.PURGE_URLS = [api.url + "/varnish-1", api.url + "/varnish-2"]
    settings.PURGE_FASTLY_SERVICE, settings.PURGE_FASTLY_TOKEN = "svc", "token"
    settings.PURGE_FASTLY_API = api.url
    api.answers = [(503, b"")]  # whichever comes first fails once
    send_purges({"lists"}, wait=2)
    received = api.wait_for(4)
    assert sorted(request.path for request in received) == sorted(
        ["/varnish-1", "/varnish-2", "/service/svc/purge", received[0].path]
    )
