"""Format A in: Markdown with YAML front matter, read as structure (blocks.py) for the
builder. The writer is writer.py; `write_markdown(build(read_markdown(text))) == text` for
every file it made. The grammar is documented for editors in docs/content-format.md.
"""

from __future__ import annotations

import re

import yaml

from .blocks import (
    Block,
    Callout,
    Code,
    Document,
    FrontValue,
    Heading,
    ListItem,
    Paragraph,
    TableRow,
)
from .errors import ArticleError
from .grammar import is_table_row, is_table_separator, split_callout, split_table_row

FRONT_MATTER_FENCE = "---"
LIST_ITEM_RE = re.compile(r"^(?P<indent> {0,3})(?P<marker>[-*+•]|\d{1,3}[.)])(?: +|$)")
HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
MAX_NESTING = 10
NESTING_STARTS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
NESTING_ENDS = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def looks_like_markdown(text: str) -> bool:
    """Front matter, or a '# Title' over '##' sections."""
    if text.startswith(FRONT_MATTER_FENCE + "\n") or text.strip() == FRONT_MATTER_FENCE:
        return True
    first = next((line for line in text.split("\n") if line.strip()), "")
    return first.startswith("# ") and re.search(r"^## ", text, re.MULTILINE) is not None


def read_markdown(text: str) -> Document:
    lines = text.split("\n")
    document = Document(format="markdown", blocks=[], entry_markers=True)
    body_start = read_front_matter(lines, document)
    names = [v.value for v in document.front if v.key.strip().lower() == "name"]
    name = str(names[0] or "").strip() if names else ""
    document.blocks = _Body(lines, body_start, name, document.front).blocks()
    return document


def read_front_matter(lines: list[str], document: Document) -> int:
    """Add the YAML block's entries to the document; return the first body line's index."""
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
        check_nesting(source)
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
    document.has_front_matter = True
    for key, value in data.items():
        document.front.append(FrontValue(str(key), value, key_lines.get(str(key), 2)))
    return end + 1


def check_nesting(source: str) -> None:
    """Refuse values nested deeper than any key needs (a list of names, inside the
    mapping of keys). PyYAML builds nested values by recursion, so a value nested a
    thousand deep would exhaust the stack; its scanner does not recurse."""
    depth, key_line = 0, 2
    for token in yaml.scan(source, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.KeyToken) and depth == 1:
            key_line = token.start_mark.line + 2
        elif isinstance(token, NESTING_STARTS):
            depth += 1
            if depth > MAX_NESTING:
                raise ArticleError(
                    "The front matter nests values too deeply: each key takes one value or "
                    "a list of names.",
                    key_line,
                )
        elif isinstance(token, NESTING_ENDS):
            depth -= 1


