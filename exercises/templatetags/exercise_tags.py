from django import template

from ..markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ exercise.intro|markdown }}: the one render-and-sanitise path, for templates."""
    return render_markdown(text)
