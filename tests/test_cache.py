"""Anonymous pages are cached whole; any edit shows on the very next request."""

import uuid
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises import cache as page_cache
from exercises.models import Muscle, Step, Synonym
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise
from tests.redis_support import REDIS_TEST_URL, redis_or_skip

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/exercises/",
    "/exercises/kneeling-back-stretch/",
    "/body-parts/back/",
    "/muscles/latissimus-dorsi/",
    "/equipment/exercise-mat/",
    "/api/exercises/",
    "/api/exercises/kneeling-back-stretch/",
    "/sitemap.xml",
    "/feed/",
    "/robots.txt",
]


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, exercise, url):
    first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_browsers_are_told_to_check_back_every_time(client, exercise):
    for url in ["/sitemap.xml", "/sitemap.xml", "/feed/", "/feed/", "/api/exercises/"]:
        assert client.get(url)["Cache-Control"] == "max-age=0, must-revalidate", url


def test_query_strings_are_cached_separately(client, exercise):
    client.get("/exercises/")
    response = client.get("/exercises/?difficulty=advanced")
    assert response["X-Page-Cache"] == "miss"
    assert b"No exercises match" in response.content


def test_staff_always_get_a_fresh_page_and_never_fill_the_cache(client, editor_client, exercise):
    url = exercise.get_absolute_url()
    staff_page = editor_client.get(url)
    assert "X-Page-Cache" not in staff_page
    assert b"Edit in admin" in staff_page.content
    anonymous = client.get(url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert b"Edit in admin" not in anonymous.content
    assert "X-Page-Cache" not in editor_client.get(url)


def test_logged_in_readers_are_not_served_cached_pages(client, reader, exercise):
    client.force_login(reader)
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


def test_not_found_pages_are_never_cached(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    draft.status = "published"
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.OK


def test_editors_admin_save_shows_on_the_very_next_anonymous_request(
    client, editor_client, exercise
):
    url = exercise.get_absolute_url()
    assert b"Kneeling Back Stretch" in client.get(url).content
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/exercises/")  # the list is cached too

    data = form_data(editor_client.get(change_url(exercise)))
    data["name"] = "Kneeling Lat Stretch"
    data["faqs-0-question"] = "A reworded question?"
    response = editor_client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)

    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert b"Kneeling Lat Stretch" in page.content
    assert b"A reworded question?" in page.content
    assert b"Kneeling Lat Stretch" in client.get("/exercises/").content
    assert b"Kneeling Lat Stretch" in client.get("/api/exercises/").content


def test_publishing_in_the_admin_shows_on_the_very_next_anonymous_request(
    client, editor_client, draft
):
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert b"Secret Draft Stretch" not in client.get("/").content
    changelist = reverse("admin:exercises_exercise_changelist")
    editor_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.OK
    assert b"Secret Draft Stretch" in client.get("/").content
    assert b"secret-draft-stretch" in client.get("/sitemap.xml").content


def test_unpublishing_hides_the_page_on_the_very_next_request(client, editor_client, exercise):
    assert client.get(exercise.get_absolute_url()).status_code == HTTPStatus.OK
    changelist = reverse("admin:exercises_exercise_changelist")
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [exercise.pk]})
    assert client.get(exercise.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert b"Kneeling Back Stretch" not in client.get("/exercises/").content


def test_child_rows_vocabulary_and_links_all_refresh_the_page(client, exercise):
    url = exercise.get_absolute_url()
    client.get(url)

    faq = exercise.faqs.get()
    faq.question = "Saved through the ORM?"
    faq.save()
    assert b"Saved through the ORM?" in client.get(url).content

    Step.objects.create(exercise=exercise, order=50, text="A brand new step.")
    assert b"A brand new step." in client.get(url).content

    exercise.primary_muscles.add(Muscle.objects.create(name="Teres major"))
    assert b"Teres major" in client.get(url).content

    muscle = Muscle.objects.get(name="Rhomboids")
    muscle.name = "Rhomboid major"
    muscle.save()
    assert b"Rhomboid major" in client.get(url).content

    exercise.steps.all().delete()
    assert b"A brand new step." not in client.get(url).content


def test_deleting_an_exercise_removes_it_on_the_next_request(client, exercise):
    client.get("/exercises/")
    exercise.delete()
    assert b"Kneeling Back Stretch" not in client.get("/exercises/").content


def test_generation_is_bumped_now_and_again_after_commit(django_capture_on_commit_callbacks):
    before = page_cache.content_generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_exercise()
    assert callbacks, "a bump must wait for the commit too"
    assert page_cache.content_generation() > before + len(callbacks)


def test_a_lost_generation_never_goes_back_to_an_older_number():
    page_cache.bump_content_generation()
    before = page_cache.content_generation()
    cache.delete(page_cache.GENERATION_KEY)  # evicted, or the cache was restarted
    assert page_cache.content_generation() > before
    cache.delete(page_cache.GENERATION_KEY)
    page_cache.bump_content_generation()
    assert page_cache.content_generation() > before


def test_readers_with_a_message_waiting_get_a_fresh_page(client, exercise):
    url = exercise.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.cookies["messages"] = "a waiting message"
    response = client.get(url)
    assert "X-Page-Cache" not in response


def test_a_browser_revalidating_its_copy_gets_304_from_the_cache_without_queries(client, exercise):
    url = exercise.get_absolute_url()
    first = client.get(url)
    assert first["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert again["X-Page-Cache"] == "hit"
    assert again["ETag"] == first["ETag"]
    assert len(queries) == 0


def test_a_compressed_page_revalidates_too(exercise):
    browser = Client(HTTP_ACCEPT_ENCODING="gzip")
    url = exercise.get_absolute_url()
    first = browser.get(url)
    assert first["Content-Encoding"] == "gzip"
    again = browser.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_an_edit_changes_the_etag_and_the_old_copy_is_downloaded_again(client, exercise):
    url = exercise.get_absolute_url()
    etag = client.get(url)["ETag"]
    exercise.name = "Renamed Back Stretch"
    exercise.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == HTTPStatus.OK
    assert b"Renamed Back Stretch" in response.content
    assert response["ETag"] != etag


def test_an_edit_elsewhere_still_answers_304_for_an_unchanged_page(client, exercise):
    url = exercise.get_absolute_url()
    etag = client.get(url)["ETag"]
    Synonym.objects.create(terms="lumbar, lower back")  # a new generation: renders again
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["X-Page-Cache"] == "miss"


def test_unknown_query_parameters_are_served_the_cached_page_and_add_no_entries(client, exercise):
    client.get("/exercises/")
    with CaptureQueriesContext(connection) as queries:
        tracked = client.get("/exercises/?utm_source=newsletter&fbclid=abc")
    assert tracked["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    reordered = client.get("/exercises/?page=1&difficulty=beginner")
    assert reordered["X-Page-Cache"] == "miss"
    assert client.get("/exercises/?difficulty=beginner&page=1")["X-Page-Cache"] == "hit"


def test_a_page_first_asked_for_with_unknown_parameters_is_not_stored_under_them(client, exercise):
    junk = client.get("/exercises/?junk=1")
    assert junk["X-Page-Cache"] == "miss"
    assert client.get("/exercises/?junk=2")["X-Page-Cache"] == "miss"
    assert client.get("/exercises/")["X-Page-Cache"] == "miss"
    assert client.get("/exercises/?junk=3")["X-Page-Cache"] == "hit"


def test_cached_pages_round_trip_through_redis(client, settings, exercise):
    redis = redis_or_skip()
    prefix = f"test-{uuid.uuid4()}"  # never clear() a shared Redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    }
    for url in ["/exercises/kneeling-back-stretch/", "/api/exercises/", "/sitemap.xml"]:
        first = client.get(url)
        second = client.get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
        assert second.content == first.content
    exercise.name = "Renamed Stretch"
    exercise.save()
    assert b"Renamed Stretch" in client.get("/exercises/kneeling-back-stretch/").content
    redis.delete(*redis.scan_iter(f"{prefix}:*"))


def test_cached_page_is_sent_compressed_as_before_without_compressing_again(exercise):
    browser = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    url = exercise.get_absolute_url()
    first = browser.get(url)
    assert first["Content-Encoding"] == "gzip"
    with CaptureQueriesContext(connection) as queries:
        second = browser.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Encoding"] == "gzip"
    assert second.content == first.content
    assert len(queries) == 0
    # A client that does not accept gzip gets plain HTML, from a copy of its own.
    plain = Client().get(url)
    assert "Content-Encoding" not in plain
    assert exercise.name.encode() in plain.content


def test_cached_copy_keeps_the_security_headers(client, exercise):
    client.get(exercise.get_absolute_url())
    hit = client.get(exercise.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    assert "script-src" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_a_reader_with_a_session_still_gets_fresh_content_after_an_edit(client, reader, exercise):
    client.force_login(reader)  # has a session cookie: goes past the early cache
    client.get(exercise.get_absolute_url())
    exercise.name = "Renamed For Readers"
    exercise.save()
    assert b"Renamed For Readers" in client.get(exercise.get_absolute_url()).content


def test_search_answers_are_cached_and_a_new_synonym_applies_at_once(client):
    from exercises.models import Faq, Synonym

    exercise = make_exercise("Wall Calf Stretch", children=0)
    Faq.objects.create(exercise=exercise, question="Does it ease tight calves?", answer="Yes.")
    url = "/api/search/?q=gastrocnemius"
    assert client.get(url).json()["count"] == 0
    assert client.get(url)["X-Page-Cache"] == "hit"
    Synonym.objects.create(terms="calves, gastrocnemius")
    answer = client.get(url)
    assert answer["X-Page-Cache"] == "miss"
    assert answer.json()["results"][0]["question"] == "Does it ease tight calves?"


def test_pages_search_and_saves_keep_working_when_the_shared_cache_is_down(
    client, settings, exercise, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    assert client.get(exercise.get_absolute_url()).status_code == HTTPStatus.OK
    assert client.get("/search/", {"q": "question"}).status_code == HTTPStatus.OK
    exercise.name = "Saved During An Outage"
    exercise.save()
    assert b"Saved During An Outage" in client.get(exercise.get_absolute_url()).content
    assert "Page cache unavailable" in caplog.text
