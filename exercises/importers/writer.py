"""Format A out: an Article as Markdown with YAML front matter, byte-stable.

Each declared section (exercises.sections.SECTIONS) is written in the declaration's order
under its file heading; `build(read_markdown(write_markdown(article)))` gives the article
back (reader_markdown.py, builder.py). docs/content-format.md describes the format.
"""

from __future__ import annotations

import yaml
from django.utils.text import capfirst

from .. import sections as declaration
from ..models import Faq, Tip
from .article import Article, has_own_form
from .grammar import ESCAPED_LABEL, PROGRESSION_FIELD, ROW_BREAK, normalise_newlines
from .images import detail_lines, markdown_line
from .mapping import FIELDS, table_fields
from .reader_markdown import FRONT_MATTER_FENCE

# The sub-headings that keep tips and mistakes apart under the tips section.
KIND_HEADINGS = {Tip.Kind.TIP: "### Pro tips", Tip.Kind.MISTAKE: "### Common mistakes"}


def write_markdown(article: Article) -> str:
    """The article as Format A text: stable key order, one blank line between blocks."""
    blocks = [front_matter(article)]
    if article.intro.strip():
        blocks.append(normalise_newlines(article.intro).strip())
    for section in declaration.SECTIONS:
        blocks += write_section(article, section)
    return "\n\n".join(blocks) + "\n"


def front_matter(article: Article) -> str:
    data = {}
    for field in FIELDS:
        value = field.written(article) if field.key else None
        if value:
            data[field.key] = value
    dumped = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )
    return f"{FRONT_MATTER_FENCE}\n{dumped}{FRONT_MATTER_FENCE}"


def write_section(article: Article, section: declaration.Section) -> list[str]:
    """'## Heading', the section's rows in its form, and its note as a call-out."""
    items = article.items(section)
    if not has_own_form(section):
        body = table(section, items)
    elif section.rows:
        body = BODIES[section.anchor](items) if items else []
    else:
        body = []  # the quick overview: its facts are in the front matter
    note = normalise_newlines(getattr(article, section.note, "")).strip() if section.note else ""
    if not (body or note):
        return []
    parts = [f"## {section.file_heading}", *body]
    if note:
        prefix = "Progression rule" if section.note == PROGRESSION_FIELD else "Tip"
        parts.append(f"{prefix}: {note}")
    return ["\n\n".join(parts)]


def sets_reps(items) -> list[str]:
    rows = ["| Goal | Sets | Reps or hold | Guidance |", "|---|---|---|---|"]
    for item in items:
        cells = [item.goal, item.sets, item.reps, item.guidance]
        rows.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
    return ["\n".join(rows)]


def steps(items) -> list[str]:
    return ["\n".join(list_item(f"{n}. ", s.label, s.text) for n, s in enumerate(items, 1))]


def tips(items) -> list[str]:
    """Runs of tips and of mistakes, each under its sub-heading, in the editors' order."""
    parts, run = [], []
    for tip, following in zip(items, [*items[1:], None], strict=False):
        run.append(tip)
        if following is None or following.kind != tip.kind:
            parts += [
                KIND_HEADINGS[tip.kind],
                "\n".join(list_item("- ", t.label, t.text) for t in run),
            ]
            run = []
    return parts


def faqs(items) -> list[str]:
    parts = []
    for faq in items:
        question = " ".join(faq.question.split())
        # The anchor the model would derive from the question goes without saying.
        stated = faq.anchor and faq.anchor != Faq.anchor_for(question)
        anchor = f" {{#{faq.anchor}}}" if stated else ""
        parts += [f"### {question}{anchor}", normalise_newlines(faq.answer).strip()]
    return parts


def equipment(items) -> list[str]:
    lines = []
    for item in items:
        name = item.name or item.entry or ""
        text = f"[{name}]({item.url})" if item.url else name
        if item.entry is not None:
            text += " {equipment}" if not item.name else f" {{equipment: {item.entry}}}"
        if item.why.strip():
            text += f" — {item.why.strip()}"
        lines.append(f"- {text}")
    return ["\n".join(lines)]


def images(items) -> list[str]:
    lines = []
    for item in items:
        lines.append(f"- {markdown_line(item)}")
        lines.extend(f"  {detail}" for detail in detail_lines(item))
    return ["\n".join(lines)]


BODIES = {
    "sets-reps": sets_reps,
    "setup": steps,
    "execution": steps,
    "tips": tips,
    "faq": faqs,
    "equipment": equipment,
    "images": images,
}


def table(section: declaration.Section, items) -> list[str]:
    """The generic form: a header naming the row model's fields, a row per entry."""
    if not items:
        return []
    columns = table_fields(section)
    rows = [
        "| " + " | ".join(capfirst(str(f.verbose_name)) for f in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for item in items:
        cells = [item.values.get(f.name, "") for f in columns]
        rows.append("| " + " | ".join(table_text(c) for c in cells) + " |")
    return ["\n".join(rows)]


def list_item(marker: str, label: str, text: str) -> str:
    text = normalise_newlines(text).strip()
    if label.strip():
        body = f"**{label.strip()}:** {text}"
    elif text.startswith("**"):
        body = ESCAPED_LABEL[0] + text  # keep a bold opening from reading as a label
    else:
        body = text
    indent = " " * len(marker)
    lines = body.split("\n")
    rest = [f"{indent}{line}" if line.strip() else "" for line in lines[1:]]
    return "\n".join([marker + lines[0], *rest])


def table_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table_text(text: str) -> str:
    """A generic table's cell: line breaks kept as <br>, '|' escaped."""
    return normalise_newlines(text).strip().replace("\n", ROW_BREAK).replace("|", "\\|")
