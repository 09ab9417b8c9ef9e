"""The exercise page's sections, worked out once in Python from a prefetched exercise.

The detail template, the JSON API and the JSON-LD all read an `ExercisePage`, so they agree
on what each section holds, and templates never filter related rows (which would query).
"""

import html
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import strip_tags

from .markdown import remembered_for_short_texts, render_markdown
from .models import Exercise, Step, Tip

SUMMARY_WORDS = 32


@remembered_for_short_texts  # strip_tags runs an HTML parser: ~0.1 ms for an intro
def plain_text(markdown_text: str) -> str:
    """Markdown as one line of plain text (for meta tags, JSON-LD and feeds)."""
    return " ".join(html.unescape(strip_tags(render_markdown(markdown_text))).split())


def first_words(text: str, count: int) -> str:
    """The text's first `count` words, with "…" if there were more (as Django's
    Truncator.words, which costs several times as much through its lazy wrapper)."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    start = " ".join(words[:count])
    return start if start.endswith("…") else f"{start}…"


def summary(exercise: Exercise) -> str:
    """One or two plain sentences about the exercise: the editor's, or the intro's start."""
    if exercise.meta_description:
        return exercise.meta_description
    return first_words(plain_text(exercise.intro), SUMMARY_WORDS)


@dataclass(frozen=True)
class Section:
    id: str
    title: str


class ExercisePage:
    """Everything the exercise page shows, grouped. Built from the rows that
    `exercises.page_queries.load_exercise_page` reads, so reading it runs no queries."""

    def __init__(
        self,
        exercise: Exercise,
        *,
        sets_reps: list,
        steps: list,
        tips: list,
        faqs: list,
        recommended_equipment: list,
        primary_muscles: list,
        secondary_muscles: list,
        equipment: list,
        optional_equipment: list,
        related: list,
        variations: list,
    ):
        self.exercise = exercise
        self.setup_steps = [s for s in steps if s.phase == Step.Phase.SETUP]
        self.execution_steps = [s for s in steps if s.phase != Step.Phase.SETUP]
        self.all_tips = tips  # the editors' order, mistakes included
        self.tips = [t for t in tips if t.kind != Tip.Kind.MISTAKE]
        self.mistakes = [t for t in tips if t.kind == Tip.Kind.MISTAKE]
        self.sets_reps = sets_reps
        self.faqs = faqs
        self.recommended_equipment = recommended_equipment
        self.primary_muscles = primary_muscles
        self.secondary_muscles = secondary_muscles
        self.equipment = equipment
        self.optional_equipment = optional_equipment
        # Published neighbours only (see exercises.page_queries).
        self.related = related
        self.variations = variations

    @cached_property
    def intro_html(self) -> str:
        return render_markdown(self.exercise.intro)

    @cached_property
    def description(self) -> str:
        return summary(self.exercise)

    @property
    def has_sets_reps(self) -> bool:
        return bool(self.sets_reps or self.exercise.progression_rule)

    @property
    def has_setup(self) -> bool:
        return bool(self.setup_steps or self.exercise.setup_tip)

    @property
    def has_execution(self) -> bool:
        return bool(self.execution_steps or self.exercise.execution_tip)

    @property
    def has_equipment_section(self) -> bool:
        return bool(self.recommended_equipment or self.exercise.equipment_tip)

    @property
    def tips_title(self) -> str:
        # The source articles: "Pro Tips & Common Mistakes", or "Tips & Tricks" without mistakes.
        return "Pro Tips & Common Mistakes" if self.mistakes else "Tips & Tricks"

    @cached_property
    def sections(self) -> list[Section]:
        """The table of contents: only the sections that have something to show."""
        candidates = [
            ("overview", "Quick Overview", True),
            ("sets-reps", "Sets & Reps by Goal", self.has_sets_reps),
            ("setup", "Setup / Starting Position", self.has_setup),
            ("execution", "Execution, Step by Step", self.has_execution),
            ("tips", self.tips_title, bool(self.all_tips)),
            ("faq", "FAQ", bool(self.faqs)),
            ("equipment", "Recommended Equipment", self.has_equipment_section),
        ]
        return [Section(id_, title) for id_, title, shown in candidates if shown]

    @property
    def section_ids(self) -> set[str]:
        return {s.id for s in self.sections}

    @cached_property
    def overview(self) -> list["OverviewRow"]:
        """Rows of the Quick Overview table, in the source articles' order."""
        ex = self.exercise
        rows = []
        if ex.body_part_id:
            rows.append(OverviewRow("Body Part", terms=[ex.body_part]))
        if self.primary_muscles:
            rows.append(OverviewRow("Primary Muscle(s)", terms=self.primary_muscles))
        if self.secondary_muscles:
            rows.append(OverviewRow("Secondary Muscle(s)", terms=self.secondary_muscles))
        rows.append(
            OverviewRow(
                "Equipment",
                terms=self.equipment,
                text="" if self.equipment else "None needed",
                optional_terms=self.optional_equipment,
            )
        )
        label = ex.get_difficulty_display()
        note = ex.difficulty_note.strip()
        # Editors often start the note with the level itself ("Beginner: easy to learn").
        for prefix in (f"{label}:", f"{label} -", f"{label} –", f"{label},"):
            if note.lower().startswith(prefix.lower()):
                note = note[len(prefix) :].strip()
        rows.append(OverviewRow("Difficulty", text=label, note=note))
        return rows


@dataclass
class OverviewRow:
    label: str
    terms: list = field(default_factory=list)
    text: str = ""
    note: str = ""
    optional_terms: list = field(default_factory=list)
