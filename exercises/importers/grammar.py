"""The importer's grammar, shared by both formats: what a section title, a bullet, a lead
label, a call-out, a question, a sets × reps line, an equipment line and an overview row
look like.

Section titles come from the declaration (`exercises.sections.SECTIONS`: each section's
title, file heading and aliases); only the importer's own two kinds of heading are here:
headings of mistakes alone, and headings of sections the page does not have (kept in the
intro).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import sections as declaration
from ..models import Difficulty
from .article import EquipmentItem

# A tips heading that names mistakes alone makes every tip under it a mistake.
MISTAKES_HEADING = (
    r"(common |frequent |typical )?(mistakes|errors)( to avoid)?|what to avoid"
    r"|avoid these mistakes|things to avoid"
)
# Sections the page does not have; their text is kept at the end of the intro.
EXTRA_HEADING = (
    r"(key |main |the )?benefits( of .+)?|why (it|this) works|variations|modifications"
    r"|alternatives|related exercises|similar exercises|muscles worked|safety( tips)?"
    r"|precautions|contraindications|who (it|this) is for|summary|conclusion"
    r"|bottom line|the bottom line|key takeaways|final thoughts|when to do it"
)
_MISTAKES_RE = re.compile(f"^(?:{MISTAKES_HEADING})$")
_EXTRA_RE = re.compile(f"^(?:{EXTRA_HEADING})$")

BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣∙·*+–-]|\d{1,3}[.)])\s+")
BOLD_LABEL_RE = re.compile(
    r"^(?:\*\*|__)(?P<label>(?:(?!\*\*|__).)+?)(?::(?:\*\*|__)|(?:\*\*|__):)(?:\s+|$)"
)
PLAIN_LABEL_RE = re.compile(r"^(?P<label>[^:]{1,100}?):\s+(?=\S)")
TIP, PROGRESSION = "tip", "progression"
CALLOUT_RE = re.compile(
    r"^(?:\*\*|__)?(?P<kind>(?:pro |quick |coach(?:ing)?'?s? )?tip|progression(?: rule)?)"
    r"(?::(?:\*\*|__)?|(?:\*\*|__):)\s*(?P<text>.*)$",
    re.IGNORECASE,
)
# The exercise field a 'Progression rule:' call-out fills, wherever it stands; a section's
# 'Tip:' call-out fills the section's note.
PROGRESSION_FIELD = "progression_rule"
MISTAKE_START_RE = re.compile(
    r"^(?:do not|don['’]?t|dont|avoid|never|mistake\b|common mistake\b|no more\b)",
    re.IGNORECASE,
)
# In formats with plain labels, a label that only names the kind of tip.
TIP_LABELS, MISTAKE_LABELS = {"tip", "pro tip", "quick tip"}, {"mistake", "common mistake", "avoid"}
QUESTION_PREFIX_RE = re.compile(r"^(?:\*\*|__)?(?:Q(?:uestion)?\s*[:.]\s*)?")
ANSWER_PREFIX_RE = re.compile(r"^(?:A(?:nswer)?\s*[:.]\s+)")
ANCHOR_RE = re.compile(r"\s*\{#(?P<anchor>[A-Za-z0-9_-]+)\}\s*$")
ESCAPED_LABEL = "\\**"  # a label-less item that opens in bold
ROW_BREAK = "<br>"  # a line break inside a generic table's cell


# ----- section titles -------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    """What a heading opens: a declared section, or (section None) text kept in the intro."""

    section: declaration.Section | None
    mistakes: bool = False  # a heading of mistakes alone


def normalise_heading(text: str) -> str:
    """'## Execution (Step-by-Step):' -> 'execution'; '**Sets & Reps**' -> 'sets and reps'."""
    text = text.strip().lstrip("#").strip()
    text = re.sub(r"^(?:\*\*|__)(.*)(?:\*\*|__)$", r"\1", text).strip()
    text = text.rstrip(":").strip()
    text = re.sub(r"\([^)]*\)", " ", text)  # "(Step-by-Step)", "(Optional)"
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def classify_heading(text: str) -> Title | None:
    """The section a title opens, or None when it is not a title we know.

    Matched, ignoring case, punctuation and brackets, against each declared section's
    title, file heading and aliases, in the declaration's order."""
    if len(text) > 80 or text.rstrip().endswith(("?", ".", "!")):
        return None
    normalised = normalise_heading(text)
    if not normalised:
        return None
    for section, regex in _title_patterns(declaration.SECTIONS):
        if regex.match(normalised):
            return Title(section, mistakes=bool(_MISTAKES_RE.match(normalised)))
    if _EXTRA_RE.match(normalised):
        return Title(None)
    return None


