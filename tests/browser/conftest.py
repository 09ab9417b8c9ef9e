"""Real-browser tests: Playwright's sync API driving the system Chromium (never downloaded).

The browser itself comes from tests/browser/chromium.py, shared with every browser test.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.isolated_cache import use_isolated_cache

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture
def site(live_server, settings):
    """The demo content behind a live server, with a cache of its own; returns the base URL."""
    use_isolated_cache(settings)
    call_command("load_demo_content", stdout=StringIO())
    return live_server.url


@pytest.fixture(scope="session")
def browser_contexts(browser):
    """One context per viewport/colour scheme for the whole session (they are slow to make).

    Contexts are made with bypass_csp=True so that axe can inject its script under any CSP.
    """
    contexts = {}

    def get(width, dark, reduced_motion):
        key = (width, dark, reduced_motion)
        if key not in contexts:
            contexts[key] = browser.new_context(
                viewport={"width": width, "height": 900},
                color_scheme="dark" if dark else "light",
                reduced_motion=reduced_motion,
                bypass_csp=True,
            )
        return contexts[key]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_page(browser_contexts, site):
    """open_page(path, width=1280, dark=False) -> a Playwright page showing that address.

    Every request the page makes is recorded in page.requested_urls.
    """
    pages = []

    def opener(path, width=1280, dark=False, reduced_motion="no-preference"):
        page = browser_contexts(width, dark, reduced_motion).new_page()
        pages.append(page)
        page.requested_urls = []
        page.on("request", lambda request: page.requested_urls.append(request.url))
        page.goto(site + path)
        return page

    yield opener
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
