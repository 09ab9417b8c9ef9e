"""After an edit commits, the shared caches in front drop exactly the responses that show
what changed; a cache that fails or hangs never fails or holds up the save for long.

A local HTTP server stands in for Varnish (tests/purge_support.py). "Dropped" below means: the
response's tags (its xkey header) meet the tags the edit purged, as in Varnish.
"""

import logging
import socket
import time
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from exercises.models import Exercise, Faq, Muscle, Synonym
from exercises.purge import delivery
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise
from tests.purge_support import recorder

pytestmark = pytest.mark.django_db


@pytest.fixture
def varnish(settings):
    """The stand-in Varnish, purged after every commit."""
    with recorder() as server:
        settings.PURGE_URLS = [server.url + "/"]
        settings.PURGE_REPEAT_SECONDS = 0
        settings.PURGE_TIMEOUT_SECONDS = 2
        yield server


@pytest.fixture
def quick_retries(monkeypatch, settings):
    monkeypatch.setattr(delivery, "FIRST_RETRY_PAUSE_SECONDS", 0.01)
    settings.PURGE_RETRIES = 2


@pytest.fixture
def purged(varnish, django_capture_on_commit_callbacks):
    """purged(change) -> the tags the change purged once its transaction committed."""

    def run(change) -> set[str]:
        delivery.pending.take()  # forget the tags of the test's own set-up
        varnish.received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return set().union(*(request.xkeys for request in varnish.received))

    return run


def tags_of(client, urls) -> dict[str, set[str]]:
    return {url: set(client.get(url).get("xkey", "").split()) for url in urls}


def dropped(pages: dict[str, set[str]], tags: set[str]) -> set[str]:
    return {url for url, shown in pages.items() if shown & tags}


@pytest.fixture
def three(db):
    """A, B, and C, whose page lists A under Related. B works other muscles, so neither
    page suggests the other to try instead."""
    a = make_exercise("Alpha Stretch")
    b = make_exercise("Beta Stretch")
    b.primary_muscles.set([Muscle.objects.create(name="Soleus")])
    b.secondary_muscles.clear()
    c = make_exercise("Gamma Stretch")
    c.related.add(a)
    return a, b, c


def pages_of(a, b, c) -> list[str]:
    return [
        a.get_absolute_url(),
        f"/api/exercises/{a.slug}/",
        b.get_absolute_url(),
        c.get_absolute_url(),
        "/",
        "/exercises/",
        "/api/exercises/",
        "/sitemap.xml",
        "/search/?q=question",
    ]


def test_an_edit_drops_the_pages_that_show_the_exercise_and_keeps_the_others(client, three, purged):
    a, b, c = three
    pages = tags_of(client, pages_of(a, b, c))

    def rename():
        a.name = "Alpha Stretch, renamed"
        a.save()

    assert dropped(pages, purged(rename)) == {
        a.get_absolute_url(),
        f"/api/exercises/{a.slug}/",
        c.get_absolute_url(),  # shows A's name under Related
        "/",
        "/exercises/",
        "/api/exercises/",
        "/sitemap.xml",
        "/search/?q=question",
    }
    assert b"Alpha Stretch, renamed" in client.get(c.get_absolute_url()).content


def test_a_section_row_edit_drops_its_exercise_and_searches_only(client, three, purged):
    a, b, c = three
    pages = tags_of(client, pages_of(a, b, c))

    def reword():
        faq = Faq.objects.get(exercise=a)
        faq.answer = "A new answer."
        faq.save()

    assert dropped(pages, purged(reword)) == {
        a.get_absolute_url(),
        f"/api/exercises/{a.slug}/",
        c.get_absolute_url(),
        "/search/?q=question",
    }


def test_renaming_a_muscle_drops_every_page_that_names_it(client, three, purged):
    a, b, c = three
    b.primary_muscles.clear()
    b.secondary_muscles.clear()
    pages = tags_of(client, pages_of(a, b, c))

    def rename():
        muscle = Muscle.objects.get(name="Rhomboids")
        muscle.name = "Rhomboid major"
        muscle.save()

    gone = dropped(pages, purged(rename))
    assert {a.get_absolute_url(), c.get_absolute_url(), "/exercises/"} <= gone
    assert b.get_absolute_url() not in gone  # B does not work the rhomboids


def test_publishing_a_draft_drops_the_pages_that_link_to_it(client, three, purged):
    a, b, c = three
    draft = make_exercise("Delta Draft", status="draft")
    a.related.add(draft)
    pages = tags_of(client, pages_of(a, b, c))
    assert b"Delta Draft" not in client.get(a.get_absolute_url()).content

    def publish():
        draft.status = "published"
        draft.save()

    gone = dropped(pages, purged(publish))
    assert a.get_absolute_url() in gone and b.get_absolute_url() not in gone
    assert b"Delta Draft" in client.get(a.get_absolute_url()).content


