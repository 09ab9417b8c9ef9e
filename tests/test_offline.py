"""The web app manifest, the service worker and the offline page, as the server sends them."""

import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from exercises import offline

pytestmark = pytest.mark.django_db


def test_pages_link_the_manifest_and_the_worker(client, exercise):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one('link[rel="manifest"]')["href"] == "/manifest.webmanifest"
    assert soup.select_one("script[data-service-worker]")["data-service-worker"] == (
        "/service-worker.js"
    )


def test_manifest_makes_the_site_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] == "en-gb"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])


def test_service_worker_comes_from_the_root_and_is_always_asked_for_again(client):
    response = client.get("/service-worker.js")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    assert '"/offline/"' in script and '"/static/css/site.css"' in script
    assert '"/admin/"' in script  # never stored


def test_worker_version_follows_the_files_it_stores(settings, tmp_path):
    settings.DEBUG = True  # worked out on every request, as in development
    before = offline.worker_version()
    stylesheet = tmp_path / "css" / "site.css"
    stylesheet.parent.mkdir()
    stylesheet.write_text("body { color: red; }")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    try:
        assert offline.worker_version() != before
    finally:
        finders.get_finder.cache_clear()


def test_offline_page_is_a_public_page_that_is_not_indexed(client):
    soup = BeautifulSoup(client.get("/offline/").content, "html.parser")
    assert soup.h1.text == "You are offline"
    assert soup.select_one('meta[name="robots"]')["content"].startswith("noindex")


def test_the_policy_allows_this_sites_worker_and_manifest_only(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy


def test_draft_previews_are_never_stored_and_staff_pages_are_private(client, editor, draft):
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    draft.status = "published"
    draft.save()
    assert "private" in client.get(draft.get_absolute_url())["Cache-Control"]
    client.logout()
    assert "private" not in client.get(draft.get_absolute_url())["Cache-Control"]
