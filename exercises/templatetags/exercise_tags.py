"""What the public templates need beyond Django's own tags and filters."""

from functools import lru_cache

import segno
from django import template
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from ..markdown import render_markdown
from ..page import summary
from ..seo import document_title
from ..structured_data import json_ld_script

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ exercise.intro|markdown }}: the one render-and-sanitise path, for templates."""
    return render_markdown(text)


@register.filter(name="json_ld")
def json_ld_filter(data):
    return json_ld_script(data)


@register.filter(name="picture_for")
def picture_for_filter(step_images: dict, step):
    """{{ page.step_images|picture_for:step }}: the step's picture, or None."""
    return step_images.get(step.pk)


@register.filter(name="summary")
def summary_filter(exercise):
    return summary(exercise)


register.simple_tag(document_title)


@register.filter
def datetime_attribute(value) -> str:
    """A <time datetime> value: ISO 8601 in the site's time zone, to the second (HTML allows
    at most three digits of a second's fraction, and readers see the day anyway)."""
    return localtime(value).replace(microsecond=0).isoformat()


@register.filter
@lru_cache(maxsize=256)
def qr_code(address: str) -> str:
    """An inline SVG QR code for an address (the printed card's way back to the guide)."""
    code = segno.make(address, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None)
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" ', 1))


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without tracking or filter parameters (page 2+ keeps ?page=)."""
    request = context.get("request")
    if request is None:  # the 500 page is drawn without one
        return ""
    address = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        address += f"?page={int(page)}"
    return address
