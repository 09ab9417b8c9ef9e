"""The one place where Markdown becomes HTML: render, then sanitise with an allow-list.

Public pages, the JSON API and the admin's live preview all call `render_markdown`, so an
editor's preview shows exactly what readers will get, and nothing else can slip script in.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

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
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]


def render_markdown(text: str) -> SafeString:
    """Turn editor Markdown into HTML that is safe to put on any page."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308  (nh3 has just sanitised it)
