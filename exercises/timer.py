"""The hold and rep timer's plan, read from the sets & reps rows editors write as free text.

A row such as "2–3" sets of "20–30 s hold per side" becomes a `TimerPlan` the page hands to
static/js/timer.js (as data attributes inside a <template>, so readers without JavaScript
get nothing extra). Rows that cannot be read with confidence ("as many as feel good",
"8–12 + 20 s hold") get no timer: a wrong timer is worse than none.
"""

import re
from dataclasses import dataclass

from .models import SetsReps

GET_READY_SECONDS = 5
SWITCH_SIDES_SECONDS = 5
REST_SECONDS = 30
TEMPO_SECONDS = 3  # one rep at a steady tempo: about a second and a half out and back
SLOW_TEMPO_SECONDS = 5  # "slow rocks", "cycles" of two movements

MAX_SETS = 10
MAX_REPS = 100
MAX_HOLD_SECONDS = 600

_DASHES = re.compile(r"\s*(?:[‐‑‒–—―-]|to)\s*")
_RANGE = r"(\d{1,3})(?:-(\d{1,3}))?"
# The whole text must be one quantity with words we know around it.
_HOLD = re.compile(
    rf"^(?:hold\s+(?:for\s+)?)?{_RANGE}\s*(s|secs?|seconds?|min|mins|minutes?)\b\.?"
    r"(?:\s*(?:holds?|stretch|static|each|per))?"
)
_CLOCK = re.compile(r"^(?:hold\s+(?:for\s+)?)?(\d{1,2}):([0-5]\d)\b(?:\s*holds?)?")
_REPS = re.compile(
    rf"^{_RANGE}\b(?:\s*(?:slow|easy|gentle|controlled|smooth))?"
    r"(?:\s*(reps?|repetitions?|cycles?|rocks?|reaches?|circles?|rolls?|breaths?|pulses?))?"
)
_SETS = re.compile(rf"^{_RANGE}\b(?:\s*(?:sets?|rounds?))?(?:\s*(?:easy|gentle|light))?\s*$")
_SIDE = re.compile(r"(?:\bper|\beach|\ba|/)\s*(side|leg|arm)\b|\b(?:both )?sides\b")
_SLOW = re.compile(r"\b(?:slow|slowly|cycles?|breaths?)\b")
_PAUSE = re.compile(
    rf"\b(?:hold|pause)\b[^.]*?\b{_RANGE}\s*(?:s|secs?|seconds?)\b[^.]*?\b(?:each|every|per)\s+rep"
)


@dataclass(frozen=True)
class TimerPlan:
    """One goal's sets, and reps or holds, as numbers a timer can count.

    Ranges keep both ends: the timer starts from the low one and offers the range."""

    goal: str
    sets: int
    sets_max: int
    reps: int | None = None  # reps in a set (on each side), or
    reps_max: int | None = None
    hold: int | None = None  # seconds of one hold (on each side)
    hold_max: int | None = None
    side: str = ""  # "side", "leg" or "arm" when the row is done on each side in turn
    tempo: int = TEMPO_SECONDS  # seconds a rep takes
    rest: int = REST_SECONDS  # seconds between sets

    @property
    def is_hold(self) -> bool:
        return self.hold is not None


def _normalise(text: str) -> str:
    text = text.lower().replace("×", "x").replace("\u00a0", " ")
    return " ".join(_DASHES.sub("-", text).split())


def _range(match, first: int = 1, scale: int = 1) -> tuple[int, int] | None:
    low = int(match.group(first)) * scale
    high = int(match.group(first + 1)) * scale if match.group(first + 1) else low
    return (low, high) if 0 < low <= high else None


def read_sets(text: str) -> tuple[int, int] | None:
    """'2–3' -> (2, 3); '1–2 easy' -> (1, 2); anything else -> None."""
    match = _SETS.match(_normalise(text))
    sets = match and _range(match)
    return sets if sets and sets[1] <= MAX_SETS else None


def read_reps(text: str) -> dict | None:
    """What one set is: {'hold': (20, 30)} or {'reps': (8, 12)}, with 'side' and 'slow',
    or None when the text is not one quantity the timer understands."""
    text = _normalise(text)
    side_match = _SIDE.search(text)
    side = (side_match.group(1) or "side") if side_match else ""
    rest = _SIDE.sub(" ", text).strip(" ,.")
    if clock := _CLOCK.match(rest):
        seconds = int(clock.group(1)) * 60 + int(clock.group(2))
        amount, leftover = {"hold": (seconds, seconds)}, rest[clock.end() :]
    elif hold := _HOLD.match(rest):
        scale = 60 if hold.group(3).startswith("m") else 1
        amount, leftover = {"hold": _range(hold, scale=scale)}, rest[hold.end() :]
    elif reps := _REPS.match(rest):
        amount, leftover = {"reps": _range(reps)}, rest[reps.end() :]
    else:
        return None
    if leftover.strip(" ,.") or None in amount.values():
        return None  # more than one quantity, or words the timer cannot place
    kind, (_, high) = next(iter(amount.items()))
    if high > (MAX_HOLD_SECONDS if kind == "hold" else MAX_REPS):
        return None
    return {**amount, "side": side, "slow": bool(_SLOW.search(text))}


def rep_tempo(reps_text: str, guidance: str, slow: bool) -> int:
    """Seconds one rep takes: steady, slower when the row says so, plus any pause the
    guidance asks for on each rep ("Hold the stretched position for 3–5 seconds on each
    rep" adds 3)."""
    tempo = SLOW_TEMPO_SECONDS if slow else TEMPO_SECONDS
    pause = _PAUSE.search(_normalise(guidance))
    return tempo + (int(pause.group(1)) if pause else 0)


def plan_for(row: SetsReps) -> TimerPlan | None:
    """The timer's plan for one sets & reps row, or None when the row cannot be read."""
    sets = read_sets(row.sets)
    amount = read_reps(row.reps)
    if sets is None or amount is None:
        return None
    plan = {"goal": row.goal, "sets": sets[0], "sets_max": sets[1], "side": amount["side"]}
    if "hold" in amount:
        plan["hold"], plan["hold_max"] = amount["hold"]
    else:
        plan["reps"], plan["reps_max"] = amount["reps"]
        plan["tempo"] = rep_tempo(row.reps, row.guidance, amount["slow"])
    return TimerPlan(**plan)
