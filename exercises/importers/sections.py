"""The vocabulary both formats share: section titles, bullets, lead labels, call-outs, and
the small item grammars (sets × reps, "Name — why", overview rows).

Sites title their sections differently ("Execution (Step-by-Step)", "How to Do It",
"Instructions"); every variant maps to one section kind here, so both parsers agree.
"""

from __future__ import annotations

import re

from .article import Article, EquipmentItem, SetsRepsItem

OVERVIEW, SETS_REPS, SETUP, EXECUTION = "overview", "sets_reps", "setup", "execution"
TIPS, MISTAKES, FAQ, EQUIPMENT = "tips", "mistakes", "faq", "equipment"
# Sections with no field of their own; their text is kept at the end of the intro.
EXTRA = "extra"

SECTION_TITLES = {
    OVERVIEW: "Quick overview",
    SETS_REPS: "Sets & reps",
    SETUP: "Setup",
    EXECUTION: "Execution",
    TIPS: "Tips",
    MISTAKES: "Common mistakes",
    FAQ: "FAQ",
    EQUIPMENT: "Recommended equipment",
}

# Matched against the normalised title (see `normalise_heading`), whole title only.
HEADING_PATTERNS = [
    (
        OVERVIEW,
        r"(quick |exercise )?(overview|profile|facts|details)|at a glance"
        r"|(quick|key) (facts|info)|the basics",
    ),
    (
        SETS_REPS,
        r"(recommended |suggested )?(sets and reps|reps and sets|sets reps|sets and "
        r"repetitions|sets)( by goal)?|how many (sets and reps|reps)|programming"
        r"|dosage|volume",
    ),
    (
        SETUP,
        r"(the )?(setup|set up|starting position|start position|setup starting position"
        r"|setup and starting position|getting into position|preparation|positioning"
        r"|how to set up|get into position)",
    ),
    (
        EXECUTION,
        r"(the )?(execution|how to do it|how to perform it|how to do this( exercise| "
        r"stretch)?|how to do the .+|how to perform the .+|how to|instructions"
        r"|step by step( instructions| guide)?|steps|the steps|movement|technique"
        r"|proper form|form and technique|performing the (exercise|stretch))",
    ),
    (
        MISTAKES,
        r"(common |frequent |typical )?(mistakes|errors)( to avoid)?|what to avoid"
        r"|avoid these mistakes|things to avoid",
    ),
    (
        TIPS,
        r"(pro |coaching |form |expert |helpful |quick )?(tips|cues)( and tricks)?"
        r"|(pro )?tips and (common )?mistakes|tips and tricks|tips and (common )?errors"
        r"|coaching cues|form cues|tips for (better|proper) form",
    ),
    (
        FAQ,
        r"(faq|faqs|frequently asked questions|common questions|questions|questions and "
        r"answers|q and a|qa)( about [a-z0-9 ]{1,40})?|(?:[a-z0-9]+ ){1,4}faqs?",
    ),
    (
        EQUIPMENT,
        r"(recommended |suggested |optional |helpful )?(equipment|gear|tools|kit)"
        r"( needed| optional| you need)?|what you need|what you ll need|you ll need"
        r"|you will need|things you need",
    ),
    (
        EXTRA,
        r"(key |main |the )?benefits( of .+)?|why (it|this) works|variations|modifications"
        r"|alternatives|related exercises|similar exercises|muscles worked|safety( tips)?"
        r"|precautions|contraindications|who (it|this) is for|summary|conclusion"
        r"|bottom line|the bottom line|key takeaways|final thoughts|when to do it",
    ),
]
_HEADING_RES = [(kind, re.compile(f"^(?:{pattern})$")) for kind, pattern in HEADING_PATTERNS]

BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣∙·*+–-]|\d{1,3}[.)])\s+")
BOLD_LABEL_RE = re.compile(
    r"^(?:\*\*|__)(?P<label>(?:(?!\*\*|__).)+?)(?::(?:\*\*|__)|(?:\*\*|__):)(?:\s+|$)"
)
PLAIN_LABEL_RE = re.compile(r"^(?P<label>[^:]{1,100}?):\s+(?=\S)")
CALLOUT_RE = re.compile(
    r"^(?:\*\*|__)?(?P<kind>(?:pro |quick |coach(?:ing)?'?s? )?tip|progression(?: rule)?)"
    r"(?::(?:\*\*|__)?|(?:\*\*|__):)\s*(?P<text>.*)$",
    re.IGNORECASE,
)
MISTAKE_START_RE = re.compile(
    r"^(?:do not|don['’]?t|dont|avoid|never|mistake\b|common mistake\b|no more\b)",
    re.IGNORECASE,
)


def normalise_heading(text: str) -> str:
    """'## Execution (Step-by-Step):' -> 'execution'; '**Sets & Reps**' -> 'sets and reps'."""
    text = text.strip().lstrip("#").strip()
    text = re.sub(r"^(?:\*\*|__)(.*)(?:\*\*|__)$", r"\1", text).strip()
    text = text.rstrip(":").strip()
    text = re.sub(r"\([^)]*\)", " ", text)  # "(Step-by-Step)", "(Optional)"
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def classify_heading(text: str) -> str | None:
    """The section kind a title introduces, or None when it is not a title we know."""
    if len(text) > 80 or text.rstrip().endswith(("?", ".", "!")):
        return None
    normalised = normalise_heading(text)
    if not normalised:
        return None
    for kind, regex in _HEADING_RES:
        if regex.match(normalised):
            return kind
    return None


def strip_bullet(line: str) -> tuple[bool, str]:
    """(True, text) for a list item written with •, -, *, + or 1. / 1); else (False, line)."""
    match = BULLET_RE.match(line)
    if match and not line.lstrip().startswith(("**", "__", "---", "***")):
        return True, line[match.end() :].strip()
    return False, line.strip()


def split_label(text: str, *, plain: bool) -> tuple[str, str]:
    """Split a lead label off an item: '**Label:** text', or with `plain`, 'Label: text'.

    A plain label must look like one: short, no sentence punctuation, no link.
    """
    match = BOLD_LABEL_RE.match(text)
    if match:
        return match.group("label").strip(), text[match.end() :].strip()
    if plain:
        match = PLAIN_LABEL_RE.match(text)
        if match:
            label = match.group("label").strip()
            if (
                len(label.split()) <= 10
                and not re.search(r"[.!?;]|https?$|\*\*", label)
                and not label[:1].isdigit()
            ):
                return label, text[match.end() :].strip()
    return "", text.strip()


def split_callout(text: str) -> tuple[str, str] | None:
    """('tip', text) for 'Tip: ...', ('progression', text) for 'Progression rule: ...'."""
    match = CALLOUT_RE.match(text.strip())
    if not match:
        return None
    kind = "progression" if match.group("kind").lower().startswith("progression") else "tip"
    return kind, match.group("text").strip()


def is_mistake(label: str, text: str) -> bool:
    """'Do not ...', 'Avoid ...', "Don't ...", 'Never ...' describe mistakes. The label
    decides when there is one: 'Stay relaxed: avoid lifting the chin' is a tip."""
    return bool(MISTAKE_START_RE.match(label or text))


# ----- sets × reps ---------------------------------------------------------------------

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


def parse_sets_reps(text: str) -> tuple[str, str, str] | None:
    """'1–2 sets × 8–12 reps with slow, controlled movement' -> ('1–2', '8–12', 'Slow, ...')."""
    match = SETS_REPS_RE.match(text.strip())
    if not match:
        return None
    reps = match.group("reps").strip()
    if match.group("side"):
        reps = f"{reps} {match.group('side').strip()}"
    guidance = re.sub(r"^(?:with|using|and)\s+", "", match.group("rest").strip(), flags=re.I)
    return match.group("sets").strip(), reps, capitalise(guidance.rstrip())


