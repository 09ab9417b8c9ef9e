"""Search as you type, in a real Chromium: the script calls the JSON API and updates the
results and the live region; without the script the form still works (other tests)."""

import os
import shutil

import pytest

from exercises.models import Faq
from tests.factories import make_exercise

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed"),
]


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM must still work.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert errors == []


def test_results_update_as_the_reader_types(live_server, page):
    exercise = make_exercise("Wall Calf Stretch", children=0)
    Faq.objects.create(exercise=exercise, question="Does it help shin splints?", answer="Yes.")
    Faq.objects.create(exercise=exercise, question="Is it safe for the Achilles?", answer="Yes.")

    page.goto(f"{live_server.url}/search/")
    page.fill("#search-q", "shin splnts")
    status = page.locator("[role=status]")
    status.filter(has_text="1 answer found").wait_for()
    link = page.locator(".search-hit__question a")
    assert link.inner_text() == "Does it help shin splints?"
    assert link.get_attribute("href").startswith("/exercises/wall-calf-stretch/#faq-")
    assert page.locator(".search-suggestion a").inner_text() == "shin splints"
    assert page.url.endswith("/search/?q=shin+splnts")  # shareable, and Back works

    page.fill("#search-q", "achilles")
    status.filter(has_text="1 answer found").wait_for()
    page.locator(".search-hit__question a", has_text="Achilles").wait_for()
    assert page.locator(".search-suggestion").count() == 0
