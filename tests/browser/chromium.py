"""The one Chromium every real-browser test shares (Playwright's sync API, system Chromium).

Playwright's sync API allows one instance per thread, so each xdist worker starts a single
browser for the whole session and every browser test, wherever it lives, uses it through
the `browser` fixture (made available to all tests by tests/conftest.py). Without Chromium
the tests skip and say how to install it; with CI set, a missing browser fails the run.
"""

import os
import shutil
from pathlib import Path

import pytest

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
