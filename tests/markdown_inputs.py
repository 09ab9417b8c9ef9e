"""Texts built to make a Markdown renderer slow, at any length.

Each entry makes a text of exactly `length` characters. Most are the CommonMark
implementations' "pathological" cases (cmark, commonmark.js, markdown-it); the rest aim
at the parts this site adds or relies on: tables, curly quotes, dashes and the raw HTML
that nh3 cleans. `tests/test_markdown.py` renders them and `bench/markdown_render.py`
times them at growing lengths.
"""

from collections.abc import Callable

from exercises.markdown_parser import QUOTES_PER_PARAGRAPH


def repeated(unit: str, length: int, end: str = "") -> str:
    return (unit * (length // len(unit) + 1))[: length - len(end)] + end


def halves(opening: str, closing: str, length: int) -> str:
    """Openers, then as many closers: the deepest nesting a text of this length can have."""
    return repeated(opening, length // 2) + repeated(closing, length - length // 2)


def indented_list(length: int) -> str:
    lines, depth = [], 0
    while sum(map(len, lines)) < length:
        lines.append("  " * depth + "* a\n")
        depth += 1
    return "".join(lines)[:length]


def growing_backtick_runs(length: int) -> str:
    runs, size = [], 0
    while sum(map(len, runs)) < length:
        size += 1
        runs.append("e" + "`" * size)
    return "".join(runs)[:length]


def many_references(length: int) -> str:
    """About half the text defines link labels, the rest uses one of them."""
    definitions = "".join(f"[{number}]: u\n" for number in range(length // 20))
    return definitions + repeated("[0] ", length - len(definitions))


def table_over_short_rows(columns: int) -> Callable[[int], str]:
    """A wide header over one-letter rows: every row is filled up with empty cells."""

    def text(length: int) -> str:
        table = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
        return repeated(table + "a\n" * columns + "\n", length)

    return text


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "open brackets": lambda n: repeated("[", n, end="x"),
    "nested brackets": lambda n: halves("[", "]", n),
    "link closers, no openers": lambda n: repeated("a]", n),
    "link openers, no closers": lambda n: repeated("[a", n),
    "image openers": lambda n: repeated("![", n),
    "unclosed link destinations": lambda n: repeated("[a](b", n),
    "unclosed <link destinations": lambda n: repeated("[a](<b", n),
    "brackets and parentheses": lambda n: repeated("[ (](", n),
    "link openers, emphasis closers": lambda n: repeated("[ a_", n),
    "unclosed link titles": lambda n: repeated('[a](b "', n),
    "many references": many_references,
    "nested strong emphasis": lambda n: halves("*a **a ", " a** a*", n),
    "emphasis closers, no openers": lambda n: repeated("a_ ", n),
    "emphasis openers, no closers": lambda n: repeated("_a ", n),
    "mismatched emphasis": lambda n: repeated("*a_ ", n),
    "delimiter runs, multiples of 3": lambda n: "a**b" + repeated("c* ", n - 4),
    "asterisks": lambda n: "*" * n,
    "backticks": lambda n: "`" * n,
    "growing backtick runs": growing_backtick_runs,
    "nested block quotes": lambda n: repeated("> ", n, end="a"),
    "nested list markers": lambda n: repeated("* ", n, end="a"),
    "nested ordered list markers": lambda n: repeated("1. ", n, end="a"),
    "nested lists by indentation": indented_list,
    "nested quotes and lists": lambda n: repeated("> - ", n, end="a"),
    "unclosed fences": lambda n: repeated("```\n", n),
    "headings": lambda n: repeated("# a\n", n),
    "setext headings": lambda n: repeated("a\n=\n", n),
    "hard line breaks": lambda n: repeated("a  \n", n),
    "blank lines": lambda n: "\n" * n,
    "tabs": lambda n: repeated("\t", n, end="a"),
    "backslashes": lambda n: "\\" * n,
    "NUL characters": lambda n: repeated("abc\0de\0", n),
    "entities": lambda n: repeated("&#", n),
    "autolink openers": lambda n: repeated("<http://a", n),
    "unclosed HTML comments": lambda n: "</" + repeated("<!--", n - 2),
    "unclosed processing instructions": lambda n: repeated("<?", n),
    "unclosed declarations": lambda n: repeated("<!A ", n),
    "unclosed CDATA": lambda n: repeated("<![CDATA[", n),
    "nested HTML elements": lambda n: repeated("<b>", n),
    "nested HTML blocks": lambda n: repeated("<div>", n),
    "nested HTML blocks, as many as are kept": lambda n: repeated("<dl><dt>" * 50 + "\n\n", n),
    "single quotes": lambda n: "'" * n,
    "double quote openers, single closers": lambda n: halves('"a ', "a' ", n),
    "quotes, as many as are paired per paragraph": lambda n: repeated(
        halves('"a ', "a' ", QUOTES_PER_PARAGRAPH * 3) + "\n\n", n
    ),
    "dashes": lambda n: "-" * n,
    "dots": lambda n: "." * n,
    "table over short rows": table_over_short_rows(50),
    "tables over short rows": table_over_short_rows(12),
    "table delimiters": lambda n: repeated("|", n),
}
