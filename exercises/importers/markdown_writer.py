"""Format A out: an Article as Markdown with YAML front matter, byte-stable.

`parse_markdown(write_markdown(article))` gives the article back; see markdown_format.py
for the reader and docs/content-format.md for the grammar.
"""

from __future__ import annotations

import yaml

from ..models import Faq
from .article import Article
from .sections import EXECUTION, SETUP

FRONT_MATTER_FENCE = "---"
WRITE_ORDER = [
    "name", "slug", "title", "description", "status", "body_part", "primary_muscles",
    "secondary_muscles", "equipment", "optional_equipment", "difficulty", "difficulty_note",
    "related", "variations",
]  # fmt: skip
ESCAPED_LABEL = "\\**"  # a label-less item that opens in bold


def write_markdown(article: Article) -> str:
    """The article as Format A text: stable key order, one blank line between blocks."""
    blocks = [front_matter(article)]
    if article.intro.strip():
        blocks.append(normalise_newlines(article.intro).strip())
    blocks += sets_reps_section(article)
    blocks += steps_section(article, SETUP, "Setup", article.setup_steps, article.setup_tip)
    blocks += steps_section(
        article, EXECUTION, "Execution", article.execution_steps, article.execution_tip
    )
    blocks += tips_section(article)
    blocks += faq_section(article)
    blocks += equipment_section(article)
    return "\n\n".join(blocks) + "\n"


def front_matter(article: Article) -> str:
    values = {
        "name": article.name,
        "slug": article.slug,
        "title": article.seo_title,
        "description": article.meta_description,
        "status": article.status or "draft",
        "body_part": article.body_part,
        "primary_muscles": article.primary_muscles,
        "secondary_muscles": article.secondary_muscles,
        "equipment": article.equipment,
        "optional_equipment": article.optional_equipment,
        "difficulty": article.difficulty or "beginner",
        "difficulty_note": article.difficulty_note,
        "related": article.related or [],
        "variations": article.variations or [],
    }
    data = {key: values[key] for key in WRITE_ORDER if values[key]}
    dumped = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )
    return f"{FRONT_MATTER_FENCE}\n{dumped}{FRONT_MATTER_FENCE}"


def callout(prefix: str, text: str) -> str:
    return f"{prefix}: {normalise_newlines(text).strip()}"


def sets_reps_section(article: Article) -> list[str]:
    if not (article.sets_reps or article.progression_rule.strip()):
        return []
    parts = ["## Sets & Reps"]
    if article.sets_reps:
        rows = ["| Goal | Sets | Reps or hold | Guidance |", "|---|---|---|---|"]
        for item in article.sets_reps:
            cells = [item.goal, item.sets, item.reps, item.guidance]
            rows.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
        parts.append("\n".join(rows))
    if article.progression_rule.strip():
        parts.append(callout("Progression rule", article.progression_rule))
    return ["\n\n".join(parts)]


def steps_section(article, phase, title, steps, tip) -> list[str]:
    if not (steps or tip.strip()):
        return []
    parts = [f"## {title}"]
    if steps:
        parts.append(
            "\n".join(list_item(f"{n}. ", s.label, s.text) for n, s in enumerate(steps, 1))
        )
    if tip.strip():
        parts.append(callout("Tip", tip))
    return ["\n\n".join(parts)]


def tips_section(article: Article) -> list[str]:
    if not article.tips:
        return []
    parts = ["## Pro Tips & Common Mistakes"]
    run_kind, run = None, []
    for tip in article.tips + [None]:
        kind = tip.kind if tip else None
        if kind != run_kind and run:
            heading = "### Pro tips" if run_kind == "tip" else "### Common mistakes"
            parts += [heading, "\n".join(list_item("- ", t.label, t.text) for t in run)]
            run = []
        run_kind = kind
        if tip:
            run.append(tip)
    return ["\n\n".join(parts)]


def faq_section(article: Article) -> list[str]:
    if not article.faqs:
        return []
    parts = ["## FAQ"]
    for faq in article.faqs:
        question = " ".join(faq.question.split())
        # The anchor the model would derive from the question goes without saying.
        stated = faq.anchor and faq.anchor != Faq.anchor_for(question)
        anchor = f" {{#{faq.anchor}}}" if stated else ""
        parts += [f"### {question}{anchor}", normalise_newlines(faq.answer).strip()]
    return ["\n\n".join(parts)]


def equipment_section(article: Article) -> list[str]:
    items, tip = article.recommended_equipment, article.equipment_tip
    if not (items or tip.strip()):
        return []
    parts = ["## Recommended Equipment"]
    if items:
        lines = []
        for item in items:
            name = item.name or item.entry or ""
            text = f"[{name}]({item.url})" if item.url else name
            if item.entry is not None:
                text += " {equipment}" if not item.name else f" {{equipment: {item.entry}}}"
            if item.why.strip():
                text += f" — {item.why.strip()}"
            lines.append(f"- {text}")
        parts.append("\n".join(lines))
    if tip.strip():
        parts.append(callout("Tip", tip))
    return ["\n\n".join(parts)]


def list_item(marker: str, label: str, text: str) -> str:
    text = normalise_newlines(text).strip()
    if label.strip():
        body = f"**{label.strip()}:** {text}"
    elif text.startswith("**"):
        body = "\\" + text  # keep a bold opening from reading as a label
    else:
        body = text
    indent = " " * len(marker)
    lines = body.split("\n")
    rest = [f"{indent}{line}" if line.strip() else "" for line in lines[1:]]
    return "\n".join([marker + lines[0], *rest])


def table_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def normalise_newlines(text: str) -> str:
    """Unix line endings and no trailing spaces: what the reader keeps of any text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))
