"""The public pages in a real Chromium: they render, are accessible and work as expected."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

KNEELING = "/exercises/dynamic-back-stretch-kneeling/"
PAGES = {
    "home": ("/", "Stretch smarter, one clear guide at a time"),
    "list": ("/exercises/", "All exercises"),
    "filtered": ("/exercises/?body_part=back&difficulty=beginner", "Matching exercises"),
    "exercise": (KNEELING, "Dynamic Back Stretch (Kneeling)"),
    "plain-steps": ("/exercises/dynamic-back-stretch-standing/", "Dynamic Back Stretch (Standing)"),
    "body-part": ("/body-parts/back/", "Back"),
    "body-parts": ("/body-parts/", "Body parts"),
    "muscles": ("/muscles/", "Muscles"),
    "search": ("/search/?q=knees", "Search the answers"),
    "offline": ("/offline/", "You are offline"),
    "not-found": ("/exercises/no-such-stretch/", "We can’t find that page"),
}
# Every page is checked at 375 and 1280 px; the richest ones also in dark mode.
DARK_TOO = {"home", "exercise"}


def axe_report(page) -> str:
    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_fits_the_screen_and_has_no_accessibility_violations(
    open_page, screenshot_dir, site, name
):
    path, heading = PAGES[name]
    # (width, dark mode, run axe): axe once per page, and again in dark mode (contrast).
    views = [(375, False, True), (1280, False, False)]
    if name in DARK_TOO:
        views.append((1280, True, True))
    for width, dark, run_axe in views:
        scheme = "dark" if dark else "light"
        page = open_page(path, width=width, dark=dark)
        assert page.locator("h1").inner_text() == heading
        # Nothing sticks out sideways, even at 375 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (width, scheme)
        page.screenshot(path=screenshot_dir / f"{name}-{width}-{scheme}.png", full_page=True)
        if run_axe:
            assert axe_report(page) == "", (width, scheme)
        others = [url for url in page.requested_urls if not url.startswith(site)]
        assert others == [], "pages must not fetch anything from other hosts"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_public_page(open_page, site, client, scheme):
    """Every page the sitemap lists, plus the pages it leaves out (search, offline, errors),
    with the timer and every script-made part in place."""
    from tests.test_html_validity import public_pages

    page = open_page("/", width=375, dark=scheme == "dark")
    for path in public_pages(client):
        page.goto(site + path)
        assert axe_report(page) == "", (path, scheme)


def test_every_page_fits_a_320px_screen(open_page, site, client):
    from tests.test_html_validity import public_pages

    page = open_page("/", width=320)
    for path in public_pages(client):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


@pytest.mark.parametrize("width", [320, 375])
def test_sets_and_reps_headings_stay_on_one_line_on_phones(open_page, width):
    page = open_page(KNEELING, width=width)
    for heading in page.locator("#sets-reps thead th").all():
        # One rectangle per line box of the heading's text.
        lines = heading.evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el); "
            "return new Set([...r.getClientRects()].map((box) => Math.round(box.top))).size; }"
        )
        assert lines == 1, heading.inner_text()


def test_tips_and_mistakes_cards_leave_no_large_empty_area(open_page):
    page = open_page(KNEELING, width=1280)
    for card in page.locator("#tips .tips").all():
        inner = card.evaluate(
            "el => { const r = el.getBoundingClientRect(); const last = el.lastElementChild"
            ".getBoundingClientRect(); return r.bottom - last.bottom; }"
        )
        assert inner < 40, card.inner_text()[:40]  # no more than the card's own padding


def test_stylesheet_is_applied(open_page):
    page = open_page("/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(247, 248, 246)"


def test_table_of_contents_links_land_on_their_sections(open_page):
    page = open_page(KNEELING, width=375, reduced_motion="reduce")
    links = page.locator("nav.toc a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets == [
        "#overview", "#sets-reps", "#setup", "#execution", "#tips", "#easier-harder",
        "#try-instead", "#faq", "#equipment",
    ]  # fmt: skip
    for target in targets:
        page.locator(f'nav.toc a[href="{target}"]').click()
        page.wait_for_function(f"location.hash === '{target}'")
        section = page.locator(target)
        top = section.evaluate("el => el.getBoundingClientRect().top")
        # At the top of the screen, unless the page is too short to scroll that far.
        at_bottom = page.evaluate(
            "Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight"
        )
        assert 0 <= top <= 40 or (at_bottom and top < 900), (target, top)
        page.evaluate("window.scrollTo(0, 0)")


def test_faq_entries_open_on_click(open_page):
    page = open_page(KNEELING)
    entry = page.locator("#faq details").first
    answer = entry.locator(".faq__answer")
    assert not answer.is_visible()
    entry.locator("summary").click()
    assert entry.get_attribute("open") is not None
    assert answer.is_visible()
    entry.locator("summary").click()
    assert not answer.is_visible()


def test_a_link_to_one_faq_entry_opens_it(open_page):
    page = open_page(KNEELING)
    anchor = page.locator("#faq details").nth(2).get_attribute("id")
    page.goto(page.url.split("#")[0] + f"#{anchor}")
    entry = page.locator(f"#{anchor}")
    assert entry.locator(".faq__answer").is_visible()
    assert entry.is_visible()


def test_filter_form_narrows_the_list(open_page):
    page = open_page("/exercises/", width=375)
    page.select_option("#id_body_part", "chest")
    page.get_by_role("button", name="Show exercises").click()
    page.wait_for_url("**/exercises/?*body_part=chest*")
    titles = page.locator(".card__title").all_inner_texts()
    assert titles == ["Doorway Chest Stretch"]
    assert page.locator("#id_body_part").input_value() == "chest"


def test_reading_needs_no_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    try:
        page = context.new_page()
        page.goto(site + KNEELING)
        assert page.locator("#execution ol li").count() == 6
        # The timer needs the script: without it, nothing of it shows.
        assert page.locator(".timer").count() == 0
        assert not page.get_by_text("Hold and rep timer").is_visible()
        entry = page.locator("#faq details").first
        entry.locator("summary").click()
        assert entry.locator(".faq__answer").is_visible()
    finally:
        context.close()
