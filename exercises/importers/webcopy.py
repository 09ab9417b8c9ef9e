"""Format B: plain text copied from a web page.

One item per line; section titles on lines of their own (or as Markdown headings); the
first line is the exercise's name, or an SEO title like "Name: Proper Form, Sets, Tips &
FAQ" followed by a one-line summary. See docs/content-format.md for the full grammar.
"""

from __future__ import annotations

import re

from .article import Article, FaqItem, SetsRepsItem, StepItem, TipItem
from .errors import ArticleError
from .sections import (
    EXECUTION,
    EXTRA,
    FAQ,
    SETUP,
    apply_overview_row,
    capitalise,
    classify_heading,
    equipment_item,
    is_mistake,
    is_sets_reps_header,
    is_table_separator,
    normalise_heading,
    sets_reps_item,
    shorten,
    split_callout,
    split_label,
    split_table_row,
    strip_bullet,
)

INTRO, UNKNOWN = "intro", "unknown"
SEO_SUBTITLE_RE = re.compile(
    r"\b(proper form|form|how to|benefits|tips|faqs?|sets|reps|guide|technique|muscles"
    r"|mistakes|variations|instructions|step[- ]by[- ]step|tutorial)\b",
    re.IGNORECASE,
)
QUESTION_PREFIX_RE = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:Q(?:uestion)?\s*[:.]\s*)?")
ANSWER_PREFIX_RE = re.compile(r"^(?:A(?:nswer)?\s*[:.]\s+)")
SENTENCE_END = (".", "!", "?", ":", '"', "”", ")", "…")


def parse_webcopy(text: str) -> Article:
    return _WebCopyParser(text).parse()


