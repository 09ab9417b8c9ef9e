"""Remembered addresses must be the addresses Django would reverse, wherever the site is mounted."""

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
