"""JSON-LD for search engines: HowTo, FAQPage and BreadcrumbList (schema.org)."""

import json

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .page import ExercisePage, plain_text

# The escapes of Django's json_script (which only writes type="application/json"): nothing
# in the data can close the <script>.
JSON_SCRIPT_ESCAPES = str.maketrans({">": "\\u003E", "<": "\\u003C", "&": "\\u0026"})


def json_ld_script(data: dict | list) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308
        f'<script type="application/ld+json">{text.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )


def breadcrumb_list(crumbs: list[tuple[str, str]]) -> dict:
    """crumbs: (name, absolute url) pairs from the home page down to the current page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def how_to(page: ExercisePage, url: str) -> dict:
    exercise = page.exercise

    def step(s, anchor):
        text = f"{s.label}: {s.text}" if s.label else s.text
        name = s.label or Truncator(s.text).words(10)
        return {"@type": "HowToStep", "name": name, "text": text, "url": f"{url}#{anchor}"}

    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": exercise.name,
        "description": page.description,
        "url": url,
        "dateModified": exercise.updated_at.isoformat(),
    }
    if exercise.published_at:
        data["datePublished"] = exercise.published_at.isoformat()
    steps = [step(s, anchor) for anchor in ("setup", "execution") for s in page.rows(anchor)]
    if steps:
        data["step"] = steps
    if page.equipment:
        data["tool"] = [{"@type": "HowToTool", "name": e.name} for e in page.equipment]
    supplies = [e.name for e in page.optional_equipment]
    if supplies:
        data["supply"] = [{"@type": "HowToSupply", "name": name} for name in supplies]
    return data


def faq_page(page: ExercisePage, url: str) -> dict | None:
    faqs = page.rows("faq")
    if not faqs:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "url": f"{url}#faq-{faq.anchor}",
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(faq.answer)},
            }
            for faq in faqs
        ],
    }
