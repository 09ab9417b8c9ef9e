"""The one place where Markdown becomes HTML: render, then sanitise with an allow-list.

Public pages, the JSON API and the admin's live preview all call `render_markdown`, so an
editor's preview shows exactly what readers will get, and nothing else can slip script in.
The parser (markdown_parser.py) takes time in step with the text's length, whatever it holds.
"""

from functools import lru_cache, wraps

import nh3
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
    return mark_safe(clean)  # noqa: S308  (nh3 has just sanitised it)
