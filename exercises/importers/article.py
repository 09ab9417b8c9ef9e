"""An exercise article held in memory: what the builder produces and the writer consumes.

The shapes mirror the editable fields of `Exercise` and its ordered sections, so that a
file can be compared with, saved as, and exported from an exercise without loss. Every item
names its values as the row model names its fields (`StepItem.phase` is `Step.phase`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from .. import sections as declaration
from ..models import Licence, Step


@dataclass
class Notice:
    """Something the editor should know about an import that still succeeded."""

    line: int
    message: str

    def located(self, source: str) -> str:
        return f"{source}:{self.line}: {self.message}"


@dataclass
class SetsRepsItem:
    goal: str
    sets: str
    reps: str
    guidance: str = ""
    line: int = 0


@dataclass
class StepItem:
    phase: str  # a Step.Phase
    text: str
    label: str = ""
    line: int = 0


@dataclass
class TipItem:
    kind: str  # a Tip.Kind
    text: str
    label: str = ""
    line: int = 0


@dataclass
class FaqItem:
    question: str
    answer: str
    anchor: str = ""  # blank: kept from the same question on the page, or made from it
    line: int = 0


@dataclass
class EquipmentItem:
    """A recommended-equipment row: a typed name, or a link to an equipment entry.

    `entry` names the equipment vocabulary entry to link (created if missing). `entry` is
    None for a typed name; `auto_link` lets the web-copy format link to an entry only when
    one of that name already exists.
    """

    name: str
    why: str = ""
    url: str = ""
    entry: str | None = None
    auto_link: bool = False
    line: int = 0

    @property
    def display_name(self) -> str:
        return self.name or (self.entry or "")


@dataclass
class ImageItem:
    """An image of the exercise: the lead image (no `step`) or a step's picture.

    `path` is the file, relative to the article's folder; `step` names the step as
    'Setup 2' or 'Execution 1'. Reading the file (importers/images.py) fills `data`, the
    copy that will be stored, and `digest`, its sha256, which says whether it changed.
    """

    path: str
    alt: str = ""
    decorative: bool = False
    caption: str = ""
    credit: str = ""
    licence: str = Licence.OWN.value
    licence_note: str = ""
    source_url: str = ""
    step: str = ""
    digest: str = ""
    data: bytes = b""
    line: int = 0


@dataclass
class RowItem:
    """A row of a section that has no form of its own: the generic table (see
    docs/content-format.md). `values` holds each field's text by field name; a link to
    another entry is held by that entry's name."""

    values: dict[str, str]
    line: int = 0


# The sections with a form of their own in the files, by anchor, and the item each of
# their rows becomes; the items live in the Article list named like the section's rows.
# (The quick overview has no rows: its facts are fields of the article.) Every other
# declared section is read and written as a table of `RowItem`s.
ITEMS: dict[str, type | None] = {
    "overview": None,
    "sets-reps": SetsRepsItem,
    "setup": StepItem,
    "execution": StepItem,
    "tips": TipItem,
    "faq": FaqItem,
    "equipment": EquipmentItem,
    "images": ImageItem,
}


def has_own_form(section: declaration.Section) -> bool:
    return section.anchor in ITEMS


def item_values(item) -> dict:
    """An item's values by name, without how it was read (its line, `auto_link`)."""
    if isinstance(item, RowItem):
        return dict(item.values)
    return {f.name: getattr(item, f.name) for f in fields(item) if f.name not in READING}


# How an item was read, not what it holds: an image's file name is not compared (its
# digest is), nor its bytes.
READING = {"line", "auto_link", "path", "data"}


@dataclass
class Article:
    name: str = ""
    slug: str = ""
    seo_title: str = ""
    meta_description: str = ""
    intro: str = ""
    body_part: str = ""
    primary_muscles: list[str] = field(default_factory=list)
    secondary_muscles: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    optional_equipment: list[str] = field(default_factory=list)
    # Blank: not stated (new exercises get the model default; existing ones keep theirs).
    status: str = ""
    difficulty: str = ""
    difficulty_note: str = ""
    video_url: str = ""  # a YouTube or Vimeo address
    progression_rule: str = ""
    setup_tip: str = ""
    execution_tip: str = ""
    equipment_tip: str = ""
    sets_reps: list[SetsRepsItem] = field(default_factory=list)
    steps: list[StepItem] = field(default_factory=list)
    tips: list[TipItem] = field(default_factory=list)
    faqs: list[FaqItem] = field(default_factory=list)
    recommended_equipment: list[EquipmentItem] = field(default_factory=list)
    images: list[ImageItem] = field(default_factory=list)
    # Rows of sections without a form of their own, by section anchor.
    tables: dict[str, list[RowItem]] = field(default_factory=dict)
    # None: the source says nothing, so an existing exercise keeps what it has.
    related: list[str] | None = None
    variations: list[str] | None = None

    format: str = ""  # "markdown" or "web copy"
    notices: list[Notice] = field(default_factory=list)
    # Where each field came from, for error messages that point at a line.
    lines: dict[str, int] = field(default_factory=dict)

    def note(self, line: int, message: str) -> None:
        self.notices.append(Notice(line, message))

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    def items(self, section: declaration.Section) -> list:
        """The section's rows, as `Section.rows_of` gives an exercise's."""
        if not has_own_form(section):
            return self.tables.get(section.anchor, [])
        if not section.rows:
            return []
        return [row for row in getattr(self, section.rows) if section.picks(row)]

    @property
    def setup_steps(self) -> list[StepItem]:
        return [step for step in self.steps if step.phase == Step.Phase.SETUP]

    @property
    def execution_steps(self) -> list[StepItem]:
        return [step for step in self.steps if step.phase == Step.Phase.EXECUTION]

    def summary(self) -> str:
        """How many rows each section holds, for command output."""
        parts = [
            f"{section.file_heading}: {len(rows)}"
            for section in declaration.SECTIONS
            if (rows := self.items(section))
        ]
        return ", ".join(parts) or "no list sections"
