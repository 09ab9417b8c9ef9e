"""The one place where Markdown becomes HTML: render, then sanitise with an allow-list.

Public pages, the JSON API and the admin's live preview all call `render_markdown`, so an
editor's preview shows exactly what readers will get, and nothing else can slip script in.
The parser (markdown_parser.py) takes time in step with the text's length, whatever it holds.
"""

import html
import re
from functools import lru_cache, wraps
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .markdown_parser import parser

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# nh3 keeps these on any allowed tag.
GENERIC_ATTRIBUTES = {"lang", "title"}
# Tags that only wrap or style text: the sanitiser drops the tags and keeps the text.
WRAPPING_TAGS = {
    "article", "aside", "big", "center", "cite", "div", "figcaption", "figure", "font",
    "footer", "header", "ins", "label", "main", "mark", "nav", "q", "section", "small", "span",
    "u",
}  # fmt: skip

# A link whose address the sanitiser removed: nh3 leaves `<a rel="…">text</a>`.
LINK_WITHOUT_ADDRESS = re.compile(r"<a(?![^>]*\shref=)[^>]*>(.*?)</a>", re.DOTALL)


# Texts up to this size are remembered: a page's intro and answers render once per process.
# Longer ones (and the admin preview's keystroke-by-keystroke drafts) would only fill memory.
REMEMBERED_LENGTH = 8_000


def remembered_for_short_texts(function):
    """For a function of one text whose output depends on that text alone: texts up to
    REMEMBERED_LENGTH are worked out once per process, so pages reuse earlier results for
    unchanged text. An edited text is a new key, so nothing goes stale."""
    remembered = lru_cache(maxsize=2048)(function)

    @wraps(function)
    def wrapper(text: str):
        if len(text) <= REMEMBERED_LENGTH:
            return remembered(text)
        return function(text)

    return wrapper


def render_markdown(text: str) -> SafeString:
    """Turn editor Markdown into HTML that is safe to put on any page."""
    if not text:
        return mark_safe("")
    return _render(text)


@remembered_for_short_texts
def _render(text: str) -> SafeString:
    html = parser.render(text).rstrip("\n")  # as Python-Markdown did, for unchanged pages
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # A link whose address was not allowed (javascript:…) would be a dead link: its text.
    clean = LINK_WITHOUT_ADDRESS.sub(r"\1", clean)
    return mark_safe(clean)  # noqa: S308  (nh3 has just sanitised it)


# Text made only of these characters reads the same before and after rendering.
_PLAIN = re.compile(r"(?:[^\W_]|[ ,.;:?!()%/])*")


@remembered_for_short_texts  # strip_tags runs an HTML parser: ~0.1 ms for an intro
def markdown_to_text(text: str) -> str:
    """What a reader sees of Markdown, as one line of plain text (links, emphasis and tags
    removed): for meta tags, JSON-LD, feeds and the search index."""
    text = text or ""
    if not _PLAIN.fullmatch(text):  # plain text needs no rendering: quicker index rebuilds
        text = html.unescape(strip_tags(render_markdown(text)))
    return " ".join(text.split())


def removed_when_shown(text: str) -> list[str]:
    """What `render_markdown` leaves out of this text's HTML, in words for editors:
    "a <script> element", "an event attribute (onclick)", "the address of a link
    (javascript:…)". Empty for anything Markdown itself writes."""
    if not text:
        return []
    finder = _RemovedFinder()
    finder.feed(parser.render(text))
    finder.close()
    return list(dict.fromkeys(finder.removed))


class _RemovedFinder(HTMLParser):
    """Reads HTML as the parser wrote it and notes what the allow-list does not allow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            if tag in WRAPPING_TAGS:
                self.removed.append(f"<{tag}> tags (their text is kept)")
            else:
                self.removed.append(f"a <{tag}> element")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
        for name, value in attrs:
            value = value or ""
            if name == "style" and tag in ("th", "td") and value.startswith("text-align:"):
                continue  # a Markdown table's column alignment, not the editor's HTML
            if name not in allowed:
                what = "an event attribute" if name.startswith("on") else "an attribute"
                self.removed.append(f"{what} ({name}) on <{tag}>")
            elif name in ("href", "src") and not _allowed_address(value):
                scheme = _scheme(value)
                if tag == "a":
                    self.removed.append(f"the address of a link ({scheme}:…): its text is kept")
                else:
                    self.removed.append(f"the address of an image ({scheme}:…)")

    handle_startendtag = handle_starttag


def _scheme(address: str) -> str:
    # Browsers ignore tabs, newlines and leading spaces in an address ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20]", "", address)
    try:
        return urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "?"


def _allowed_address(address: str) -> bool:
    scheme = _scheme(address)
    return not scheme or scheme in ALLOWED_URL_SCHEMES
