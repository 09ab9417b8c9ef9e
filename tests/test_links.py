"""Remembered addresses must be the addresses Django would reverse, wherever the site is mounted."""

import pytest
from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix

from exercises.links import reverse_url


def test_remembered_address_matches_django_reverse():
    assert reverse_url("exercises:detail", slug="cat-cow") == reverse(
        "exercises:detail", kwargs={"slug": "cat-cow"}
    )
    assert reverse_url("exercises:home") == "/"


def test_a_site_mounted_under_a_prefix_gets_prefixed_addresses():
    assert reverse_url("exercises:list") == "/exercises/"
    set_script_prefix("/guides/")
    try:
        assert reverse_url("exercises:list") == "/guides/exercises/"
    finally:
        set_script_prefix("/")
    assert reverse_url("exercises:list") == "/exercises/"


def robots_txt(script_name: str) -> str:
    """/robots.txt through the WSGI entry point, as a server mounting the site would ask."""
    environ = RequestFactory().get("/robots.txt").environ
    environ["SCRIPT_NAME"] = script_name
    statuses = []
    body = b"".join(get_wsgi_application()(environ, lambda status, _: statuses.append(status)))
    assert statuses == ["200 OK"]
    return body.decode()


# Through the whole WSGI handler, whose request signals check the database connection.
@pytest.mark.django_db
def test_each_request_links_under_its_own_mount_prefix():
    assert "Sitemap: http://testserver/sitemap.xml" in robots_txt("")
    assert "Sitemap: http://testserver/guides/sitemap.xml" in robots_txt("/guides")
    assert "Sitemap: http://testserver/sitemap.xml" in robots_txt("")
    # Outside a request, the prefix the last request used is not kept.
    set_script_prefix("/")
    assert reverse_url("exercises:list") == "/exercises/"
