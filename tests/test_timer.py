"""The hold and rep timer's plans, read from the free text of the sets & reps rows."""

import pytest
from bs4 import BeautifulSoup

from exercises.models import SetsReps
from exercises.timer import TimerPlan, plan_for, read_reps, read_sets
from tests.factories import make_exercise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8–12", {"reps": (8, 12), "side": "", "slow": False}),
        ("10", {"reps": (10, 10), "side": "", "slow": False}),
        ("10 reps each leg", {"reps": (10, 10), "side": "leg", "slow": False}),
        ("10 per side", {"reps": (10, 10), "side": "side", "slow": False}),
        ("8–10 slow rocks per side", {"reps": (8, 10), "side": "side", "slow": True}),
        ("6-8 slow reaches per leg", {"reps": (6, 8), "side": "leg", "slow": True}),
        ("8 to 10 cycles", {"reps": (8, 10), "side": "", "slow": True}),
        ("20–30 s hold", {"hold": (20, 30), "side": "", "slow": False}),
        ("30s", {"hold": (30, 30), "side": "", "slow": False}),
        ("Hold 45 seconds", {"hold": (45, 45), "side": "", "slow": False}),
        ("20–30 s hold per side", {"hold": (20, 30), "side": "side", "slow": False}),
        ("1 min hold each arm", {"hold": (60, 60), "side": "arm", "slow": False}),
        ("1:30", {"hold": (90, 90), "side": "", "slow": False}),
    ],
)
def test_reps_and_holds_are_read_from_what_editors_write(text, expected):
    assert read_reps(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "AMRAP",
        "as many as feel good",
        "8–12 + 20 s hold",  # two quantities: which one would the timer count?
        "3 x 10",
        "12–8",  # a range that runs backwards
        "0",
        "500 reps",
        "20 minutes hold",  # longer than any hold the timer runs
    ],
)
def test_rows_the_timer_cannot_read_get_no_plan(text):
    assert read_reps(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2", (2, 2)), ("1–2", (1, 2)), ("1–2 easy", (1, 2)), ("3 sets", (3, 3)),
     ("as needed", None), ("0", None), ("12", None), ("2-3 sets of 10", None)],
)  # fmt: skip
def test_sets_are_read_as_a_range(text, expected):
    assert read_sets(text) == expected


def row(sets="2–3", reps="20–30 s hold per leg", guidance=""):
    return SetsReps(goal="Cool-down", sets=sets, reps=reps, guidance=guidance)


def test_a_hold_plan_keeps_both_ends_of_each_range():
    assert plan_for(row()) == TimerPlan(
        goal="Cool-down", sets=2, sets_max=3, hold=20, hold_max=30, side="leg"
    )


def test_reps_get_a_steady_tempo_slower_when_the_row_says_so_and_any_pause_per_rep():
    assert plan_for(row(reps="8–12")).tempo == 3
    assert plan_for(row(reps="8–10 slow rocks per side")).tempo == 5
    paused = row(reps="6–10", guidance="Hold the stretched position for 3–5 seconds on each rep.")
    assert plan_for(paused).tempo == 6


def test_a_row_with_unreadable_sets_or_reps_has_no_plan():
    assert plan_for(row(sets="as many as you like")) is None
    assert plan_for(row(reps="until it feels easier")) is None


@pytest.mark.django_db
def test_the_page_carries_plans_for_readable_rows_only_and_shows_nothing_without_script(client):
    exercise = make_exercise(children=0)
    SetsReps.objects.create(exercise=exercise, order=0, goal="Warm-up", sets="1–2", reps="8–12")
    SetsReps.objects.create(exercise=exercise, order=1, goal="Odd", sets="2", reps="AMRAP")
    SetsReps.objects.create(
        exercise=exercise, order=2, goal="Cool-down", sets="2", reps="30 s hold per side"
    )
    soup = BeautifulSoup(client.get(exercise.get_absolute_url()).content, "html.parser")
    template = soup.select_one("#sets-reps template[data-timer]")
    # CSS selectors do not reach into a <template>'s content, as in a browser: parse it.
    options = BeautifulSoup(template.decode_contents(), "html.parser").select("option")
    assert [o.text for o in options] == ["Warm-up", "Cool-down"]
    assert (options[0]["data-sets"], options[0]["data-reps"], options[0]["data-tempo"]) == (
        "1",
        "8",
        "3",
    )
    assert (options[1]["data-hold"], options[1]["data-side"]) == ("30", "side")
    assert soup.select_one('script[src$="js/timer.js"]')
    # Outside the <template> the page has no timer: nothing shows without JavaScript.
    template.decompose()
    assert not soup.select(".timer, [data-timer-start]")
    assert len(soup.select("#sets-reps tbody tr")) == 3  # the table still lists every row


@pytest.mark.django_db
def test_no_timer_or_its_script_when_no_row_can_be_read(client):
    exercise = make_exercise(children=0)
    SetsReps.objects.create(exercise=exercise, goal="Odd", sets="a few", reps="AMRAP")
    soup = BeautifulSoup(client.get(exercise.get_absolute_url()).content, "html.parser")
    assert not soup.select("template[data-timer]")
    assert not soup.select('script[src$="js/timer.js"]')