def sets_reps_item(text: str, line: int, article: Article) -> SetsRepsItem:
    """One 'Goal: 2 sets × 10 reps ...' line. Unreadable counts keep the text as guidance
    and tell the editor, rather than guessing numbers."""
    goal, rest = split_label(text, plain=True)
    parsed = parse_sets_reps(rest)
    if parsed is None and not goal:
        parsed = parse_sets_reps(text)
        if parsed:
            goal, rest = "", text
    if parsed is None:
        article.note(
            line,
            f"Could not find 'sets × reps' in “{shorten(text)}”; kept it as guidance, "
            "please fill in the sets and reps.",
        )
        return SetsRepsItem(goal=goal or "General", sets="", reps="", guidance=rest, line=line)
    sets, reps, guidance = parsed
    return SetsRepsItem(goal=goal or "General", sets=sets, reps=reps, guidance=guidance, line=line)


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
DIFFICULTY_WORDS = {"beginner": "beginner", "easy": "beginner", "novice": "beginner",
                    "intermediate": "intermediate", "moderate": "intermediate",
                    "advanced": "advanced", "hard": "advanced", "expert": "advanced"}  # fmt: skip


def overview_key(key: str) -> str | None:
    normalised = normalise_heading(key)
    for name, regex in _OVERVIEW_RES:
        if regex.match(normalised):
            return name
    return None


def split_names(value: str) -> list[str]:
    """'Latissimus dorsi, erector spinae' -> ['Latissimus dorsi', 'Erector spinae']."""
    names = [capitalise(part.strip(" .*_")) for part in re.split(r"[,;]|\s+&\s+", value)]
    return [name for name in names if name and not NO_EQUIPMENT_RE.match(name)]


def apply_overview_row(article: Article, key: str, value: str, line: int) -> bool:
    """Fill the article from one overview row; False when the key means nothing to us."""
    field_name = overview_key(key)
    value = value.strip().strip("*_").strip()
    if field_name is None:
        return False
    article.lines[field_name] = line
    if field_name == "body_part":
        article.body_part = capitalise(value.split(",")[0].strip())
    elif field_name in ("primary_muscles", "secondary_muscles", "optional_equipment"):
        getattr(article, field_name).extend(split_names(value))
    elif field_name == "equipment":
        optional = OPTIONAL_RE.search(value)
        if optional:
            article.optional_equipment.extend(
                split_names(optional.group("items") or optional.group("rest") or "")
            )
            value = value[: optional.start()] + value[optional.end() :]
        value = value.strip(" ,;")
        if not NO_EQUIPMENT_RE.match(value):
            article.equipment.extend(split_names(value))
    elif field_name == "difficulty":
        apply_difficulty(article, value, line)
    return True


def apply_difficulty(article: Article, value: str, line: int) -> None:
    """'Beginner (easy to learn ...)' -> beginner, note 'Beginner: easy to learn ...'."""
    words = re.findall(r"[a-z]+", value.lower())
    level = next((DIFFICULTY_WORDS[w] for w in words if w in DIFFICULTY_WORDS), "")
    if not level:
        article.note(line, f"Difficulty “{shorten(value)}” is not beginner, intermediate or "
                           "advanced; kept it as the difficulty note only.")  # fmt: skip
        article.difficulty_note = value
        return
    article.difficulty = level
    detail = re.match(r"^\s*[A-Za-z]+\s*(?:\((?P<inner>.*)\)|[:—–-]\s*(?P<after>.*))\s*$", value)
    if detail and (detail.group("inner") or detail.group("after")):
        text = (detail.group("inner") or detail.group("after")).strip()
        article.difficulty_note = f"{level.capitalize()}: {text}"
    elif value.strip().lower() != level:
        article.difficulty_note = value.strip()


# ----- small text helpers ---------------------------------------------------------------


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


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


def is_sets_reps_header(cells: list[str]) -> bool:
    """'| Goal | Sets | Reps or hold | Guidance |' (a goal may itself be called "Goal")."""
    return len(cells) >= 2 and cells[0].lower() == "goal" and cells[1].lower().startswith("set")
