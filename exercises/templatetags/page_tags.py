"""Template helpers for the public pages (SEO bits and summaries)."""

from django import template

from ..sections import summary as exercise_summary
from ..structured_data import json_ld_script

register = template.Library()


@register.filter
def json_ld(data):
    """{{ data|json_ld }}: a <script type="application/ld+json"> block that cannot break out."""
    return json_ld_script(data)


@register.filter
def summary(exercise):
    return exercise_summary(exercise)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or filter parameters (page 2+ keeps ?page=)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url
