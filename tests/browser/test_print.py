"""The printed exercise page: a card of at most two pages, with its way back to the guide."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from exercises.models import Exercise

pytestmark = pytest.mark.browser

KNEELING = "/exercises/dynamic-back-stretch-kneeling/"


def printed_pages(page, paper: str) -> list[str]:
    """The text of each page of the exercise printed on this paper, as Chromium prints it."""
    pdf = page.pdf(format=paper)
    return [flat(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    # PDF text comes with ligatures ("ﬂ") and typographic apostrophes; compare plain words.
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    return " ".join(text.split())


def page_holding(pages: list[str], text: str) -> int:
    found = [number for number, page_text in enumerate(pages) if flat(text) in page_text]
    assert found, f"{text!r} is not printed"
    return found[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_demo_guide_prints_on_at_most_two_pages_with_nothing_left_out(open_page, site, paper):
    page = open_page("/")
    for exercise in Exercise.objects.published().prefetch_related("faqs", "steps", "sets_reps"):
        page.goto(site + exercise.get_absolute_url())
        pages = printed_pages(page, paper)
        assert len(pages) <= 2, (exercise.slug, paper, len(pages))
        # No blank first page: the guide starts on it, with its address (under the QR code).
        assert exercise.name in pages[0], exercise.slug
        assert exercise.slug in pages[0].replace(" ", "")
        everything = " ".join(pages)
        for faq in exercise.faqs.all():  # closed answers print too, without +/− signs
            assert flat(faq.question) in everything
        assert "−" not in everything and not re.search(r"\?\s*\+", everything)
        # The sets & reps table and each list of steps are never split across pages.
        for rows in (list(exercise.sets_reps.all()), *steps_by_phase(exercise)):
            if len(rows) > 1:
                first, last = (getattr(rows[i], "goal", None) or rows[i].text for i in (0, -1))
                assert page_holding(pages, first[:40]) == page_holding(pages, last[:40])


def steps_by_phase(exercise):
    steps = list(exercise.steps.all())
    return [[s for s in steps if s.phase == phase] for phase in ("setup", "execution")]


def test_print_has_no_frame_and_shows_the_qr_code_only_on_paper(open_page, screenshot_dir):
    page = open_page(KNEELING)
    qr = page.locator(".print-link svg")
    assert not qr.is_visible()  # on screen: nothing of it
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", "nav.toc", ".breadcrumbs", ".more", ".timer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    border = page.locator("article.exercise").evaluate("el => getComputedStyle(el).borderTopStyle")
    assert border == "none"  # a frame round the guide would run across the page break
    assert qr.is_visible()
    assert qr.bounding_box()["width"] > 60  # big enough for a phone to read
    assert page.locator("#faq .faq__answer").first.is_visible()
    page.screenshot(path=screenshot_dir / "exercise-print.png", full_page=True)


def test_the_qr_code_is_drawn_on_the_server_for_the_guides_address(open_page, site):
    page = open_page(KNEELING)
    address = page.locator(".print-link__address").inner_text()
    assert address == site + KNEELING
    assert page.locator(".print-link svg path").count() == 1  # inline SVG, no image request
    assert not [url for url in page.requested_urls if "qr" in url.lower()]
