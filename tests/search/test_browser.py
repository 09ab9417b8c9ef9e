"""Search as you type, in a real Chromium: the script fetches the results page and shows its
results and messages, updating the live region; without the script the form still works
(other tests)."""

import pytest

from exercises.models import Faq
from tests.factories import make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


def test_results_update_as_the_reader_types(live_server, page):
    exercise = make_exercise("Wall Calf Stretch", children=0)
    Faq.objects.create(exercise=exercise, question="Does it help shin splints?", answer="Yes.")
    Faq.objects.create(exercise=exercise, question="Is it safe for the Achilles?", answer="Yes.")

    page.goto(f"{live_server.url}/search/")
    page.fill("#site-search", "shin splnts")
    status = page.locator("[role=status]")
    status.filter(has_text="1 answer found").wait_for()
    link = page.locator(".search-hit__question a")
    assert link.inner_text() == "Does it help shin splints?"
    assert link.get_attribute("href").startswith("/exercises/wall-calf-stretch/#faq-")
    assert page.locator(".search-suggestion em").inner_text() == "shin splints"
    assert page.url.endswith("/search/?q=shin+splnts")  # shareable, and Back works

    page.fill("#site-search", "achilles")
    status.filter(has_text="1 answer found").wait_for()
    page.locator(".search-hit__question a", has_text="Achilles").wait_for()
    assert page.locator(".search-suggestion").count() == 0

    page.fill("#site-search", "how is it")  # the server's own message, not a copy in the script
    status.filter(has_text="only has very common words").wait_for()
    assert page.locator(".search-hit").count() == 0


def test_opening_an_answer_records_the_search_once(live_server, page):
    from exercises.models import SearchRecord

    exercise = make_exercise("Wall Calf Stretch", children=0)
    faq = Faq.objects.create(
        exercise=exercise, question="Does it help shin splints?", answer="Yes."
    )

    page.goto(f"{live_server.url}/search/?q=Shin+splints")
    page.locator(".search-hit__question a").click()
    page.wait_for_url(f"**{faq.get_absolute_url()}")
    for _ in range(50):  # the beacon is sent as the page is left
        if SearchRecord.objects.exists():
            break
        page.wait_for_timeout(100)
    record = SearchRecord.objects.get()
    assert (record.query, record.results, record.opened_faq_id) == ("shin splints", 1, faq.pk)


def test_words_typed_on_the_way_are_not_recorded(live_server, page):
    from exercises.models import SearchRecord

    exercise = make_exercise("Wall Calf Stretch", children=0)
    Faq.objects.create(exercise=exercise, question="Does it help shin splints?", answer="Yes.")

    page.goto(f"{live_server.url}/search/")
    page.fill("#site-search", "shin")
    page.locator("[role=status]").filter(has_text="found").wait_for()
    page.fill("#site-search", "shin splints")
    page.locator("[data-search-record][data-query='shin splints']").wait_for(state="attached")
    page.get_by_role("link", name="Exercises", exact=True).click()  # leaving records it
    page.wait_for_url("**/exercises/")
    for _ in range(50):
        if SearchRecord.objects.exists():
            break
        page.wait_for_timeout(100)
    assert list(SearchRecord.objects.values_list("query", "opened_faq_id")) == [
        ("shin splints", None)
    ]
