"""What the two readers hand to the builder: the structure of an article, not its meaning.

A reader says "a heading", "a list item", "a table row", "a 'Tip:' call-out"; the builder
(builder.py) decides what each one is for. Every block carries `source`: its Markdown text,
line by line (verbatim in Format A, rebuilt from the copied lines in Format B), for the
places where text is kept as it is (the intro, FAQ answers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .article import Notice


@dataclass(kw_only=True)
class Block:
    line: int  # the first line, counted in the whole text
    source: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Heading(Block):
    text: str
    level: int = 2  # 2 opens a section; other levels are headings inside one


@dataclass(kw_only=True)
class ListItem(Block):
    text: str  # without its bullet; continuation lines joined with newlines


@dataclass(kw_only=True)
class Paragraph(Block):
    text: str
    # A hard-wrapped line of copied text that carries on the sentence before it.
    continues: bool = False


@dataclass(kw_only=True)
class TableRow(Block):
    cells: list[str]
    header: bool = False  # followed by a '|---|' line


@dataclass(kw_only=True)
class Callout(Block):
    kind: str  # grammar.TIP or grammar.PROGRESSION
    text: str


@dataclass(kw_only=True)
class Code(Block):
    """A fenced code block: text, where nothing is a heading or an item."""


@dataclass
class FrontValue:
    """A front-matter entry, or what the top of a web copy says (name, title, summary)."""

    key: str
    value: object
    line: int


@dataclass
class Document:
    format: str  # "markdown" or "web copy"
    blocks: list[Block]
    front: list[FrontValue] = field(default_factory=list)
    # With front matter the file is the whole truth: a list it does not name is empty.
    has_front_matter: bool = False
    # Format B's grammar: copying loses bullets, so in a list section every line is an
    # item; and a plain 'Label: text' gives an item its label (Format A needs '**Label:**',
    # so that text with a colon stays as written) ...
    lines_are_items: bool = False
    plain_labels: bool = False
    # ... and Format A's: '{equipment}' links a recommended row to an equipment entry.
    entry_markers: bool = False
    notices: list[Notice] = field(default_factory=list)  # what the reader had to guess

    def note(self, line: int, message: str) -> None:
        self.notices.append(Notice(line, message))
