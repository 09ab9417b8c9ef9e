"""Images, the video and the muscle map in a real Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from exercises.models import Exercise

pytestmark = pytest.mark.browser

KNEELING = "/exercises/dynamic-back-stretch-kneeling/"
HIP = "/exercises/kneeling-hip-flexor-stretch/"

# Sums every layout shift the page makes (the CLS a reader would feel).
WATCH_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


def test_images_render_with_alt_text_and_shift_nothing(open_page, screenshot_dir):
    for width in (375, 1280):
        page = open_page(KNEELING, width=width)
        page.evaluate(WATCH_SHIFTS)
        lead = page.locator(".figure--lead img")
        assert lead.get_attribute("alt").startswith("Kneeling on a mat")
        page.wait_for_function("document.querySelector('.figure--lead img').complete")
        assert lead.evaluate("img => img.naturalWidth") > 0
        # An AVIF of the width the screen needs, not the largest file.
        expected = "/480.avif" if width == 375 else "/800.avif"
        assert lead.evaluate("img => img.currentSrc").endswith(expected)
        # Scroll through the page so the lazy step pictures load.
        for y in range(0, page.evaluate("document.body.scrollHeight"), 400):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(30)
        page.wait_for_load_state("networkidle")
        pictures = page.locator("ol.steps img")
        assert pictures.count() == 2
        for i in range(pictures.count()):
            assert pictures.nth(i).get_attribute("alt")
            assert pictures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
        assert page.evaluate("window.layoutShift") == 0, width
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=screenshot_dir / f"images-{width}.png", full_page=True)


def test_the_video_loads_nothing_from_its_host_before_the_click(open_page, site, screenshot_dir):
    Exercise.objects.filter(slug="kneeling-hip-flexor-stretch").update(
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    page = open_page(HIP, width=375)
    # Nothing may leave this machine: the player's request is answered here, empty.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body=""))
    page.wait_for_load_state("networkidle")
    assert [url for url in page.requested_urls if not url.startswith(site)] == []
    assert page.locator("iframe").count() == 0
    still = page.locator(".video__still")
    assert still.inner_text().startswith("Play the video")
    page.screenshot(path=screenshot_dir / "video-before-click.png")
    assert Axe().run(page).violations_count == 0

    still.click()
    frame = page.locator(".video iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    page.wait_for_timeout(200)
    outside = [url for url in page.requested_urls if not url.startswith(site)]
    assert outside and all(url.startswith("https://www.youtube-nocookie.com/") for url in outside)


def test_muscle_map_regions_link_to_their_muscles(open_page, screenshot_dir):
    page = open_page(HIP, width=1280)
    figure = page.locator(".muscle-map")
    figure.screenshot(path=screenshot_dir / "muscle-map.png")
    region = page.locator('.muscle-map svg a.mm--primary[href="/muscles/iliopsoas/"]').first
    region.locator("path").first.click()
    page.wait_for_url("**/muscles/iliopsoas/")
    assert page.locator("h1").inner_text().startswith("Iliopsoas")


def test_the_muscle_map_prints_in_both_styles(open_page):
    page = open_page(HIP)
    page.emulate_media(media="print")
    primary = page.locator("a.mm--primary path").first
    secondary = page.locator("a.mm--secondary path").first
    assert primary.evaluate("p => getComputedStyle(p).fill") == "rgb(85, 85, 85)"
    assert secondary.evaluate("p => getComputedStyle(p).fill").startswith("url(")
    assert secondary.evaluate("p => getComputedStyle(p).strokeDasharray") != "none"
