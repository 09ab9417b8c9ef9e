"""From structure to content: what both readers' blocks (blocks.py) mean.

Every decision is made here once, whichever format the article came in: which section a
heading opens, what a table row, a list item or a call-out is in that section, whether a
tip is a mistake, what an overview row fills, and what the editor is told about anything
that had to be guessed or was left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import sections as declaration
from ..models import Tip
from .article import Article, FaqItem, RowItem, SetsRepsItem, StepItem, TipItem, has_own_form
from .blocks import Block, Callout, Document, Heading, ListItem, Paragraph, TableRow
from .errors import ArticleError
from .grammar import (
    ANCHOR_RE,
    ANSWER_PREFIX_RE,
    MISTAKE_LABELS,
    NO_EQUIPMENT_RE,
    OPTIONAL_RE,
    PROGRESSION,
    PROGRESSION_FIELD,
    ROW_BREAK,
    TIP_LABELS,
    SetsAndReps,
    Title,
    capitalise,
    classify_heading,
    equipment_item,
    is_mistake,
    is_sets_reps_header,
    overview_key,
    parse_level,
    parse_sets_reps,
    question_text,
    shorten,
    split_item,
    split_label,
    split_names,
    unescape,
)
from .images import image_item
from .mapping import FIELDS, SLUGS, front_matter_field, table_fields


def build(document: Document) -> Article:
    return _Builder(document).build()


@dataclass
class Chunk:
    """A heading and the blocks under it, up to the next section's heading."""

    heading: Heading | None  # None: the text before the first section title
    title: Title | None  # what the heading opens; None: a heading we do not know
    blocks: list[Block] = field(default_factory=list)

    @property
    def section(self) -> declaration.Section | None:
        return self.title.section if self.title else None

    @property
    def name(self) -> str:
        return self.heading.text if self.heading else "the intro"


