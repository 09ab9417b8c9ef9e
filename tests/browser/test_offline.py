"""Offline reading: the service worker keeps the guides a reader opened, and the site can be
installed (a manifest with icons, a worker that controls every page)."""

import pytest

pytestmark = pytest.mark.browser

KNEELING = "/exercises/dynamic-back-stretch-kneeling/"
CAT_COW = "/exercises/cat-cow/"

SAVED = """async (path) => {
    const cache = await caches.open("pages");
    return Boolean(await cache.match(new URL(path, location.origin).href));
}"""


@pytest.fixture
def reader(browser, site):
    """A fresh browser profile (its own service worker and caches) on the demo site.

    It bypasses the CSP so the test may poll with wait_for_function; tests/browser/test_csp.py
    checks that the worker registers under the real policy."""
    context = browser.new_context(viewport={"width": 375, "height": 900}, bypass_csp=True)
    # The worker says when it has kept the page a reader opened before it was running.
    context.add_init_script(
        """window.kept = [];
        navigator.serviceWorker.addEventListener("message", (event) => {
            if (event.data.done) { window.kept.push(event.data.kept); }
        });"""
    )
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield context, page
    context.close()


def wait_until_kept(page, path):
    """Until the worker controls the page and has kept `path`, the first page it saw."""
    page.wait_for_function("Boolean(navigator.serviceWorker.controller)", timeout=10_000)
    page.wait_for_function(f"window.kept.includes({path!r})", timeout=10_000)


def test_an_opened_guide_reads_offline_and_others_get_the_offline_page(reader, site):
    context, page = reader
    page.goto(site + KNEELING)  # the first page: it came before the worker
    wait_until_kept(page, KNEELING)
    context.set_offline(True)
    try:
        page.reload()
        assert page.locator("h1").inner_text() == "Dynamic Back Stretch (Kneeling)"
        assert page.locator("#execution ol li").count() == 6
        # Styled, from the stored stylesheet.
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
            "rgb(247, 248, 246)"
        )
        page.goto(site + CAT_COW)  # never opened
        assert page.locator("h1").inner_text() == "You are offline"
        saved = page.locator("[data-saved-guides-list] a")
        saved.first.wait_for()
        assert saved.all_inner_texts() == ["Dynamic Back Stretch (Kneeling)"]
    finally:
        context.set_offline(False)
    assert page.errors == []


def test_new_content_replaces_the_stored_copy_when_online(reader, site):
    from exercises.models import Exercise

    context, page = reader
    page.goto(site + KNEELING)
    wait_until_kept(page, KNEELING)
    page.reload()  # now through the worker
    Exercise.objects.filter(slug="dynamic-back-stretch-kneeling").update(
        name="Kneeling Back Stretch, Revised"
    )
    from exercises.cache import bump_content_generation

    bump_content_generation()
    page.reload()
    assert page.locator("h1").inner_text() == "Kneeling Back Stretch, Revised"
    context.set_offline(True)
    try:
        page.reload()
        assert page.locator("h1").inner_text() == "Kneeling Back Stretch, Revised"
    finally:
        context.set_offline(False)


def test_drafts_and_staff_pages_are_never_stored(reader, site, django_user_model):
    from django.test import Client

    from exercises.models import Exercise

    context, page = reader
    Exercise.objects.filter(slug="cat-cow").update(status="draft")
    django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")
    page.goto(site + "/")  # as a reader, before logging in
    wait_until_kept(page, "/")
    client = Client()
    client.login(username="boss", password="pw-boss-123")
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": site}])
    page.goto(site + KNEELING)  # through the worker, as staff
    page.goto(site + CAT_COW)  # the draft preview
    assert page.locator(".draft-banner").is_visible()
    page.goto(site + "/admin/")
    assert page.evaluate(SAVED, "/") is True  # public pages are kept...
    for path in (KNEELING, CAT_COW, "/admin/"):  # ...but not what only staff see
        assert page.evaluate(SAVED, path) is False, path


def test_the_site_is_installable(reader, site):
    context, page = reader
    page.goto(site + "/")
    manifest = page.evaluate(
        """async () => {
            const link = document.querySelector('link[rel="manifest"]');
            return (await fetch(link.href)).json();
        }"""
    )
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(site + icon["src"]).ok
    page.wait_for_function("Boolean(navigator.serviceWorker.controller)", timeout=10_000)
    script = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert script == site + "/service-worker.js"  # at the root: its scope is the whole site
