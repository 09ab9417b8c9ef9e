"""An exercise article held in memory: what the parsers produce and the writer consumes.

The shapes mirror the editable fields of `Exercise` and its ordered sections, so that a
file can be compared with, saved as, and exported from an exercise without loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    phase: str  # "setup" or "execution", as in Step.Phase
    text: str
    label: str = ""
    line: int = 0


@dataclass
class TipItem:
    kind: str  # "tip" or "mistake", as in Tip.Kind
    text: str
    label: str = ""
    line: int = 0


@dataclass
class FaqItem:
    question: str
    answer: str
    anchor: str = ""  # blank: the model derives it from the question
    line: int = 0


@dataclass
class EquipmentItem:
    """A recommended-equipment row: a typed name, or a link to an equipment entry.

    `entry` names the equipment vocabulary entry to link (created if missing). `entry` is
    None for a typed name; `auto_link` lets the web-copy parser link to an entry only when
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
    difficulty: str = ""  # blank: not stated (new exercises get the model default)
    difficulty_note: str = ""
    progression_rule: str = ""
    setup_tip: str = ""
    execution_tip: str = ""
    equipment_tip: str = ""
    sets_reps: list[SetsRepsItem] = field(default_factory=list)
    steps: list[StepItem] = field(default_factory=list)
    tips: list[TipItem] = field(default_factory=list)
    faqs: list[FaqItem] = field(default_factory=list)
    recommended_equipment: list[EquipmentItem] = field(default_factory=list)
    # None: the source says nothing, so an existing exercise keeps what it has.
    status: str | None = None
    related: list[str] | None = None
    variations: list[str] | None = None

    format: str = ""  # "markdown" or "web copy"
    notices: list[Notice] = field(default_factory=list)
    # Where each scalar field came from, for error messages that point at a line.
    lines: dict[str, int] = field(default_factory=dict)

    def note(self, line: int, message: str) -> None:
        self.notices.append(Notice(line, message))

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    @property
    def setup_steps(self) -> list[StepItem]:
        return [step for step in self.steps if step.phase == "setup"]

    @property
    def execution_steps(self) -> list[StepItem]:
        return [step for step in self.steps if step.phase == "execution"]

    @property
    def pro_tips(self) -> list[TipItem]:
        return [tip for tip in self.tips if tip.kind == "tip"]

    @property
    def mistakes(self) -> list[TipItem]:
        return [tip for tip in self.tips if tip.kind == "mistake"]

    def counts(self) -> dict[str, int]:
        """How many entries each list section holds, for previews and command output."""
        return {
            "sets & reps": len(self.sets_reps),
            "setup steps": len(self.setup_steps),
            "execution steps": len(self.execution_steps),
            "tips": len(self.pro_tips),
            "common mistakes": len(self.mistakes),
            "FAQ": len(self.faqs),
            "recommended equipment": len(self.recommended_equipment),
        }

    def summary(self) -> str:
        parts = [f"{n} {label}" for label, n in self.counts().items() if n]
        return ", ".join(parts) or "no list sections"
