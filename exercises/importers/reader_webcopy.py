"""Format B in: plain text copied from a web page, read as structure (blocks.py) for the
builder.

One item per line; section titles on lines of their own (or as Markdown headings); the
first line is the exercise's name, or an SEO title like "Name: Proper Form, Sets, Tips &
FAQ" followed by a one-line summary. See docs/content-format.md for the full grammar.
"""

from __future__ import annotations

import re

from .blocks import Block, Callout, Document, FrontValue, Heading, ListItem, Paragraph, TableRow
from .errors import ArticleError
from .grammar import (
    classify_heading,
    is_table_row,
    is_table_separator,
    normalise_heading,
    split_callout,
    split_table_row,
    strip_bullet,
)

SEO_SUBTITLE_RE = re.compile(
    r"\b(proper form|form|how to|benefits|tips|faqs?|sets|reps|guide|technique|muscles"
    r"|mistakes|variations|instructions|step[- ]by[- ]step|tutorial)\b",
    re.IGNORECASE,
)
MARKDOWN_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*$")
SENTENCE_END = (".", "!", "?", ":", '"', "”", ")", "…")


def read_webcopy(text: str) -> Document:
    lines = text.split("\n")
    document = Document(format="web copy", blocks=[], lines_are_items=True, plain_labels=True)
    position = read_top(lines, document)
    name = next(value.value for value in document.front if value.key == "name")
    document.blocks = body_blocks(lines, position, name)
    return document


# ----- the top: title, SEO title, summary -----------------------------------------------


def read_top(lines: list[str], document: Document) -> int:
    """The name (first), SEO title and summary at the top; returns where the body starts."""
    first = next_content(lines, 0)
    if first is None:
        raise ArticleError("The text is empty.", 1)
    title = clean_title(lines[first])
    line = first + 1
    if not title:
        raise ArticleError("The first line should be the exercise's name.", line)
    seo = re.match(r"^(?P<name>[^:]{2,120}?)\s*:\s+(?P<rest>.+)$", title)
    is_seo_title = bool(seo and SEO_SUBTITLE_RE.search(seo.group("rest")))
    if not is_seo_title and classify_heading(lines[first]):
        raise ArticleError(
            f"The first line is the section title “{title}”, not the exercise's name. "
            "Put the name on the first line.",
            line,
        )
    if strip_bullet(lines[first]) is not None or title.startswith("|"):
        raise ArticleError(
            "The first line is a list item or table row, not the exercise's name. "
            "Put the name on the first line.",
            line,
        )
    if len(title) > 120:
        raise ArticleError(
            f"The first line is {len(title)} characters long: that reads like a paragraph, "
            "not a title. Put the exercise's name (at most 120 characters) on the first "
            "line.",
            line,
        )
    name = seo.group("name").strip() if is_seo_title else title
    front = document.front
    front.append(FrontValue("name", name, line))
    position = first + 1
    if is_seo_title:
        front.append(FrontValue("title", title, line))
        summary = next_content(lines, position)
        if summary is not None and is_plain_line(lines[summary]):
            text = lines[summary].strip()
            if same_name(text, name):
                position = summary + 1
            elif len(text) <= 300:
                front.append(FrontValue("description", text, summary + 1))
                position = summary + 1
            else:
                document.note(
                    summary + 1,
                    "The line after the SEO title is longer than 300 characters, so it "
                    "was kept in the intro instead of becoming the meta description.",
                )
    name_line = next_content(lines, position)
    if name_line is not None and same_name(lines[name_line], name):
        position = name_line + 1
    return position


def next_content(lines: list[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if lines[i].strip()), None)


def is_plain_line(raw: str) -> bool:
    stripped = raw.strip()
    return not (
        classify_heading(raw)
        or strip_bullet(raw) is not None
        or stripped.startswith(("|", "#"))
        or split_callout(stripped)
    )


# ----- the body -------------------------------------------------------------------------


def body_blocks(lines: list[str], position: int, name: str) -> list[Block]:
    """One block per line. Copying drops the blank lines and bullets that make Markdown,
    so each block's source is rebuilt: a paragraph per line, list and table lines together."""
    blocks: list[Block] = []
    previous: Block | None = None  # the block on the line before, None after a blank line
    for number, raw in enumerate(lines[position:], start=position + 1):
        stripped = raw.strip()
        if not stripped:
            previous = None
            continue
        if is_table_row(stripped) and is_table_separator(stripped):
            if isinstance(previous, TableRow):
                previous.header = True
                previous.source.append(stripped)
            continue
        block = line_block(raw, number, previous, name)
        if block is None:
            continue
        grouped = isinstance(block, (ListItem, TableRow)) and type(block) is type(previous)
        if blocks and not grouped:
            blocks[-1].source.append("")
        blocks.append(block)
        previous = block
    return blocks


def line_block(raw: str, number: int, previous: Block | None, name: str) -> Block | None:
    """What one copied line is: a list item, a section title (or a '#' heading), a table
    row, a call-out or a line of text; None for the name repeated as a heading."""
    stripped = raw.strip()
    item = strip_bullet(raw)
    if item is not None:
        # Markdown's own markers stay; the others ('•', '–', …) become '-'.
        marked = stripped if stripped[0] in "-*+0123456789" else f"- {item}"
        return ListItem(line=number, text=item, source=[marked])
    markdown = MARKDOWN_HEADING_RE.match(stripped)
    if classify_heading(stripped):
        title = clean_title(stripped).rstrip(":")
        return Heading(line=number, text=title, level=2, source=[f"## {title}"])
    if markdown:
        title = markdown.group("title")
        if len(markdown.group("hashes")) == 1 and same_name(title, name):
            return None  # the name again
        if not title.endswith("?"):
            return Heading(line=number, text=title, source=[f"## {title}"])
        stripped = title  # a heading that asks is a line of text: an FAQ question
    if is_table_row(stripped):
        return TableRow(line=number, cells=split_table_row(stripped), source=[stripped])
    callout = split_callout(stripped)
    if callout:
        return Callout(line=number, kind=callout.kind, text=callout.text, source=[stripped])
    continues = (
        isinstance(previous, Paragraph)
        and not previous.text.endswith(SENTENCE_END)
        and stripped[:1].islower()
    )
    return Paragraph(line=number, text=stripped, source=[stripped], continues=continues)


def clean_title(raw: str) -> str:
    title = raw.strip().lstrip("#").strip()
    title = re.sub(r"^(?:\*\*|__)(.*)(?:\*\*|__)$", r"\1", title).strip()
    return title


def same_name(raw: str, name: str) -> bool:
    return normalise_heading(clean_title(raw)) == normalise_heading(name) and bool(name)
