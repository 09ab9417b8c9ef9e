"""Format A in: Markdown with YAML front matter. `parse_markdown` reads it; the writer is
in markdown_writer.py, and `write_markdown(parse_markdown(text)) == text` for every file
the writer made.

The grammar is documented for editors in docs/content-format.md.
"""

from __future__ import annotations

import re

import yaml

from .article import Article, FaqItem, SetsRepsItem, StepItem, TipItem
from .errors import ArticleError
from .markdown_writer import ESCAPED_LABEL, FRONT_MATTER_FENCE, write_markdown  # noqa: F401
from .sections import (
    EXECUTION,
    EXTRA,
    MISTAKES,
    SETUP,
    TIPS,
    apply_overview_row,
    classify_heading,
    equipment_item,
    is_mistake,
    is_sets_reps_header,
    is_table_separator,
    overview_key,
    sets_reps_item,
    shorten,
    split_callout,
    split_label,
    split_table_row,
)

# front-matter key -> Article attribute; also the order the writer uses.
SCALAR_KEYS = {
    "name": "name",
    "slug": "slug",
    "title": "seo_title",
    "description": "meta_description",
    "status": "status",
    "body_part": "body_part",
    "difficulty": "difficulty",
    "difficulty_note": "difficulty_note",
}
LIST_KEYS = {
    "primary_muscles": "primary_muscles",
    "secondary_muscles": "secondary_muscles",
    "equipment": "equipment",
    "optional_equipment": "optional_equipment",
    "related": "related",
    "variations": "variations",
}
KEY_ALIASES = {"seo_title": "title", "meta_description": "description", "bodypart": "body_part"}
CHOICES = {
    "status": ("draft", "published"),
    "difficulty": ("beginner", "intermediate", "advanced"),
}
LIST_ITEM_RE = re.compile(r"^(?P<indent> {0,3})(?P<marker>[-*+•]|\d{1,3}[.)])(?: +|$)")
HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
ANCHOR_RE = re.compile(r"\s*\{#(?P<anchor>[A-Za-z0-9_-]+)\}\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


def looks_like_markdown(text: str) -> bool:
    return text.startswith(FRONT_MATTER_FENCE + "\n") or text.strip() == FRONT_MATTER_FENCE


# ============================================================================ reading


def parse_markdown(text: str) -> Article:
    article = Article(format="markdown")
    body_start = read_front_matter(text, article)
    lines = text.split("\n")
    _BodyParser(article, lines, body_start).parse()
    if not article.name:
        raise ArticleError(
            "The article has no title: add 'name: …' to the front matter (or a '# Title' line).",
            1,
        )
    return article


def read_front_matter(text: str, article: Article) -> int:
    """Fill the article from the YAML block; return the index of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return 0
    end = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in (FRONT_MATTER_FENCE, "...")),
        None,
    )
    if end is None:
        raise ArticleError(
            "The front matter that starts on this line is never closed: add a line with "
            "only '---' after the last key.",
            1,
        )
    source = "\n".join(lines[1:end])
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        problem = (error.problem or "not valid YAML").strip()
        problem = problem.replace("'<stream end>'", "the end of the front matter")
        raise ArticleError(f"The front matter is not valid YAML: {problem}.", line) from None
    except yaml.YAMLError as error:
        raise ArticleError(f"The front matter is not valid YAML: {error}.", 1) from None
    if data is None:
        return end + 1
    if not isinstance(data, dict):
        raise ArticleError(
            "The front matter must be a list of 'key: value' lines, like 'name: Cat-Cow'.", 2
        )
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    for raw_key, value in data.items():
        key = KEY_ALIASES.get(str(raw_key).strip().lower(), str(raw_key).strip().lower())
        line = key_lines.get(str(raw_key), 2)
        if key in SCALAR_KEYS:
            apply_scalar(article, key, value, line)
        elif key in LIST_KEYS:
            setattr(article, LIST_KEYS[key], as_list(key, value, line))
            article.lines[LIST_KEYS[key]] = line
        else:
            article.note(line, f"Unknown front-matter key “{raw_key}” was ignored.")
    # The file is the whole truth about the exercise: unnamed lists are empty.
    for attribute in ("related", "variations"):
        if getattr(article, attribute) is None:
            setattr(article, attribute, [])
    return end + 1


def apply_scalar(article: Article, key: str, value, line: int) -> None:
    if value is None:
        value = ""
    if isinstance(value, (list, dict)):
        raise ArticleError(f"'{key}' must be a single value, not a list or mapping.", line)
    value = str(value).strip() if not isinstance(value, bool) else str(value).lower()
    if key in CHOICES and value:
        value = value.lower()
        if value not in CHOICES[key]:
            allowed = ", ".join(CHOICES[key])
            raise ArticleError(f"'{key}: {value}' is not allowed; use one of: {allowed}.", line)
    attribute = SCALAR_KEYS[key]
    setattr(article, attribute, value or (None if key == "status" else ""))
    article.lines[attribute] = line


def as_list(key: str, value, line: int) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or any(isinstance(v, (list, dict)) for v in value):
        raise ArticleError(
            f"'{key}' must be a list of names, one '- Name' line each (or 'a, b, c').", line
        )
    return [str(v).strip() for v in value if v is not None and str(v).strip()]


class _BodyParser:
    """Splits the body into the intro and `##` sections, then reads each section."""

    def __init__(self, article: Article, lines: list[str], start: int):
        self.article = article
        self.lines = lines
        self.start = start

    def parse(self) -> None:
        blocks = self.split_sections()
        intro_lines = blocks[0][2]
        intro_parts = [trim_blank(intro_lines)]
        for title, line, body in blocks[1:]:
            kind = classify_heading(title)
            if kind in (None, EXTRA):
                self.article.note(
                    line,
                    f"“{shorten(title)}” is not a section we know; it was kept in the intro.",
                )
                intro_parts.append(f"## {title}\n\n{trim_blank(body)}".rstrip())
                continue
            getattr(self, f"read_{kind}")(body, line + 1, title)
        self.article.intro = "\n\n".join(part for part in intro_parts if part)

    def split_sections(self) -> list[tuple[str, int, list[str]]]:
        """[(title, line number, body lines)], the first entry being the intro."""
        blocks: list[tuple[str, int, list[str]]] = [("", self.start + 1, [])]
        fenced = fenced_lines(self.lines[self.start :])
        seen_content = False
        for index in range(self.start, len(self.lines)):
            raw = self.lines[index]
            number = index + 1
            heading = None if index - self.start in fenced else HEADING_RE.match(raw)
            if heading and heading.group("level") == "#" and not seen_content:
                seen_content = True
                if self.read_title(heading.group("title"), number):
                    continue
            if heading and heading.group("level") == "##":
                blocks.append((heading.group("title"), number, []))
                seen_content = True
                continue
            if raw.strip():
                seen_content = True
            blocks[-1][2].append(raw)
        return blocks

    def read_title(self, title: str, number: int) -> bool:
        """A leading '# Title' names the exercise when the front matter does not, and is
        dropped when it repeats the name; any other '# Heading' belongs to the intro."""
        if not self.article.name:
            self.article.name = title.strip()
            self.article.lines["name"] = number
            return True
        return title.strip() == self.article.name

    # ----- items -------------------------------------------------------------------------

    def items(self, body: list[str], first_line: int, title: str):
        """Yield ('item', text, line) for list items, ('callout', kind, text, line),
        ('heading', title, line), ('row', cells, line) and ('text', text, line)."""
        index = 0
        while index < len(body):
            raw = body[index]
            number = first_line + index
            if not raw.strip():
                index += 1
                continue
            heading = HEADING_RE.match(raw)
            if heading:
                yield ("heading", heading.group("title"), number)
                index += 1
                continue
            if raw.lstrip().startswith("|"):
                if not is_table_separator(raw):
                    yield ("row", split_table_row(raw), number)
                index += 1
                continue
            item = LIST_ITEM_RE.match(raw)
            if item:
                width = item.end()
                text_lines = [raw[width:]]
                index += 1
                while index < len(body):
                    following = body[index]
                    if not following.strip():
                        # a blank line continues the item only if indented text follows
                        rest = next((b for b in body[index:] if b.strip()), "")
                        if rest.startswith(" ") and not LIST_ITEM_RE.match(rest):
                            text_lines.append("")
                            index += 1
                            continue
                        break
                    if LIST_ITEM_RE.match(following) or HEADING_RE.match(following):
                        break
                    if not following.startswith(" ") and (
                        split_callout(following) or following.lstrip().startswith("|")
                    ):
                        break
                    text_lines.append(dedent(following, width))
                    index += 1
                yield ("item", "\n".join(text_lines).strip(), number)
                continue
            callout = split_callout(raw)
            paragraph = [raw]
            index += 1
            while index < len(body):
                following = body[index]
                if LIST_ITEM_RE.match(following) or HEADING_RE.match(following):
                    break
                if following.lstrip().startswith("|") or (
                    following.strip() and not callout and split_callout(following)
                ):
                    break
                if not following.strip() and not callout:
                    break
                if callout and following.strip() and split_callout(following):
                    break
                paragraph.append(following)
                index += 1
            text = "\n".join(paragraph).strip()
            if callout:
                kind, first = callout
                rest = "\n".join(paragraph[1:])
                yield ("callout", kind, (first + ("\n" + rest if rest else "")).strip(), number)
            else:
                yield ("text", text, number)

    def left_out(self, text: str, number: int, title: str) -> None:
        self.article.note(
            number, f"“{shorten(text)}” in “{shorten(title, 30)}” is not a list item; left out."
        )

    def callout_into(self, attribute: str, text: str, number: int) -> None:
        existing = getattr(self.article, attribute)
        setattr(self.article, attribute, f"{existing}\n\n{text}" if existing else text)
        self.article.lines.setdefault(attribute, number)

    # ----- sections ----------------------------------------------------------------------

    def read_overview(self, body, first_line, title):
        for entry in self.items(body, first_line, title):
            if entry[0] == "row" and len(entry[1]) >= 2:
                cells, number = entry[1], entry[2]
                key = cells[0]
                if not self.from_front_matter(key) and not apply_overview_row(
                    self.article, key, cells[1], number
                ):
                    self.article.note(number, f"Overview row “{shorten(key)}” was not "
                                              "understood; left out.")  # fmt: skip
            elif entry[0] in ("item", "text"):
                label, value = split_label(entry[1].replace("**", ""), plain=True)
                if not (label and apply_overview_row(self.article, label, value, entry[2])):
                    self.left_out(entry[1], entry[2], title)

    def from_front_matter(self, key: str) -> bool:
        name = overview_key(key)
        return bool(name and getattr(self.article, name) and name in self.article.lines)

    def read_sets_reps(self, body, first_line, title):
        for entry in self.items(body, first_line, title):
            kind = entry[0]
            if kind == "row":
                cells, number = entry[1], entry[2]
                if is_sets_reps_header(cells):
                    continue
                cells = (cells + [""] * 4)[:4]
                self.article.sets_reps.append(SetsRepsItem(*cells, line=number))
            elif kind == "item":
                self.article.sets_reps.append(sets_reps_item(entry[1], entry[2], self.article))
            elif kind == "callout":
                self.callout_into("progression_rule", entry[2], entry[3])
            elif kind == "text":
                self.left_out(entry[1], entry[2], title)

    def read_setup(self, body, first_line, title):
        self.read_steps(SETUP, body, first_line, title)

    def read_execution(self, body, first_line, title):
        self.read_steps(EXECUTION, body, first_line, title)

    def read_steps(self, phase, body, first_line, title):
        for entry in self.items(body, first_line, title):
            if entry[0] == "item":
                label, text = split_item(entry[1])
                self.article.steps.append(
                    StepItem(phase=phase, label=label, text=text, line=entry[2])
                )
            elif entry[0] == "callout" and entry[1] == "progression":
                self.callout_into("progression_rule", entry[2], entry[3])
            elif entry[0] == "callout":
                field = "setup_tip" if phase == SETUP else "execution_tip"
                self.callout_into(field, entry[2], entry[3])
            elif entry[0] == "heading":
                kind = classify_heading(entry[1])
                if kind in (SETUP, EXECUTION):
                    phase = kind
            elif entry[0] in ("text", "row"):
                self.left_out(str(entry[1]), entry[2], title)

    def read_tips(self, body, first_line, title, forced=None):
        kind_here = forced
        for entry in self.items(body, first_line, title):
            if entry[0] == "heading":
                sub = classify_heading(entry[1])
                kind_here = {MISTAKES: "mistake", TIPS: "tip"}.get(sub, forced)
            elif entry[0] == "item":
                label, text = split_item(entry[1])
                kind = kind_here or ("mistake" if is_mistake(label, text) else "tip")
                self.article.tips.append(TipItem(kind=kind, label=label, text=text, line=entry[2]))
            elif entry[0] == "callout" and entry[1] == "tip":
                kind = kind_here or "tip"
                self.article.tips.append(TipItem(kind=kind, text=entry[2], line=entry[3]))
            else:
                self.left_out(str(entry[-2]), entry[-1], title)

    def read_mistakes(self, body, first_line, title):
        self.read_tips(body, first_line, title, forced="mistake")

    def read_faq(self, body, first_line, title):
        current: FaqItem | None = None
        answer: list[str] = []
        fenced = fenced_lines(body)

        def close():
            if current is None:
                return
            current.answer = trim_blank(answer)
            if current.answer:
                self.article.faqs.append(current)
            else:
                self.article.note(current.line, f"The question “{shorten(current.question)}” "
                                                "has no answer below it; left out.")  # fmt: skip

        with_headings = any(
            (m := HEADING_RE.match(raw)) and m.group("level") == "###" for raw in body
        )
        for offset, raw in enumerate(body):
            number = first_line + offset
            in_fence = offset in fenced
            heading = None if in_fence else HEADING_RE.match(raw)
            if not with_headings and not in_fence and question_line(raw):
                heading = HEADING_RE.match(f"### {question_line(raw)}")
            if heading and heading.group("level") == "###":
                close()
                question = heading.group("title")
                anchor = ANCHOR_RE.search(question)
                if anchor:
                    question = question[: anchor.start()]
                current = FaqItem(
                    question=question.strip(),
                    answer="",
                    anchor=anchor.group("anchor") if anchor else "",
                    line=number,
                )
                answer = []
            elif current is not None:
                answer.append(raw)
            elif raw.strip():
                self.article.note(number, f"“{shorten(raw)}” comes before the first '### "
                                          "Question?' in the FAQ; left out.")  # fmt: skip
        close()

    def read_equipment(self, body, first_line, title):
        for entry in self.items(body, first_line, title):
            if entry[0] == "item":
                self.article.recommended_equipment.append(
                    equipment_item(unescape(entry[1]), entry[2], markers=True)
                )
            elif entry[0] == "callout" and entry[1] == "tip":
                self.callout_into("equipment_tip", entry[2], entry[3])
            else:
                self.left_out(str(entry[-2]), entry[-1], title)


def fenced_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside ``` or ~~~ code blocks, where a '#' is not a heading. A fence
    that is never closed fences nothing."""
    fences = [i for i, line in enumerate(lines) if FENCE_RE.match(line)]
    inside: set[int] = set()
    for start, end in zip(fences[::2], fences[1::2], strict=False):
        inside.update(range(start, end + 1))
    return inside


def question_line(raw: str) -> str:
    """'**Can I do it daily?**' or 'Q: Can I do it daily?' -> the question; else ''."""
    if raw.startswith((" ", "\t")) or LIST_ITEM_RE.match(raw):
        return ""
    text = re.sub(r"^(?:\*\*|__)?(?:Q(?:uestion)?\s*[:.]\s*)?", "", raw.strip())
    text = re.sub(r"(?:\*\*|__)$", "", text).strip()
    return text if text.endswith("?") and len(text) <= 300 else ""


def split_item(text: str) -> tuple[str, str]:
    label, rest = split_label(text, plain=False)
    if not label:
        return "", unescape(text)
    if not rest:
        return "", label
    return label, rest


def unescape(text: str) -> str:
    return text[1:] if text.startswith(ESCAPED_LABEL) else text


def dedent(line: str, width: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, width) :]


def trim_blank(lines: list[str]) -> str:
    """The block's text without the blank lines around it (inner text kept verbatim)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(line.rstrip() for line in lines[start:end])