@lru_cache(maxsize=4)
def _title_patterns(sections: tuple) -> list[tuple[declaration.Section, re.Pattern]]:
    patterns = []
    for section in sections:
        titles = [section.file_heading] + (
            [section.title] if isinstance(section.title, str) else []
        )
        names = [re.escape(normalise_heading(title)) for title in titles]
        if section.aliases:
            names.append(section.aliases)
        patterns.append((section, re.compile(f"^(?:{'|'.join(names)})$")))
    return patterns


# ----- items ----------------------------------------------------------------------------


class Labelled(NamedTuple):
    label: str
    text: str


class CalloutText(NamedTuple):
    kind: str  # TIP or PROGRESSION
    text: str


def strip_bullet(line: str) -> str | None:
    """The text of a list item written with •, -, *, + or 1. / 1); None for other lines."""
    match = BULLET_RE.match(line)
    if match and not line.lstrip().startswith(("**", "__", "---", "***")):
        return line[match.end() :].strip()
    return None


def split_label(text: str, *, plain: bool) -> Labelled:
    """Split a lead label off an item: '**Label:** text', or with `plain`, 'Label: text'.

    A plain label must look like one: short, no sentence punctuation, no link.
    """
    match = BOLD_LABEL_RE.match(text)
    if match:
        return Labelled(match.group("label").strip(), text[match.end() :].strip())
    if plain:
        match = PLAIN_LABEL_RE.match(text)
        if match:
            label = match.group("label").strip()
            if (
                len(label.split()) <= 10
                and not re.search(r"[.!?;]|https?$|\*\*", label)
                and not label[:1].isdigit()
            ):
                return Labelled(label, text[match.end() :].strip())
    return Labelled("", text.strip())


def split_item(text: str, *, plain: bool) -> Labelled:
    """A step or tip: its label and text. A label alone is the text; '\\**' keeps a bold
    opening from reading as a label."""
    label, rest = split_label(text, plain=plain)
    if not label:
        return Labelled("", unescape(text.strip()))
    if not rest:
        return Labelled("", label)
    return Labelled(label, rest)


def unescape(text: str) -> str:
    return text[1:] if text.startswith(ESCAPED_LABEL) else text


def split_callout(text: str) -> CalloutText | None:
    """'Tip: ...' and 'Progression rule: ...' call-outs."""
    match = CALLOUT_RE.match(text.strip())
    if not match:
        return None
    kind = PROGRESSION if match.group("kind").lower().startswith("progression") else TIP
    return CalloutText(kind, match.group("text").strip())


def is_mistake(label: str, text: str) -> bool:
    """'Do not ...', 'Avoid ...', "Don't ...", 'Never ...' describe mistakes. The label
    decides when there is one: 'Stay relaxed: avoid lifting the chin' is a tip."""
    return bool(MISTAKE_START_RE.match(label or text))


def question_text(line: str) -> str:
    """'**Can I do it daily?**' or 'Q: Can I do it daily?' -> the question; '' for a line
    that is not one (an indented line, an 'A:' line, a line not ending in '?')."""
    if line[:1].isspace() or ANSWER_PREFIX_RE.match(line):
        return ""
    text = QUESTION_PREFIX_RE.sub("", line.strip()).strip().strip("*_").strip()
    return text if text.endswith("?") else ""


