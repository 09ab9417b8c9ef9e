"""markdown-it-py, set up to read editor Markdown the way the site always has.

markdown-it is a CommonMark parser built for untrusted input: its time grows in step with
the text's length (`bench/markdown_render.py` shows it), where Python-Markdown, used until
now, took seconds for a few thousand `[`. The first rules below keep ordinary text's HTML
byte for byte what Python-Markdown (extra, sane_lists, smarty) made of it; the last ones
put a ceiling on the three things that could still grow faster than the text: table
cells, quote pairing, and nested raw HTML.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock, html_block
from markdown_it.rules_block.table import table as gfm_table
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.smartquotes import process_inlines as curl_quotes

# Smarty's dashes and ellipsis. markdown-it's own "replacements" would also turn "(c)" into
# "©", "+-" into "±" and ".." into "…", which exercise text means literally.
DASHES_AND_ELLIPSES = [
    (re.compile(r"(?<!-)---(?!-)"), "\u2014"),
    (re.compile(r"(?<!-)--(?!-)"), "\u2013"),
    (re.compile(r"(?<!\.)\.\.\.(?!\.)"), "\u2026"),
]
SCRIPT_OR_STYLE = re.compile(r"<(?:script|style)(?![^\s>])", re.IGNORECASE)

# Pairing quotes costs their number times the length of their paragraph (or heading, or
# table cell); one with more than this many keeps straight quotes.
QUOTES_PER_PARAGRAPH = 500

# nh3's HTML parser looks through the open elements for some tags, so thousands of nested
# tags would cost it the square of their number; past this many, raw HTML shows as text.
RAW_HTML_TAGS = 1_000


def _dashes_and_ellipses(state: StateCore) -> None:
    """Typographic dashes and ellipses in text, never in code, URLs or an autolink's text."""
    for block in state.tokens:
        in_autolink = False
        for token in block.children or ():
            if token.type == "text" and not in_autolink:
                for pattern, replacement in DASHES_AND_ELLIPSES:
                    token.content = pattern.sub(replacement, token.content)
            elif token.info == "auto":
                in_autolink = token.type == "link_open"


def _html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Raw HTML blocks, but not from a <script> or <style> tag (which nh3 drops whole): as a
    block, one would take the rest of its line along as raw HTML, so Markdown written after
    it on that line would show as written; Python-Markdown rendered it."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    if SCRIPT_OR_STYLE.match(state.src, start):
        return False
    return html_block(state, start_line, end_line, silent)


def _without_tight_paragraphs(state: StateCore) -> None:
    """Drop the invisible paragraphs of tight list items, so that a nested list follows its
    item's text directly (`<li>one<ul>`), as before, not after a line break."""
    state.tokens = [token for token in state.tokens if not token.hidden]


def _image(renderer, tokens, index, options, env) -> str:
    """`alt` before `src`, the attribute order pages with images had before."""
    token = tokens[index]
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    token.attrs = {"alt": alt} | {name: v for name, v in token.attrs.items() if name != "alt"}
    return renderer.renderToken(tokens, index, options, env)


def _table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """GFM tables, with no more cells in all than the text has characters. Rows shorter
    than their header get empty cells, so a wide header over many one-letter rows would turn
    kilobytes into megabytes; past the limit, the rows stay text. As in Python-Markdown, a
    table needs a blank line before it."""
    if silent:  # asked whether a table may interrupt a paragraph
        return False
    cells_left = state.env.setdefault("table_cells_left", len(state.src))
    columns = state.src.count("|", state.bMarks[start_line], state.eMarks[start_line]) + 1
    rows = cells_left // columns  # `columns` is an upper bound; the header is a row too
    if rows < 1 or not gfm_table(state, start_line, min(end_line, start_line + 1 + rows), False):
        return False
    state.env["table_cells_left"] = cells_left - columns * (state.line - start_line - 1)
    return True


def _smartquotes(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline":
            quotes = token.content.count("'") + token.content.count('"')
            if 0 < quotes <= QUOTES_PER_PARAGRAPH:
                curl_quotes(token.children, state)


def _raw_html(renderer, tokens, index, options, env) -> str:
    html = tokens[index].content
    env["raw_html_tags"] = env.get("raw_html_tags", 0) + html.count("<")
    return html if env["raw_html_tags"] <= RAW_HTML_TAGS else escapeHtml(html)


parser = MarkdownIt("commonmark", {"html": True})  # raw HTML goes on to nh3's allow-list
parser.block.ruler.at("table", _table)
parser.block.ruler.at("html_block", _html_block, {"alt": ["paragraph", "reference", "blockquote"]})
parser.core.ruler.at("smartquotes", _smartquotes)
parser.enable(["table", "smartquotes"])
parser.core.ruler.before("smartquotes", "dashes_and_ellipses", _dashes_and_ellipses)
parser.core.ruler.push("without_tight_paragraphs", _without_tight_paragraphs)
parser.add_render_rule("image", _image)
parser.add_render_rule("html_block", _raw_html)
parser.add_render_rule("html_inline", _raw_html)
# Every link goes through, and nh3 alone judges URL schemes: markdown-it would leave a
# `javascript:` link on the page as its Markdown text, script and all.
parser.validateLink = lambda url: True
