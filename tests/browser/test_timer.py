"""The hold and rep timer in a real Chromium, on a fake clock (Playwright's page.clock)."""

import pytest

pytestmark = pytest.mark.browser

HIP_FLEXOR = "/exercises/kneeling-hip-flexor-stretch/"  # holds, per side
KNEELING = "/exercises/dynamic-back-stretch-kneeling/"  # reps


@pytest.fixture
def timer_page(browser_contexts, site):
    """timer_page(path, reduced_motion=...) -> a page on a fake clock, its timer showing."""
    pages = []

    def opener(path, reduced_motion="no-preference"):
        page = browser_contexts(375, False, reduced_motion).new_page()
        pages.append(page)
        page.errors, page.requested_urls = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("request", lambda request: page.requested_urls.append(request.url))
        page.clock.install()
        page.goto(site + path)
        page.locator(".timer").wait_for()
        return page

    yield opener
    for page in pages:
        page.close()


def shown(page) -> tuple[str, str]:
    return (
        page.locator("[data-timer-phase]").inner_text(),
        page.locator("[data-timer-clock]").inner_text(),
    )


def said(page) -> str:
    return page.locator(".timer [role=status]").inner_text()


def set_up(page, goal, sets, amount, rest):
    page.get_by_label("Goal", exact=True).select_option(label=goal)
    page.get_by_label("Sets", exact=True).fill(str(sets))
    page.locator("[data-timer-amount]").fill(str(amount))
    page.get_by_label("Rest (s)").fill(str(rest))


def test_timer_runs_holds_on_each_side_with_get_ready_switch_and_rest(timer_page):
    page = timer_page(HIP_FLEXOR)
    set_up(page, "Desk-break reset", sets=2, amount=4, rest=6)
    summary = page.locator("[data-timer-summary]").inner_text()
    assert summary.startswith("2 sets of a 4-second hold on each side, 6 s rest between sets")
    assert "The guide suggests 1–2 sets of 20–30 s." in summary
    page.get_by_role("button", name="Start").click()
    assert shown(page) == ("Get ready", "0:05")
    assert said(page) == "Get ready. Starting in 5 seconds."
    # Settings are locked while a run is on.
    assert page.get_by_label("Sets", exact=True).is_disabled()

    left = "Set 1 of 2, left side"
    timeline = [  # (after ms, (what shows, the clock), what a screen reader hears)
        (5_000, (f"{left}: hold", "0:04"), f"{left}: hold for 4 seconds."),
        (4_000, ("Switch to the right side", "0:05"), "Switch sides: right side in 5 seconds."),
        (5_000, ("Set 1 of 2, right side: hold", "0:04"), None),
        (4_000, ("Rest. Next: set 2 of 2", "0:06"), "Rest for 6 seconds."),
        (6_000, ("Set 2 of 2, left side: hold", "0:04"), None),
        (1_000, ("Set 2 of 2, left side: hold", "0:03"), None),
    ]
    for ms, screen, announcement in timeline:
        page.clock.run_for(ms)
        assert shown(page) == screen
        if announcement:
            assert said(page) == announcement
    page.clock.run_for(3_000 + 5_000 + 4_000)
    assert shown(page) == ("Done: 2 sets finished.", "0:00")
    assert said(page) == "Done. 2 sets finished. Well done."
    assert page.get_by_role("button", name="Start again").is_visible()
    assert not page.get_by_label("Sets", exact=True).is_disabled()
    assert page.errors == []


def test_timer_counts_reps_at_a_steady_tempo(timer_page):
    page = timer_page(KNEELING)
    set_up(page, "Warm-up before training", sets=1, amount=3, rest=30)
    assert "3 reps, one about every 3 seconds" in page.locator("[data-timer-summary]").inner_text()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(5_000)
    assert shown(page) == ("Set 1 of 1: rep 1 of 3", "0:09")
    assert said(page) == "Set 1 of 1: 3 reps. Rep 1."
    page.clock.run_for(3_000)
    assert shown(page)[0] == "Set 1 of 1: rep 2 of 3"
    assert said(page) == "Rep 2."
    page.clock.run_for(3_000)
    assert said(page) == "Rep 3, the last."
    page.clock.run_for(3_000)
    assert said(page) == "Done. 1 set finished. Well done."
    assert page.errors == []


def test_timer_pauses_resumes_and_resets_from_the_keyboard(timer_page):
    page = timer_page(HIP_FLEXOR)
    set_up(page, "Desk-break reset", sets=1, amount=20, rest=0)
    start = page.get_by_role("button", name="Start")
    start.focus()
    page.keyboard.press("Space")
    page.clock.run_for(8_000)  # 5 s to get ready, 3 s into the hold
    assert shown(page) == ("Set 1 of 1, left side: hold", "0:17")
    page.keyboard.press("Space")  # the same button, now "Pause"
    assert said(page) == "Paused."
    page.clock.run_for(30_000)
    assert shown(page)[1] == "0:17"
    page.get_by_role("button", name="Resume").press("Enter")
    page.clock.run_for(7_000)
    assert shown(page)[1] == "0:10"
    assert said(page) == "10 seconds left."
    page.get_by_role("button", name="Reset").click()
    assert shown(page) == ("Press Start when you are in position.", "0:20")
    assert said(page) == "Timer reset."
    assert page.evaluate("document.activeElement.textContent") == "Start"


def test_timer_countdown_does_not_pulse_for_readers_who_reduce_motion(timer_page):
    for preference, animated in (("no-preference", True), ("reduce", False)):
        page = timer_page(HIP_FLEXOR, reduced_motion=preference)
        page.get_by_role("button", name="Start").click()
        page.clock.run_for(3_000)  # the last seconds of "get ready"
        animation = page.locator("[data-timer-clock]").evaluate(
            "el => getComputedStyle(el).animationName"
        )
        assert (animation != "none") == animated, preference


def test_timer_beeps_only_when_asked_and_needs_no_sound_files(timer_page):
    page = timer_page(HIP_FLEXOR)
    page.evaluate(
        """() => {
            window.tones = 0;
            const create = AudioContext.prototype.createOscillator;
            AudioContext.prototype.createOscillator = function () {
                window.tones += 1;
                return create.call(this);
            };
        }"""
    )
    loaded = list(page.requested_urls)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(6_000)
    assert page.evaluate("window.tones") == 0
    page.get_by_role("button", name="Reset").click()
    page.get_by_label("Beep").check()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(6_000)
    assert page.evaluate("window.tones") >= 4  # the check, get ready, 3-2-1, the hold
    # Tones are made here: nothing is fetched but step pictures scrolling into view.
    fetched = [url for url in page.requested_urls if url not in loaded]
    assert all(url.endswith((".avif", ".webp", ".jpg", ".png")) for url in fetched), fetched