def is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def split_table_row(line: str) -> list[str]:
    """'| a | b \\| c |' -> ['a', 'b | c']: cells of a pipe-table row, escapes undone."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [cell.strip().replace("\\|", "|") for cell in cells]


def is_table_separator(line: str) -> bool:
    return bool(re.match(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$", line))


# ----- sets × reps ----------------------------------------------------------------------

_NUM = r"\d+(?:\s*(?:–|—|-|to)\s*\d+)?"
_REPS_UNIT = (
    r"(?:[\s-]*(?:s|sec|secs|seconds?|min|mins|minutes?|breaths?|cycles?|circles?|steps?"
    r"|swings?|passes|pulses?)\b(?:\s+(?:holds?|pauses?))?)?"
)
SETS_REPS_RE = re.compile(
    rf"^(?P<sets>{_NUM}(?:\s+(?!sets?\b|x\b|of\b)[A-Za-z-]+)?)\s*(?:sets?\b)?\s*"
    rf"(?:×|x|X|\*|of)\s*(?P<reps>{_NUM}{_REPS_UNIT})\s*(?P<unit>reps?\b|repetitions\b)?"
    rf"(?P<side>\s*(?:per|each|on each)\s+(?:side|leg|arm|direction))?"
    r"[\s,;:—–-]*(?P<rest>.*)$",
    re.IGNORECASE,
)


class SetsAndReps(NamedTuple):
    sets: str
    reps: str
    guidance: str


def parse_sets_reps(text: str) -> SetsAndReps | None:
    """'1–2 sets × 8–12 reps with slow, controlled movement' -> ('1–2', '8–12', 'Slow, ...')."""
    match = SETS_REPS_RE.match(text.strip())
    if not match:
        return None
    reps = match.group("reps").strip()
    if match.group("side"):
        reps = f"{reps} {match.group('side').strip()}"
    guidance = re.sub(r"^(?:with|using|and)\s+", "", match.group("rest").strip(), flags=re.I)
    return SetsAndReps(match.group("sets").strip(), reps, capitalise(guidance.rstrip()))


def is_sets_reps_header(cells: list[str]) -> bool:
    """'| Goal | Sets | Reps or hold | Guidance |' (a goal may itself be called "Goal")."""
    return len(cells) >= 2 and cells[0].lower() == "goal" and cells[1].lower().startswith("set")


# ----- recommended equipment ------------------------------------------------------------

ENTRY_MARKER_RE = re.compile(r"\s*\{equipment(?::\s*(?P<entry>[^}]+?))?\s*\}")
LINKED_NAME_RE = re.compile(r"^\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)\)")
EQUIPMENT_SEPARATOR_RE = re.compile(r"\s+[—–-]{1,2}\s+|\s*[—–]\s*")


def equipment_item(text: str, line: int, *, markers: bool) -> EquipmentItem:
    """'Foam Roller — loosens the back first' / '[Mat](https://…) — cushions the knees'.

    With `markers` (the Markdown format), '{equipment}' after the name links the row to the
    equipment entry of that name, and '{equipment: Entry}' to another entry.
    """
    text = text.strip()
    url = ""
    match = LINKED_NAME_RE.match(text)
    if match:
        name, url, rest = match.group("name"), match.group("url"), text[match.end() :]
    else:
        label, after = split_label(text, plain=False)
        if label:
            name, rest = label, " — " + after if after else ""
        else:
            parts = EQUIPMENT_SEPARATOR_RE.split(text, maxsplit=1)
            name, rest = parts[0], (" — " + parts[1] if len(parts) > 1 else "")
            marker_in_name = ENTRY_MARKER_RE.search(name)
            if marker_in_name:
                rest = name[marker_in_name.start() :] + rest
                name = name[: marker_in_name.start()]
    entry = None
    marker = ENTRY_MARKER_RE.match(rest)
    if marker and markers:
        entry = (marker.group("entry") or "").strip() or None
        rest = rest[marker.end() :]
        if entry is None:
            entry, name = name.strip(), ""
    why = EQUIPMENT_SEPARATOR_RE.sub("", rest, count=1) if rest.strip() else ""
    why = re.sub(r"^[\s:—–-]+", "", why).strip()
    name = name.strip().strip("*_").strip()
    return EquipmentItem(
        name=name, why=capitalise(why) if not markers else why, url=url, entry=entry, line=line
    )


# ----- the quick overview ---------------------------------------------------------------

OVERVIEW_KEYS = [
    ("body_part", r"body ?part|body area|body region|target area|area|region|category"),
    (
        "primary_muscles",
        r"primary muscles?|main muscles?|target muscles?|muscles? worked"
        r"|muscles? targeted|primary|muscles?|targets?",
    ),
    (
        "secondary_muscles",
        r"secondary muscles?|secondary|synergists?|supporting muscles?"
        r"|also works|stabili[sz]ers",
    ),
    ("optional_equipment", r"optional equipment|optional"),
    ("equipment", r"equipment|equipment needed|gear|equipment required|tools?"),
    ("difficulty", r"difficulty|level|difficulty level|skill level|experience level"),
]
_OVERVIEW_RES = [(key, re.compile(f"^(?:{pattern})$")) for key, pattern in OVERVIEW_KEYS]
NO_EQUIPMENT_RE = re.compile(
    r"^(?:none|no equipment|nothing|n/?a|bodyweight|body weight|bodyweight only|-|—)$", re.I
)
OPTIONAL_RE = re.compile(r"\(\s*optional\s*:?\s*(?P<items>[^)]*)\)|optional\s*:\s*(?P<rest>.*)$",
                         re.IGNORECASE)  # fmt: skip
DIFFICULTY_WORDS = {"beginner": Difficulty.BEGINNER, "easy": Difficulty.BEGINNER,
                    "novice": Difficulty.BEGINNER, "intermediate": Difficulty.INTERMEDIATE,
                    "moderate": Difficulty.INTERMEDIATE, "advanced": Difficulty.ADVANCED,
                    "hard": Difficulty.ADVANCED, "expert": Difficulty.ADVANCED}  # fmt: skip


class Level(NamedTuple):
    difficulty: str  # a Difficulty, or "" when the words name none
    note: str


def overview_key(key: str) -> str | None:
    """The article field an overview row fills: 'Target Muscles' -> 'primary_muscles'."""
    normalised = normalise_heading(key)
    for name, regex in _OVERVIEW_RES:
        if regex.match(normalised):
            return name
    return None


def split_names(value: str) -> list[str]:
    """'Latissimus dorsi, erector spinae' -> ['Latissimus dorsi', 'Erector spinae']."""
    names = [capitalise(part.strip(" .*_")) for part in re.split(r"[,;]|\s+&\s+", value)]
    return [name for name in names if name and not NO_EQUIPMENT_RE.match(name)]


def parse_level(value: str) -> Level:
    """'Beginner (easy to learn ...)' -> beginner, note 'Beginner: easy to learn ...'."""
    words = re.findall(r"[a-z]+", value.lower())
    level = next((DIFFICULTY_WORDS[w] for w in words if w in DIFFICULTY_WORDS), "")
    if not level:
        return Level("", value)
    detail = re.match(r"^\s*[A-Za-z]+\s*(?:\((?P<inner>.*)\)|[:—–-]\s*(?P<after>.*))\s*$", value)
    if detail and (detail.group("inner") or detail.group("after")):
        text = (detail.group("inner") or detail.group("after")).strip()
        return Level(level, f"{level.label}: {text}")
    if value.strip().lower() != level:
        return Level(level, value.strip())
    return Level(level, "")


# ----- small text helpers ---------------------------------------------------------------


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def unix_newlines(text: str) -> str:
    """Windows and old Mac line endings as Unix ones."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_newlines(text: str) -> str:
    """Unix line endings and no trailing spaces: what the importer keeps of any text."""
    return "\n".join(line.rstrip() for line in unix_newlines(text).split("\n"))
