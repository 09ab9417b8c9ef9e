"""Real-browser tests: Playwright's sync API driving the system Chromium (never downloaded).

One browser per test session (per xdist worker). Without Chromium the tests skip and say how
to install it; with CI set, a missing browser fails the run instead.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.isolated_cache import use_isolated_cache

# Playwright's sync API keeps an event loop running in this thread; Django's ORM refuses to
# run next to one unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        message = "Chromium not found: install it with `apt-get install chromium`."
        if os.environ.get("CI"):
            pytest.fail(f"{message} CI is set, so the browser tests must run.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
