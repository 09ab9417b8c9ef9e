"""The Content-Security-Policy in a real browser: the admin and its Markdown preview work
under it, and a script injected into a public page is refused."""

import pytest
from django.urls import reverse

LOGIN_URL = reverse("admin:login")

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def chromium_page(browser):
    """A page that records CSP violations (window.cspViolations) and script errors.

    Unlike the other browser tests' pages, this one does not bypass the CSP: it is the
    policy under test.
    """
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)  # injected by the browser, exempt from CSP
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def violations(page) -> list[str]:
    page.wait_for_timeout(300)  # violation events are dispatched asynchronously
    return page.evaluate("() => window.cspViolations")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_and_markdown_preview_work_under_the_policy(chromium_page, live_server):
    from django.contrib.auth.models import User

    from tests.factories import make_exercise

    page = chromium_page
    User.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")
    exercise = make_exercise()

    page.goto(live_server.url + LOGIN_URL)
    page.fill("#id_username", "boss")
    page.fill("#id_password", "pw-boss-123")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + reverse("admin:index"))
    assert violations(page) == []

    page.goto(live_server.url + reverse("admin:exercises_exercise_changelist"))
    assert violations(page) == []

    page.goto(live_server.url + reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    # markdownx previews the saved intro on load, then again as the editor types.
    page.locator(".markdownx-preview strong", has_text="breathe").wait_for(timeout=10_000)
    page.locator("textarea[name=intro]").fill("Live **preview** under CSP")
    page.locator(".markdownx-preview strong", has_text="preview").wait_for(timeout=10_000)
    assert violations(page) == []
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_page_refuses_injected_inline_script(chromium_page, live_server):
    from tests.factories import make_exercise

    page = chromium_page
    exercise = make_exercise()
    page.goto(live_server.url + exercise.get_absolute_url())
    # The offline worker and the manifest load under the policy (worker-src, manifest-src).
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)").endswith(
        "/service-worker.js"
    )
    assert violations(page) == [], "the page breaks its own policy"
    assert page.errors == []
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }"""
    )
    assert page.evaluate("() => window.injected === undefined")
    assert any(v.startswith("script-src-elem blocked inline") for v in violations(page))