class _WebCopyParser:
    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.article = Article(format="web copy")
        self.kind = INTRO
        self.intro: list[str] = []  # paragraphs
        self.untitled_list_noted = False
        self.faq: FaqItem | None = None
        self.answer: list[str] = []
        self.overview_rows = 0

    # ----- the top: title, SEO title, summary --------------------------------------------

    def parse(self) -> Article:
        position = self.read_title()
        for number, raw in enumerate(self.lines[position:], start=position + 1):
            self.read_line(raw, number)
        self.close_faq()
        self.article.intro = "\n\n".join(p.strip() for p in self.intro if p.strip())
        return self.article

    def next_content(self, start: int) -> int | None:
        for index in range(start, len(self.lines)):
            if self.lines[index].strip():
                return index
        return None

    def read_title(self) -> int:
        article = self.article
        first = self.next_content(0)
        if first is None:
            raise ArticleError("The text is empty.", 1)
        title = clean_title(self.lines[first])
        line = first + 1
        if not title:
            raise ArticleError("The first line should be the exercise's name.", line)
        seo = re.match(r"^(?P<name>[^:]{2,120}?)\s*:\s+(?P<rest>.+)$", title)
        is_seo_title = bool(seo and SEO_SUBTITLE_RE.search(seo.group("rest")))
        if not is_seo_title and classify_heading(self.lines[first]):
            raise ArticleError(
                f"The first line is the section title “{title}”, not the exercise's name. "
                "Put the name on the first line.",
                line,
            )
        if strip_bullet(self.lines[first])[0] or title.startswith("|"):
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
        position = first + 1
        if is_seo_title:
            article.seo_title = title
            article.lines["seo_title"] = line
            article.name = seo.group("name").strip()
            summary = self.next_content(position)
            if summary is not None and self.is_plain_line(self.lines[summary]):
                text = self.lines[summary].strip()
                if same_name(text, article.name):
                    position = summary + 1
                elif len(text) <= 300:
                    article.meta_description = text
                    article.lines["meta_description"] = summary + 1
                    position = summary + 1
                else:
                    article.note(
                        summary + 1,
                        "The line after the SEO title is longer than 300 characters, so it "
                        "was kept in the intro instead of becoming the meta description.",
                    )
        else:
            article.name = title
        article.lines["name"] = line
        name_line = self.next_content(position)
        if name_line is not None and same_name(self.lines[name_line], article.name):
            position = name_line + 1
        return position

    def is_plain_line(self, raw: str) -> bool:
        stripped = raw.strip()
        return not (
            classify_heading(raw)
            or strip_bullet(raw)[0]
            or stripped.startswith(("|", "#"))
            or split_callout(stripped)
        )

    # ----- the body ----------------------------------------------------------------------

    def read_line(self, raw: str, number: int) -> None:
        stripped = raw.strip()
        if not stripped:
            if self.kind in (INTRO, UNKNOWN):
                self.intro.append("")
            elif self.kind == FAQ and self.faq is not None:
                self.answer.append("")
            return
        if self.start_section(raw, number):
            return
        handler = getattr(self, f"read_{self.kind}")
        handler(stripped, raw, number)

    def start_section(self, raw: str, number: int) -> bool:
        stripped = raw.strip()
        is_bullet = strip_bullet(raw)[0]
        markdown_heading = re.match(r"^#{1,6}\s+(?P<title>.+?)\s*#*$", stripped)
        kind = None if is_bullet else classify_heading(stripped)
        if kind is None and markdown_heading and self.kind == FAQ:
            return False  # "### Question?" inside the FAQ
        if kind is None and markdown_heading:
            title = markdown_heading.group("title")
            if stripped.startswith("# ") and same_name(title, self.article.name):
                return True
            self.close_faq()
            self.kind = UNKNOWN
            self.article.note(
                number,
                f"“{shorten(title)}” is not a section we know; its text was added to the intro.",
            )
            self.intro.extend(["", f"## {title}", ""])
            return True
        if kind is None:
            return False
        self.close_faq()
        if kind == EXTRA:
            title = clean_title(stripped).rstrip(":")
            self.kind = UNKNOWN
            self.article.note(
                number,
                f"“{shorten(title)}” has no section of its own; its text was added to the intro.",
            )
            self.intro.extend(["", f"## {title}", ""])
            return True
        self.kind = kind
        return True

    def read_intro(self, stripped: str, raw: str, number: int) -> None:
        if stripped.startswith("|"):
            self.read_overview(stripped, raw, number)
            return
        is_bullet, text = strip_bullet(raw)
        if is_bullet:
            if not self.untitled_list_noted:
                self.untitled_list_noted = True
                self.article.note(
                    number,
                    "A list with no section title was read as the execution steps.",
                )
            self.add_step(EXECUTION, text, number)
            return
        self.add_intro_text(stripped)

    def read_unknown(self, stripped: str, raw: str, number: int) -> None:
        self.add_intro_text(stripped)

    def add_intro_text(self, stripped: str) -> None:
        # Copied text has one paragraph per line; hard-wrapped text continues a sentence.
        previous = self.intro[-1] if self.intro else ""
        if previous and not previous.endswith(SENTENCE_END) and stripped[:1].islower():
            self.intro[-1] = f"{previous} {stripped}"
        else:
            if previous:
                self.intro.append("")
            self.intro.append(stripped)

    def read_overview(self, stripped: str, raw: str, number: int) -> None:
        if is_table_separator(stripped):
            return
        if stripped.startswith("|"):
            cells = [c for c in split_table_row(stripped)]
        elif "\t" in stripped:
            cells = [c.strip() for c in stripped.split("\t") if c.strip()]
        else:
            label, value = split_label(strip_bullet(raw)[1], plain=True)
            cells = [label, value] if label else [stripped]
        self.overview_rows += 1
        if len(cells) >= 2 and apply_overview_row(self.article, cells[0], cells[1], number):
            return
        if self.overview_rows == 1 and len(cells) >= 2:
            return  # a header row such as "| Attribute | Details |"
        if self.kind == INTRO and not stripped.startswith("|"):
            self.add_intro_text(stripped)
            return
        self.article.note(number, f"Overview row “{shorten(stripped)}” was not understood; "
                                  "left out.")  # fmt: skip

    def read_sets_reps(self, stripped: str, raw: str, number: int) -> None:
        callout = split_callout(stripped)
        if callout:
            kind, text = callout
            if kind == "tip":
                self.article.note(number, "A tip in Sets & Reps was added to the progression "
                                          "rule.")  # fmt: skip
            self.article.progression_rule = join_text(self.article.progression_rule, text)
            self.article.lines.setdefault("progression_rule", number)
            return
        if stripped.startswith("|"):
            if is_table_separator(stripped):
                return
            cells = split_table_row(stripped)
            if is_sets_reps_header(cells):
                return
            cells += [""] * (4 - len(cells))
            self.article.sets_reps.append(SetsRepsItem(*cells[:4], line=number))
            return
        text = strip_bullet(raw)[1]
        self.article.sets_reps.append(sets_reps_item(text, number, self.article))

    def read_setup(self, stripped: str, raw: str, number: int) -> None:
        self.read_steps(SETUP, stripped, raw, number)

    def read_execution(self, stripped: str, raw: str, number: int) -> None:
        self.read_steps(EXECUTION, stripped, raw, number)

    def read_steps(self, phase: str, stripped: str, raw: str, number: int) -> None:
        callout = split_callout(stripped)
        if callout:
            kind, text = callout
            if kind == "progression":
                self.article.progression_rule = join_text(self.article.progression_rule, text)
            else:
                field = "setup_tip" if phase == SETUP else "execution_tip"
                setattr(self.article, field, join_text(getattr(self.article, field), text))
                self.article.lines.setdefault(field, number)
            return
        self.add_step(phase, strip_bullet(raw)[1], number)

    def add_step(self, phase: str, text: str, number: int) -> None:
        label, text = split_label(text, plain=True)
        if not text:
            label, text = "", label
        self.article.steps.append(StepItem(phase=phase, label=label, text=text, line=number))

    def read_tips(self, stripped: str, raw: str, number: int) -> None:
        self.add_tip(None, stripped, raw, number)

    def read_mistakes(self, stripped: str, raw: str, number: int) -> None:
        self.add_tip("mistake", stripped, raw, number)

    def add_tip(self, forced: str | None, stripped: str, raw: str, number: int) -> None:
        label, text = split_label(strip_bullet(raw)[1], plain=True)
        kind = forced
        if label.lower() in ("tip", "pro tip", "quick tip"):
            label, kind = "", kind or "tip"
        elif label.lower() in ("mistake", "common mistake", "avoid"):
            label, kind = "", "mistake"
        if not text:
            label, text = "", label
        kind = kind or ("mistake" if is_mistake(label, text) else "tip")
        self.article.tips.append(TipItem(kind=kind, label=label, text=text, line=number))

    def read_faq(self, stripped: str, raw: str, number: int) -> None:
        question = QUESTION_PREFIX_RE.sub("", strip_bullet(raw)[1]).strip().strip("*_").strip()
        if question.endswith("?") and not ANSWER_PREFIX_RE.match(stripped):
            self.close_faq()
            self.faq = FaqItem(question=question, answer="", line=number)
            return
        if self.faq is None:
            self.article.note(number, f"“{shorten(stripped)}” comes before any question in the "
                                      "FAQ; left out.")  # fmt: skip
            return
        self.answer.append(ANSWER_PREFIX_RE.sub("", stripped))

    def close_faq(self) -> None:
        if self.faq is None:
            return
        paragraphs, current = [], []
        for line in self.answer + [""]:
            if line:
                current.append(line)
            elif current:
                paragraphs.append("\n".join(current))
                current = []
        # One line per paragraph in copied text; list lines stay together.
        blocks: list[str] = []
        for paragraph in paragraphs:
            lines = paragraph.split("\n")
            if all(strip_bullet(line)[0] for line in lines):
                blocks.append("\n".join(f"- {strip_bullet(line)[1]}" for line in lines))
            else:
                blocks.extend(lines)
        self.faq.answer = "\n\n".join(blocks)
        if self.faq.answer:
            self.article.faqs.append(self.faq)
        else:
            self.article.note(self.faq.line, f"The question “{shorten(self.faq.question)}” has "
                                             "no answer below it; left out.")  # fmt: skip
        self.faq, self.answer = None, []

    def read_equipment(self, stripped: str, raw: str, number: int) -> None:
        callout = split_callout(stripped)
        if callout and callout[0] == "tip":
            self.article.equipment_tip = join_text(self.article.equipment_tip, callout[1])
            self.article.lines.setdefault("equipment_tip", number)
            return
        item = equipment_item(strip_bullet(raw)[1], number, markers=False)
        item.auto_link = True
        self.article.recommended_equipment.append(item)


def clean_title(raw: str) -> str:
    title = raw.strip().lstrip("#").strip()
    title = re.sub(r"^(?:\*\*|__)(.*)(?:\*\*|__)$", r"\1", title).strip()
    return title


def same_name(raw: str, name: str) -> bool:
    return normalise_heading(clean_title(raw)) == normalise_heading(name) and bool(name)


def join_text(existing: str, more: str) -> str:
    return f"{existing}\n\n{more}" if existing else capitalise(more)
