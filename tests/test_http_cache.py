"""What responses tell a shared cache in front (Varnish, a CDN): how long it may keep each
public one, and what each shows (its tags); and that nothing for one reader is ever kept."""

from http import HTTPStatus

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from exercises import views
from exercises.cache import PageCacheMiddleware, bump_content_generation
from tests.factories import make_exercise
from tests.test_cache import PUBLIC_URLS

pytestmark = pytest.mark.django_db

SHARED = {"max-age=0", "s-maxage=3600", "stale-while-revalidate=30", "stale-if-error=86400"}

# The pages the page cache keeps (robots.txt shows nothing editors change: it has no tags).
TAGGED_URLS = [
    *(url for url in PUBLIC_URLS if url != "/robots.txt"),
    "/exercises/?difficulty=beginner",
    "/search/?q=question",
    "/api/search/?q=question",
]


@pytest.fixture
def shared(settings):
    settings.SHARED_CACHE_SECONDS = 3600
    settings.CACHE_TAG_HEADERS = ["xkey", "Surrogate-Key", "Cache-Tag"]


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def tags(response) -> set[str]:
    return set(response["xkey"].split())


@pytest.mark.parametrize("url", TAGGED_URLS)
def test_public_responses_may_be_kept_by_shared_caches_and_browsers_revalidate(
    client, exercise, shared, url
):
    first = client.get(url)
    again = client.get(url)  # from the page cache: it says the same
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, again):
        assert response.status_code == HTTPStatus.OK
        assert directives(response) == SHARED
        assert "Cookie" in response["Vary"]  # logged-in readers get other pages here
        assert tags(response)
    assert again["xkey"] == first["xkey"]
    revalidated = client.get(url, headers={"if-none-match": first["ETag"]})
    assert revalidated.status_code == HTTPStatus.NOT_MODIFIED


def test_without_a_shared_cache_time_browsers_and_caches_are_told_to_check_each_time(
    client, exercise
):
    response = client.get(exercise.get_absolute_url())
    assert directives(response) == {"max-age=0", "must-revalidate"}


def test_the_exercise_page_is_tagged_with_everything_it_shows(client, exercise, shared):
    linked = make_exercise("Childs Pose")
    draft = make_exercise("Unpublished Neighbour", status="draft")
    exercise.related.add(linked, draft)
    muscles = [*exercise.primary_muscles.all(), *exercise.secondary_muscles.all()]
    expected = {
        f"exercise-{exercise.pk}",
        f"exercise-{linked.pk}",
        # Not on the page yet, but publishing it will add it there.
        f"exercise-{draft.pk}",
        f"bodypart-{exercise.body_part_id}",
        *(f"muscle-{muscle.pk}" for muscle in muscles),
        *(f"equipment-{entry.pk}" for entry in exercise.optional_equipment.all()),
    }
    page = client.get(exercise.get_absolute_url())
    assert tags(page) == expected
    assert b"Childs Pose" in page.content and b"Unpublished Neighbour" not in page.content
    assert tags(client.get(f"/api/exercises/{exercise.slug}/")) == expected


def test_lists_are_tagged_lists_and_searches_search(client, exercise, shared):
    for url in ("/", "/exercises/?page=1", "/body-parts/back/", "/feed/", "/sitemap.xml"):
        assert tags(client.get(url)) == {"lists"}, url
    assert tags(client.get("/search/?q=knees")) == {"search"}
    assert "xkey" not in client.get("/robots.txt")  # it shows nothing that editors change


def test_every_configured_header_carries_the_same_tags_in_its_own_format(client, exercise, shared):
    page = client.get(exercise.get_absolute_url())
    assert set(page["Surrogate-Key"].split(" ")) == tags(page)  # Fastly: spaces
    assert set(page["Cache-Tag"].split(",")) == tags(page)  # Cloudflare: commas


def test_editors_and_logged_in_readers_get_pages_no_shared_cache_keeps(
    client, editor, reader, exercise, shared
):
    for user in (editor, reader):
        client.force_login(user)
        for url in (exercise.get_absolute_url(), "/exercises/", "/api/exercises/"):
            response = client.get(url)
            assert "private" in directives(response), url
            assert not any(d.startswith("s-maxage") for d in directives(response))
            assert "xkey" not in response
            assert "Cookie" in response["Vary"]


def test_a_draft_preview_is_never_stored_anywhere(client, editor, draft, shared):
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert {"private", "no-store"} <= directives(response)


def test_the_admin_and_the_health_check_are_never_stored(client, editor, shared):
    assert {"private", "no-store"} <= directives(client.get("/healthz"))
    assert {"private", "no-store"} <= directives(client.get("/admin/login/"))
    client.force_login(editor)
    assert {"private", "no-store"} <= directives(client.get("/admin/exercises/exercise/"))


def test_not_found_is_not_kept_by_shared_caches(client, draft, shared):
    response = client.get(draft.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert directives(response) == {"max-age=0", "must-revalidate"}


def test_a_public_response_that_sets_a_cookie_is_for_that_browser_only(shared):
    def sets_a_cookie(request):
        response = HttpResponse("a page")
        response.set_cookie("seen", "1")
        return response

    response = PageCacheMiddleware(sets_a_cookie)(RequestFactory().get("/exercises/"))
    assert "private" in directives(response)
    assert not any(d.startswith("s-maxage") for d in directives(response))


def test_a_page_drawn_while_an_edit_was_saved_is_not_kept_by_shared_caches(
    client, exercise, shared, monkeypatch
):
    class PageDuringAnEdit(views.ExercisePage):
        def __init__(self, exercise):
            bump_content_generation()  # an editor's change commits meanwhile
            super().__init__(exercise)

    monkeypatch.setattr(views, "ExercisePage", PageDuringAnEdit)
    response = client.get(exercise.get_absolute_url())
    assert directives(response) == {"max-age=0", "must-revalidate"}
