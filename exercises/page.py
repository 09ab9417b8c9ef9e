"""What the exercise page shows, worked out once from an exercise read with
`Exercise.objects.for_detail_page()`.

The page, its JSON-LD and the JSON API all read an `ExercisePage`, so they agree on what
each section holds; everything here works on prefetched rows and runs no query.
"""

from dataclasses import dataclass, field
from functools import cached_property

from .markdown import markdown_to_text, render_markdown
from .models import Exercise, Tip
from .muscle_map import muscle_map
from .sections import SECTIONS, Section
from .seo import leading_sentences
from .seo import length_warnings as seo_length_warnings
from .timer import TimerPlan, plan_for
from .video import parse_video


def summary(exercise: Exercise) -> str:
    """One or two plain sentences about the exercise: the editor's meta description, or the
    intro's first whole sentences (as many as search engines show, and at least one)."""
    if exercise.meta_description:
        return exercise.meta_description
    return leading_sentences(markdown_to_text(exercise.intro))


def length_warnings(exercise: Exercise) -> list[str]:
    """Warnings for the editor when the exercise's title or description will be cut off in
    search results."""
    return seo_length_warnings(exercise.title, summary(exercise), not exercise.meta_description)


@dataclass(frozen=True)
class PageSection:
    """A section as this exercise fills it: its rows and closing note."""

    section: Section
    title: str
    rows: list
    note: str

    @property
    def anchor(self) -> str:
        return self.section.anchor

    @property
    def template(self) -> str:
        return self.section.template


def exercise_links(row) -> list:
    """The fields by which a section row links to another exercise (an easier one)."""
    return [
        field
        for field in row._meta.concrete_fields
        if field.many_to_one and field.related_model is Exercise and field.name != "exercise"
    ]


def links_only_published(row) -> bool:
    return all(getattr(row, field.name).is_published for field in exercise_links(row))


def linked_exercises(sections: list) -> list[Exercise]:
    return [
        getattr(row, field.name)
        for section in sections
        for row in section.rows
        if hasattr(row, "_meta")
        for field in exercise_links(row)
    ]


@dataclass
class OverviewRow:
    label: str
    terms: list = field(default_factory=list)
    text: str = ""
    note: str = ""
    optional_terms: list = field(default_factory=list)


class ExercisePage:
    """Everything the exercise page shows, grouped."""

    def __init__(self, exercise: Exercise):
        self.exercise = exercise
        self.sections: list[PageSection] = []
        self._rows = {section.anchor: section.rows_of(exercise) for section in SECTIONS}
        self.suggested = []  # exercises a section suggests (Try instead)
        for section in SECTIONS:
            # Rows that link to a draft are not shown: readers never get a link to one.
            rows = [row for row in self._rows[section.anchor] if links_only_published(row)]
            if section.shows:
                rows = section.shows(exercise, rows)
                self.suggested += [shown.exercise for shown in rows]
            note = getattr(exercise, section.note) if section.note else ""
            if section.on_page and (rows or note.strip() or section.always):
                self.sections.append(PageSection(section, section.title_for(rows), rows, note))
        self.primary_muscles = list(exercise.primary_muscles.all())
        self.secondary_muscles = list(exercise.secondary_muscles.all())
        self.equipment = list(exercise.equipment.all())
        self.optional_equipment = list(exercise.optional_equipment.all())
        # Every neighbour is read (ExerciseQuerySet.for_detail_page); drafts are never linked.
        # No exercise is listed twice: variations leave out what the sections show (easier,
        # harder; suggestions leave variations out), related exercises leave out all those.
        self.linked = [*exercise.related.all(), *exercise.variations.all()]
        listed = {exercise.pk, *(other.pk for other in self.in_sections)}
        self.variations = [
            other
            for other in exercise.variations.all()
            if other.is_published and other.pk not in listed
        ]
        listed |= {other.pk for other in self.variations}
        self.related = [
            other
            for other in exercise.related.all()
            if other.is_published and other.pk not in listed
        ]
        images = self.rows("images")
        self.lead_image = next((image for image in images if image.is_lead), None)
        # A step's picture, by the step's id (templates: `page.step_images|picture_for:step`).
        self.step_images = {image.step_id: image for image in images if not image.is_lead}
        self.video = parse_video(exercise.video_url) if exercise.video_url else None
        self.muscle_map = muscle_map(self.primary_muscles, self.secondary_muscles)

    @property
    def entries(self) -> list:
        """The exercise and every entry the page names: its vocabulary (also through section
        rows, such as recommended equipment) and the exercises it links to, drafts included,
        since publishing one adds it to the page. An edit to any of them changes the page
        (exercises.tags)."""
        exercise = self.exercise
        named_by_rows = [
            getattr(row, field.name)
            for rows in self._rows.values()
            for row in rows
            for field in row._meta.concrete_fields
            if field.many_to_one and field.name != "exercise" and getattr(row, field.attname)
        ]
        return [
            exercise,
            *([exercise.body_part] if exercise.body_part_id else []),
            *self.primary_muscles,
            *self.secondary_muscles,
            *self.equipment,
            *self.optional_equipment,
            *named_by_rows,
            *self.linked,
            *self.suggested,
        ]

    @property
    def in_sections(self) -> list[Exercise]:
        """Other exercises the sections show (easier, harder, try instead): the lists of
        variations and related exercises below do not repeat them."""
        return [*linked_exercises(self.sections), *self.suggested]

    def rows(self, anchor: str) -> list:
        """The rows of the section with this anchor, shown or not."""
        return self._rows[anchor]

    @property
    def tips(self) -> list[Tip]:
        return [tip for tip in self.rows("tips") if tip.kind != Tip.Kind.MISTAKE]

    @property
    def mistakes(self) -> list[Tip]:
        return [tip for tip in self.rows("tips") if tip.kind == Tip.Kind.MISTAKE]

    @cached_property
    def timer_plans(self) -> list[TimerPlan]:
        """The hold and rep timer's plan for each sets & reps row it can read."""
        plans = (plan_for(row) for row in self.rows("sets-reps"))
        return [plan for plan in plans if plan is not None]

    @cached_property
    def intro_html(self) -> str:
        return render_markdown(self.exercise.intro)

    @cached_property
    def description(self) -> str:
        return summary(self.exercise)

    @cached_property
    def overview(self) -> list[OverviewRow]:
        """Rows of the Quick Overview table, in the source articles' order."""
        exercise = self.exercise
        rows = []
        if exercise.body_part_id:
            rows.append(OverviewRow("Body Part", terms=[exercise.body_part]))
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
        label = exercise.get_difficulty_display()
        note = exercise.difficulty_note.strip()
        # Editors often start the note with the level itself ("Beginner: easy to learn").
        for prefix in (f"{label}:", f"{label} -", f"{label} –", f"{label},"):
            if note.lower().startswith(prefix.lower()):
                note = note[len(prefix) :].strip()
        note = note[:1].upper() + note[1:]  # it reads as a sentence of its own
        rows.append(OverviewRow("Difficulty", text=label, note=note))
        return rows
