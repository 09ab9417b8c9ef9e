"""Readers' searches are recorded for editors, with nothing about the reader, and
recording never gets in a search's way."""

import logging
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from exercises.models import SearchRecord
from tests.search.helpers import PAGE, soup

pytestmark = pytest.mark.django_db

RECORD = reverse("search:record")


def test_a_search_is_recorded_normalised_and_without_personal_data(client):
    response = client.post(
        RECORD,
        {"q": "  Knee PAIN? ", "results": "3", "opened": "17"},
        HTTP_USER_AGENT="Firefox",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == HTTPStatus.NO_CONTENT
    record = SearchRecord.objects.get()
    assert (record.query, record.results, record.opened_faq_id) == ("knee pain", 3, 17)
    stored = {field.name for field in SearchRecord._meta.get_fields()}
    assert stored == {"id", "query", "results", "opened_faq_id", "searched_at"}
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_the_results_page_tells_its_script_what_to_record(client, demo):
    page = soup(client.get(PAGE, {"q": "hamstrings"}))
    marker = page.select_one("[data-search-record]")
    assert marker["data-query"] == "hamstrings"
    assert int(marker["data-results"]) == len(page.select(".search-hit")) > 0
    assert page.select_one("[data-search-form]")["data-record-url"] == RECORD
    assert all(link.get("data-faq") for link in page.select(".search-hit__question a"))


@pytest.mark.parametrize(
    "data",
    [{}, {"q": "knee"}, {"q": "knee", "results": "many"}, {"q": "x" * 501, "results": "1"},
     {"q": "knee", "results": "-1"}, {"q": "knee", "results": "1", "opened": "first"}],
)  # fmt: skip
def test_bad_reports_are_refused_with_a_message(client, data):
    response = client.post(RECORD, data)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.content
    assert not SearchRecord.objects.exists()


def test_other_sites_cannot_record(client):
    response = client.post(RECORD, {"q": "knee", "results": "1"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not SearchRecord.objects.exists()


def test_only_post_records(client):
    assert client.get(RECORD, {"q": "knee", "results": "1"}).status_code == 405


def test_a_failing_database_is_logged_and_the_reader_notices_nothing(client, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(SearchRecord.objects, "create", refuse)
    with caplog.at_level(logging.WARNING, logger="exercises.search.insights"):
        response = client.post(RECORD, {"q": "knee", "results": "1"})
    assert response.status_code == HTTPStatus.NO_CONTENT
    assert "could not be recorded" in caplog.text


def test_old_records_are_purged_after_the_configured_days(settings):
    settings.SEARCH_INSIGHTS_DAYS = 30
    now = timezone.now()
    SearchRecord.objects.create(query="old", results=1, searched_at=now - timedelta(days=31))
    SearchRecord.objects.create(query="recent", results=1, searched_at=now - timedelta(days=29))
    call_command("purge_search_insights", verbosity=0)
    assert list(SearchRecord.objects.values_list("query", flat=True)) == ["recent"]
