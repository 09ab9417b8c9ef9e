"""The Jinja2 environment for the public pages (templates/jinja2/).

Public pages are rendered with Jinja2 because rendering them is most of what a page-cache
miss costs, and Jinja2 compiles templates to Python code: the exercise page renders several
times faster than with Django's template language (docs/performance.md). The admin keeps
Django's templates. Everything a template shows goes through the same helpers as before:
Markdown through `render_markdown`, JSON-LD through `json_ld_script`.
"""

from functools import lru_cache

from django.template.defaultfilters import date, pluralize, truncatewords
from django.templatetags.static import static
from django.utils.translation import get_language
from jinja2 import Environment, Undefined

from .links import reverse_url
from .markdown import render_markdown
from .sections import summary
from .structured_data import json_ld_script

# Each file's (hashed) address is fixed until the next deployment restarts the servers.
static_url = lru_cache(maxsize=512)(static)


@lru_cache(maxsize=1024)
def _remembered_date(value, format_string, language) -> str:
    return date(value, format_string)


def date_filter(value, format_string=None) -> str:
    """Django's `date` filter, remembered per value, format and language: an exercise's
    dates change only when it is edited, and formatting one afresh (format lookups, month
    names) cost more than the rest of its header."""
    try:
        return _remembered_date(value, format_string, get_language())
    except TypeError:  # a value that cannot be a dictionary key
        return date(value, format_string)


def canonical_url(request) -> str:
    """This page's address without tracking or filter parameters (page 2+ keeps ?page=)."""
    if request is None:
        return ""
    address = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        address += f"?page={int(page)}"
    return address


def querystring(request, **changes) -> str:
    """The current query string with some parameters changed, like {% querystring %}."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}" if params or request.GET else ""


def environment(**options) -> Environment:
    # Templates end with a newline; Django's templates kept it, and so do these.
    options.setdefault("keep_trailing_newline", True)
    # A missing variable renders as nothing in development too, as in production (Django
    # would otherwise print "{{ name }}" for it when DEBUG is on).
    options["undefined"] = Undefined
    # Keep every compiled template (there are a few dozen): Jinja2's default least-recently-
    # used cache takes a lock and reorders a queue on each {% include %}.
    options.setdefault("cache_size", -1)
    env = Environment(**options)
    env.globals.update(
        url=reverse_url, static=static_url, canonical_url=canonical_url, querystring=querystring
    )
    env.filters.update(
        markdown=render_markdown,
        json_ld=json_ld_script,
        summary=summary,
        date=date_filter,
        pluralize=pluralize,
        truncatewords=truncatewords,
    )
    return env