class _Body:
    """The body as blocks: the intro up to the first '##' heading as one paragraph (it is
    Markdown kept as written), then headings, list items, table rows, call-outs,
    paragraphs and code blocks, each with the lines it spans."""

    def __init__(self, lines: list[str], start: int, name: str, front: list[FrontValue]):
        self.lines = lines
        self.start = start
        self.name = name
        self.front = front
        self.fenced = fenced_lines(lines, start)

    def blocks(self) -> list[Block]:
        first_section = next(
            (
                i
                for i in range(self.start, len(self.lines))
                if i not in self.fenced and self.heading_level(i) == 2
            ),
            len(self.lines),
        )
        intro = self.intro_lines(first_section)
        blocks: list[Block] = []
        if any(line.strip() for line in intro):
            blocks.append(Paragraph(line=self.start + 1, text="\n".join(intro), source=intro))
        return blocks + self.spans(first_section, len(self.lines))

    def heading_level(self, index: int) -> int:
        match = HEADING_RE.match(self.lines[index])
        return len(match.group("level")) if match else 0

    def intro_lines(self, end: int) -> list[str]:
        """A leading '# Title' names the exercise when the front matter does not, and is
        dropped when it repeats the name; any other '# Heading' belongs to the intro."""
        intro = self.lines[self.start : end]
        first = next((i for i, line in enumerate(intro) if line.strip()), None)
        if first is None or self.start + first in self.fenced:
            return intro
        heading = HEADING_RE.match(intro[first])
        if not heading or heading.group("level") != "#":
            return intro
        title = heading.group("title").strip()
        if not self.name:
            self.front.append(FrontValue("name", title, self.start + first + 1))
            self.name = title
        elif title != self.name:
            return intro
        return intro[:first] + intro[first + 1 :]

    def spans(self, start: int, end: int) -> list[Block]:
        """Blocks from line index `start`; each one's source runs to the next one."""
        found: list[Block] = []
        index = start
        while index < end:
            line = self.lines[index]
            if not line.strip() or (is_table_row(line) and is_table_separator(line)):
                index += 1  # part of the block before: a blank line, a table's '|---|'
                continue
            block, index = self.block_at(index, end)
            found.append(block)
        for block, following in zip(found, [*found[1:], None], strict=False):
            finish = following.line - 1 if following else end
            block.source = self.lines[block.line - 1 : finish]
        return found

    def block_at(self, index: int, end: int) -> tuple[Block, int]:
        """The block that starts at `index`, and the index after it."""
        lines, number, raw = self.lines, index + 1, self.lines[index]
        if index in self.fenced:
            after = index + 1
            while after < end and after in self.fenced and not FENCE_RE.match(lines[after]):
                after += 1
            return Code(line=number), min(after + 1, end)
        heading = HEADING_RE.match(raw)
        if heading:
            level = len(heading.group("level"))
            return Heading(line=number, text=heading.group("title"), level=level), index + 1
        if is_table_row(raw):
            header = index + 1 < end and is_table_separator(lines[index + 1])
            return TableRow(line=number, cells=split_table_row(raw), header=header), index + 1
        item = LIST_ITEM_RE.match(raw)
        if item:
            return self.list_item(index, end, item.end())
        return self.paragraph(index, end)

    def list_item(self, index: int, end: int, width: int) -> tuple[Block, int]:
        """An item with its continuation lines: indented ones, and an indented paragraph
        after a blank line."""
        lines = self.lines
        text_lines = [lines[index][width:]]
        after = index + 1
        while after < end:
            following = lines[after]
            if not following.strip():
                rest = next((b for b in lines[after:end] if b.strip()), "")
                if rest.startswith(" ") and not LIST_ITEM_RE.match(rest):
                    text_lines.append("")
                    after += 1
                    continue
                break
            if LIST_ITEM_RE.match(following) or HEADING_RE.match(following):
                break
            if not following.startswith(" ") and (
                split_callout(following) or is_table_row(following)
            ):
                break
            text_lines.append(dedent(following, width))
            after += 1
        return ListItem(line=index + 1, text="\n".join(text_lines).strip()), after

    def paragraph(self, index: int, end: int) -> tuple[Block, int]:
        """A paragraph, or a call-out: one that opens with 'Tip:' runs on across blank
        lines up to the next list, table, heading or call-out."""
        lines = self.lines
        callout = split_callout(lines[index])
        paragraph = [lines[index]]
        after = index + 1
        while after < end:
            following = lines[after]
            if after in self.fenced or LIST_ITEM_RE.match(following) or HEADING_RE.match(following):
                break
            if is_table_row(following) or (following.strip() and split_callout(following)):
                break
            if not following.strip() and not callout:
                break
            paragraph.append(following)
            after += 1
        if callout:
            rest = "\n".join(paragraph[1:])
            text = (callout.text + ("\n" + rest if rest else "")).strip()
            return Callout(line=index + 1, kind=callout.kind, text=text), after
        return Paragraph(line=index + 1, text="\n".join(paragraph).strip()), after


def fenced_lines(lines: list[str], start: int = 0) -> set[int]:
    """Indexes of lines inside ``` or ~~~ code blocks, where a '#' is not a heading. A fence
    that is never closed fences nothing."""
    fences = [i for i in range(start, len(lines)) if FENCE_RE.match(lines[i])]
    inside: set[int] = set()
    for begin, end in zip(fences[::2], fences[1::2], strict=False):
        inside.update(range(begin, end + 1))
    return inside


def dedent(line: str, width: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, width) :]