def test_linking_and_unlinking_drop_the_pages_on_both_ends(client, three, purged):
    a, b, c = three
    pages = tags_of(client, pages_of(a, b, c))
    gone = dropped(pages, purged(lambda: b.related.add(a)))
    assert {a.get_absolute_url(), b.get_absolute_url()} <= gone

    pages = tags_of(client, pages_of(a, b, c))
    gone = dropped(pages, purged(lambda: c.related.clear()))
    assert {a.get_absolute_url(), c.get_absolute_url()} <= gone
    related = BeautifulSoup(client.get(c.get_absolute_url()).content, "html.parser")
    assert "Alpha Stretch" not in [a.text for a in related.select("#related-title + ul a")]


def test_a_new_synonym_drops_searches_only(client, three, purged):
    pages = tags_of(client, pages_of(*three))
    gone = dropped(pages, purged(lambda: Synonym.objects.create(terms="lumbar, lower back")))
    assert gone == {"/search/?q=question"}


def test_one_admin_save_sends_one_purge_after_the_commit(
    editor, exercise, varnish, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(editor)
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = form_data(client.get(url))
    data["name"] = "Renamed In The Admin"
    data["faqs-0-question"] = "A reworded question?"
    delivery.pending.take()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, data)
        assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
        assert varnish.received == [], "purged before the commit"
    assert callbacks
    assert len(varnish.received) == 1
    assert {f"exercise-{exercise.pk}", "lists", "search"} <= varnish.received[0].xkeys


def test_a_failed_purge_is_logged_and_tried_again(exercise, varnish, purged, quick_retries, caplog):
    varnish.answers = [(503, b"busy"), (500, b"oops")]
    with caplog.at_level(logging.WARNING, logger="exercises.purge"):
        purged(exercise.save)
        received = varnish.wait_for(3)
    assert [request.xkeys for request in received] == [received[0].xkeys] * 3
    assert f"exercise-{exercise.pk}" in received[0].xkeys
    retries = [line for line in caplog.text.splitlines() if varnish.url in line]
    assert sum("trying again" in line for line in retries) == 2


def test_a_purge_that_keeps_failing_is_given_up_and_logged(
    exercise, varnish, purged, quick_retries, caplog
):
    varnish.answers = [(503, b"down")] * 3
    with caplog.at_level(logging.WARNING, logger="exercises.purge"):
        purged(exercise.save)
        varnish.wait_for(3)
        deadline = time.monotonic() + 5
        while f"{varnish.url}/ after" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.01)
    gave_up = [line for line in caplog.text.splitlines() if "Gave up purging" in line]
    assert any(varnish.url in line and "purge_http_cache" in line for line in gave_up)


def test_a_cache_that_does_not_answer_holds_a_save_up_for_the_timeout_at_most(
    editor, exercise, settings, quick_retries, django_capture_on_commit_callbacks
):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.PURGE_URLS = [f"http://127.0.0.1:{silent.getsockname()[1]}/"]
        settings.PURGE_TIMEOUT_SECONDS = 0.5
        client = Client()
        client.force_login(editor)
        url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
        data = form_data(client.get(url))
        for name in ("Saved While Varnish Hangs", "Saved Again"):
            data["name"] = name
            with django_capture_on_commit_callbacks() as after_commit:
                response = client.post(url, data)
            started = time.monotonic()
            for callback in after_commit:  # what the save does once committed
                callback()
            # At most the timeout (the first save), nothing while it is failing (the second).
            assert time.monotonic() - started < settings.PURGE_TIMEOUT_SECONDS + 0.5
            assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
            assert Exercise.objects.get(pk=exercise.pk).name == name
            data = form_data(client.get(url))  # the next save starts from a fresh form
    # Meanwhile the purge is tried again in the background, and given up.
    deadline = time.monotonic() + 10
    while delivery.Senders.busy() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not delivery.Senders.busy()


def test_purges_go_out_once_more_a_little_later(exercise, varnish, purged, settings):
    settings.PURGE_REPEAT_SECONDS = 0.2
    tags = purged(exercise.save)
    received = varnish.wait_for(2)
    assert [request.xkeys for request in received] == [tags, tags]


def test_purge_http_cache_drops_everything_or_the_tags_given(varnish):
    call_command("purge_http_cache", stdout=None)
    call_command("purge_http_cache", "lists", "exercise-7", stdout=None)
    assert [request.method for request in varnish.received] == ["BAN", "PURGE"]
    assert varnish.received[1].xkeys == {"lists", "exercise-7"}


def test_purge_http_cache_fails_loudly_when_a_cache_refuses(varnish, quick_retries):
    varnish.answers = [(403, b"Forbidden")] * 3
    with pytest.raises(CommandError, match="Varnish at"):
        call_command("purge_http_cache", stdout=None)
    assert len(varnish.received) == 3


@pytest.mark.django_db(transaction=True)
def test_a_purge_that_breaks_unexpectedly_never_fails_the_save(varnish, monkeypatch, caplog):
    def broken():
        raise RuntimeError("a bug in sending purges")

    monkeypatch.setattr(delivery, "caches", broken)
    with transaction.atomic():
        exercise = make_exercise("Saved Despite A Broken Purge")
    assert Exercise.objects.get(pk=exercise.pk).name == "Saved Despite A Broken Purge"
    assert "a bug in sending purges" in caplog.text