class _Builder:
    def __init__(self, document: Document):
        self.document = document
        self.article = Article(format=document.format, notices=list(document.notices))
        self.intro: list[str] = []  # parts, joined by blank lines
        self.stated: set[str] = set()  # fields the front matter gives
        self.overview_rows = 0
        self.untitled_list_noted = False

    def build(self) -> Article:
        self.read_front()
        for chunk in self.chunks():
            if chunk.heading is None:
                self.read_intro(chunk)
            elif chunk.section is None:
                self.keep_in_intro(chunk)
            elif not has_own_form(chunk.section):
                self.read_table(chunk)
            else:
                READERS[chunk.section.anchor](self, chunk)
        self.article.intro = "\n\n".join(part for part in self.intro if part)
        if not self.article.name:
            raise ArticleError(
                "The article has no title: add 'name: …' to the front matter (or a '# Title' "
                "line).",
                1,
            )
        return self.article

    # ----- front matter ------------------------------------------------------------------

    def read_front(self) -> None:
        for entry in self.document.front:
            mapped = front_matter_field(entry.key)
            if mapped is None:
                self.note(entry.line, f"Unknown front-matter key “{entry.key}” was ignored.")
                continue
            mapped.read(self.article, entry.value, entry.line)
            self.stated.add(mapped.name)
        for mapped in FIELDS:
            # With front matter the file is the whole truth: a list it does not name is empty.
            if mapped.kind == SLUGS and self.document.has_front_matter:
                setattr(self.article, mapped.name, getattr(self.article, mapped.name) or [])

    # ----- sections ----------------------------------------------------------------------

    def chunks(self) -> list[Chunk]:
        """Section headings start chunks: every heading at level 2, and a heading at another
        level that names a section or is unknown in the intro. Inside the FAQ, in text kept
        for the intro, and under Tips for tips or mistakes, other headings stay in the chunk
        (as questions, as text, as the kind of the tips below)."""
        chunks = [Chunk(None, None)]
        for block in self.document.blocks:
            current = chunks[-1]
            if isinstance(block, Heading) and self.starts_chunk(block, current):
                chunks.append(Chunk(block, classify_heading(block.text)))
            else:
                current.blocks.append(block)
        return chunks

    def starts_chunk(self, heading: Heading, current: Chunk) -> bool:
        if heading.level == 2:
            return True
        kept = current.heading is not None and current.section is None
        if kept or self.is_anchor(current.section, "faq"):
            return False
        title = classify_heading(heading.text)
        if title is None:
            return current.heading is None
        tips = self.is_anchor(current.section, "tips")
        return not (tips and title.section is current.section)

    @staticmethod
    def is_anchor(section: declaration.Section | None, anchor: str) -> bool:
        return section is not None and section.anchor == anchor

    def keep_in_intro(self, chunk: Chunk) -> None:
        """A section the page does not have: its text goes at the end of the intro."""
        title = chunk.heading.text
        if chunk.title is None:
            message = f"“{shorten(title)}” is not a section we know; it was kept in the intro."
        else:
            message = f"“{shorten(title)}” has no section of its own; it was kept in the intro."
        self.note(chunk.heading.line, message)
        self.intro.append(f"## {title}\n\n{kept_text(chunk.blocks)}".rstrip())

    def read_intro(self, chunk: Chunk) -> None:
        """The text before the first section title. In copied text, a list there is the
        steps and a table the quick overview."""
        execution = section_named("execution")
        overview = section_named("overview")
        kept: list[Block] = []
        for block in chunk.blocks:
            if isinstance(block, ListItem) and execution:
                if not self.untitled_list_noted:
                    self.untitled_list_noted = True
                    self.note(
                        block.line, "A list with no section title was read as the execution steps."
                    )
                self.add_step(execution, block)
            elif isinstance(block, TableRow) and overview:
                self.overview_row(block.cells, block, header=block.header)
            else:
                kept.append(block)
        self.intro.append(kept_text(kept))

    def read_overview(self, chunk: Chunk) -> None:
        for block in chunk.blocks:
            if isinstance(block, TableRow):
                self.overview_row(block.cells, block, header=block.header)
            elif isinstance(block, (ListItem, Paragraph)):
                text = block.text.replace("**", "")
                if "\t" in text:
                    cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
                else:
                    label, value = split_label(text, plain=True)
                    cells = [label, value] if label else [text]
                self.overview_row(cells, block)
            else:
                self.overview_row([], block)

    def overview_row(self, cells: list[str], block: Block, *, header: bool = False) -> None:
        """A 'Key | value' row. A header such as '| Attribute | Details |' (a table's, or
        the first row) is passed over when it is not understood."""
        self.overview_rows += 1
        if len(cells) >= 2 and self.apply_overview_row(cells[0], cells[1], block.line):
            return
        if (header or self.overview_rows == 1) and len(cells) >= 2:
            return
        self.note(block.line, f"Overview row “{shorten(text_of(block))}” was not understood; "
                              "left out.")  # fmt: skip

    def apply_overview_row(self, key: str, value: str, line: int) -> bool:
        """Fill the article from one overview row; False when the key means nothing to us.
        What the front matter says wins."""
        name = overview_key(key)
        if name is None:
            return False
        if name in self.stated:
            return True
        article, value = self.article, value.strip().strip("*_").strip()
        article.lines[name] = line
        if name == "body_part":
            article.body_part = capitalise(value.split(",")[0].strip())
        elif name in ("primary_muscles", "secondary_muscles", "optional_equipment"):
            getattr(article, name).extend(split_names(value))
        elif name == "equipment":
            optional = OPTIONAL_RE.search(value)
            if optional:
                article.optional_equipment.extend(
                    split_names(optional.group("items") or optional.group("rest") or "")
                )
                value = value[: optional.start()] + value[optional.end() :]
            value = value.strip(" ,;")
            if not NO_EQUIPMENT_RE.match(value):
                article.equipment.extend(split_names(value))
        elif name == "difficulty":
            level = parse_level(value)
            if not level.difficulty:
                self.note(line, f"Difficulty “{shorten(value)}” is not beginner, intermediate "
                                "or advanced; kept it as the difficulty note only.")  # fmt: skip
            article.difficulty = level.difficulty or article.difficulty
            article.difficulty_note = level.note or article.difficulty_note
        return True

    def read_sets_reps(self, chunk: Chunk) -> None:
        for block in chunk.blocks:
            if isinstance(block, TableRow):
                if not (block.header or is_sets_reps_header(block.cells)):
                    goal, sets, reps, guidance = (block.cells + [""] * 4)[:4]
                    item = SetsRepsItem(goal=goal, sets=sets, reps=reps, guidance=guidance,
                                        line=block.line)  # fmt: skip
                    self.article.sets_reps.append(item)
            elif self.is_item(block, chunk):
                self.article.sets_reps.append(self.sets_reps_item(block.text, block.line))
            elif not self.callout(chunk, block):
                self.left_out(chunk, block)

    def sets_reps_item(self, text: str, line: int) -> SetsRepsItem:
        """One 'Goal: 2 sets × 10 reps ...' line. Unreadable counts keep the text as guidance
        and tell the editor, rather than guessing numbers."""
        goal, rest = split_label(text, plain=True)
        parsed = parse_sets_reps(rest)
        if parsed is None and not goal:
            parsed = parse_sets_reps(text)
            if parsed:
                goal, rest = "", text
        if parsed is None:
            self.note(
                line,
                f"Could not find 'sets × reps' in “{shorten(text)}”; kept it as guidance, "
                "please fill in the sets and reps.",
            )
            parsed = SetsAndReps(sets="", reps="", guidance=rest)
        return SetsRepsItem(goal=goal or "General", **parsed._asdict(), line=line)

    def read_steps(self, chunk: Chunk) -> None:
        for block in chunk.blocks:
            if self.is_item(block, chunk):
                self.add_step(chunk.section, block)
            elif not self.callout(chunk, block):
                self.left_out(chunk, block)

    def add_step(self, section: declaration.Section, block: ListItem | Paragraph) -> None:
        label, text = split_item(block.text, plain=self.document.plain_labels)
        _field, phase = section.fixed
        self.article.steps.append(StepItem(phase=phase, text=text, label=label, line=block.line))

    def read_tips(self, chunk: Chunk) -> None:
        """Tips and mistakes, each by its label (or text): "Do not …" is a mistake. A
        heading of mistakes alone makes all of them mistakes; under Tips, a sub-heading
        naming tips or mistakes does the same for what follows it."""
        forced = Tip.Kind.MISTAKE if chunk.title.mistakes else None
        for block in chunk.blocks:
            if isinstance(block, Heading) and (title := classify_heading(block.text)):
                forced = Tip.Kind.MISTAKE if title.mistakes else Tip.Kind.TIP
            elif self.is_item(block, chunk):
                self.add_tip(forced, block)
            elif self.callout(chunk, block):
                continue
            elif isinstance(block, Callout):  # 'Tip: …' among tips is one more tip
                tip = TipItem(kind=forced or Tip.Kind.TIP, text=block.text, line=block.line)
                self.article.tips.append(tip)
            else:
                self.left_out(chunk, block)

    def add_tip(self, forced: str | None, block: ListItem | Paragraph) -> None:
        label, text = split_item(block.text, plain=self.document.plain_labels)
        kind = forced
        # Only a plain label can name the kind: a '**Tip:**' label in a Markdown file is
        # an editor's label and stays one.
        if self.document.plain_labels and label.lower() in TIP_LABELS:
            label, kind = "", kind or Tip.Kind.TIP
        elif self.document.plain_labels and label.lower() in MISTAKE_LABELS:
            label, kind = "", Tip.Kind.MISTAKE
        if not kind:
            kind = Tip.Kind.MISTAKE if is_mistake(label, text) else Tip.Kind.TIP
        self.article.tips.append(TipItem(kind=kind, text=text, label=label, line=block.line))

    def read_faq(self, chunk: Chunk) -> None:
        """Questions are '###' headings when the section has any, with the Markdown under
        each as its answer; otherwise lines ending in '?' (bold, or after 'Q:'), with the
        lines up to the next question as the answer ('A:' dropped)."""
        by_headings = any(isinstance(b, Heading) and b.level == 3 for b in chunk.blocks)
        faq: FaqItem | None = None
        answer: list[str] = []
        for block in chunk.blocks:
            if by_headings and isinstance(block, Heading) and block.level == 3:
                self.add_faq(faq, answer)
                faq, answer = self.question(block.text, block.line), []
                continue
            if by_headings or not isinstance(block, (Paragraph, Callout)):
                if faq is not None:
                    answer.extend(block.source)
                else:
                    self.faq_left_out(text_of(block), block.line)
                continue
            for number, line in enumerate(block.source, start=block.line):
                question = question_text(line)
                if question:
                    self.add_faq(faq, answer)
                    faq, answer = self.question(question, number), []
                elif faq is not None:
                    answer.append(ANSWER_PREFIX_RE.sub("", line))
                elif line.strip():
                    self.faq_left_out(line, number)
        self.add_faq(faq, answer)

    def question(self, text: str, line: int) -> FaqItem:
        anchor = ANCHOR_RE.search(text)
        if anchor:
            text = text[: anchor.start()]
        return FaqItem(
            question=" ".join(text.split()),
            answer="",
            anchor=anchor.group("anchor") if anchor else "",
            line=line,
        )

    def add_faq(self, faq: FaqItem | None, answer: list[str]) -> None:
        if faq is None:
            return
        faq.answer = trim_blank(answer)
        if faq.answer:
            self.article.faqs.append(faq)
        else:
            self.note(faq.line, f"The question “{shorten(faq.question)}” has no answer below "
                                "it; left out.")  # fmt: skip

    def faq_left_out(self, text: str, line: int) -> None:
        self.note(line, f"“{shorten(text)}” comes before the first question in the FAQ; left "
                        "out.")  # fmt: skip

    def read_equipment(self, chunk: Chunk) -> None:
        for block in chunk.blocks:
            if self.is_item(block, chunk):
                markers = self.document.entry_markers
                item = equipment_item(unescape(block.text), block.line, markers=markers)
                # Copied names link to an entry only when one of that name exists.
                item.auto_link = not markers
                self.article.recommended_equipment.append(item)
            elif not self.callout(chunk, block):
                self.left_out(chunk, block)

    def read_images(self, chunk: Chunk) -> None:
        """Each image a list item: `![alt](file)`, then its details (importers/images.py)."""
        for block in chunk.blocks:
            item = image_item(block.text, block.line) if isinstance(block, ListItem) else None
            if item is not None:
                self.article.images.append(item)
            else:
                self.left_out(chunk, block, "an image (a '- ![alt text](file)' line)")

    def read_table(self, chunk: Chunk) -> None:
        """A section without a form of its own: a table whose header names the row
        model's fields (verbose names), one row per entry; see docs/content-format.md."""
        section = chunk.section
        fields = {str(f.verbose_name).casefold(): f.name for f in table_fields(section)}
        fields.update({f.name.casefold(): f.name for f in table_fields(section)})
        rows = self.article.tables.setdefault(section.anchor, [])
        columns: list[str] | None = None
        for block in chunk.blocks:
            if isinstance(block, TableRow) and columns is None:
                columns = [fields.get(cell.casefold(), "") for cell in block.cells]
                for cell, name in zip(block.cells, columns, strict=True):
                    if not name:
                        message = f"The column “{shorten(cell)}” in “{chunk.name}” is not "
                        self.note(block.line, message + "one we know; left out.")
            elif isinstance(block, TableRow):
                cells = [cell.replace(ROW_BREAK, "\n") for cell in block.cells]
                values = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
                rows.append(RowItem(values, line=block.line))
            elif not self.callout(chunk, block):
                self.left_out(chunk, block, "a table row")

    # ----- shared rules ------------------------------------------------------------------

    def is_item(self, block: Block, chunk: Chunk) -> bool:
        """A list item, or a paragraph where items are written without markers: in copied
        text, which loses its bullets, and in a section with no list or table at all."""
        if isinstance(block, ListItem):
            return True
        if not isinstance(block, Paragraph):
            return False
        loose = not any(isinstance(b, (ListItem, TableRow)) for b in chunk.blocks)
        return loose or self.document.lines_are_items

    def callout(self, chunk: Chunk, block: Block) -> bool:
        """A 'Progression rule:' call-out is the progression rule wherever it stands; a
        'Tip:' call-out is the note of the section it closes. False: not a call-out this
        section takes."""
        if not isinstance(block, Callout):
            return False
        if not block.text:
            self.left_out(chunk, block)  # 'Tip:' with nothing after it
            return True
        note = PROGRESSION_FIELD if block.kind == PROGRESSION else chunk.section.note
        if not note:
            return False
        if block.kind != PROGRESSION and note == PROGRESSION_FIELD:
            self.note(block.line, f"A tip in {chunk.section.file_heading} was added to the "
                                  "progression rule.")  # fmt: skip
        existing = getattr(self.article, note, "")
        setattr(self.article, note, f"{existing}\n\n{block.text}" if existing else block.text)
        self.article.lines.setdefault(note, block.line)
        return True

    def left_out(self, chunk: Chunk, block: Block, wanted: str = "a list item") -> None:
        self.note(block.line, f"“{shorten(text_of(block))}” in “{shorten(chunk.name, 30)}” is "
                              f"not {wanted}; left out.")  # fmt: skip

    def note(self, line: int, message: str) -> None:
        self.article.note(line, message)


# The sections with a form of their own (article.ITEMS), by anchor.
READERS = {
    "overview": _Builder.read_overview,
    "sets-reps": _Builder.read_sets_reps,
    "setup": _Builder.read_steps,
    "execution": _Builder.read_steps,
    "tips": _Builder.read_tips,
    "faq": _Builder.read_faq,
    "equipment": _Builder.read_equipment,
    "images": _Builder.read_images,
}


def section_named(anchor: str) -> declaration.Section | None:
    return next((s for s in declaration.SECTIONS if s.anchor == anchor), None)


def kept_text(blocks: list[Block]) -> str:
    """The blocks' text as written; a hard-wrapped line of copied text joins its sentence."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.continues and lines:
            while len(lines) > 1 and not lines[-1].strip():
                lines.pop()
            lines[-1] = f"{lines[-1]} {block.text}"
            lines.extend(block.source[1:])
        else:
            lines.extend(block.source)
    return trim_blank(lines)


def text_of(block: Block) -> str:
    return " ".join(line.strip() for line in block.source if line.strip())


def trim_blank(lines: list[str]) -> str:
    """The block's text without the blank lines around it (inner text kept verbatim)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(line.rstrip() for line in lines[start:end])
