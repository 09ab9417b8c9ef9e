"""JSON-LD for search engines (schema.org): Article with its images' ImageObjects,
BreadcrumbList, and HowTo and FAQPage where they stay valid (a HowTo needs steps, a FAQPage
questions). Google stopped showing HowTo rich results in 2023 and FAQ results in 2026; the
Article and the images' licence data are what it still reads for this page."""

import json

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .markdown import markdown_to_text
from .page import ExercisePage

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


PUBLISHER = "StretchSite"


def organization(home_url: str) -> dict:
    return {"@type": "Organization", "name": PUBLISHER, "url": home_url}


def article(page: ExercisePage, url: str, home_url: str, images: list[dict]) -> dict:
    """The guide as an Article: headline, images, publisher and dates."""
    exercise = page.exercise
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Truncator(exercise.title).chars(110),
        "description": page.description,
        "url": url,
        "mainEntityOfPage": url,
        "author": organization(home_url),
        "publisher": organization(home_url),
        "dateModified": exercise.updated_at.isoformat(),
    }
    if exercise.published_at:
        data["datePublished"] = exercise.published_at.isoformat()
    if images:
        data["image"] = images
    return data


def image_object(image, absolute, licence_page: str) -> dict:
    """An exercise image with what search engines show as its licence details."""
    credit = image.credit or PUBLISHER
    data = {
        "@type": "ImageObject",
        "contentUrl": absolute(image.largest),
        "url": absolute(image.largest),
        "width": image.width,
        "height": image.height,
        "license": image.licence_url or licence_page,
        "acquireLicensePage": image.source_url or licence_page,
        "creditText": credit,
        "creator": {"@type": "Organization" if credit == PUBLISHER else "Person", "name": credit},
        "copyrightNotice": credit,
    }
    if image.caption or image.alt:
        data["caption"] = image.caption or image.alt
    return data


def how_to(page: ExercisePage, url: str, image: str = "") -> dict | None:
    """The steps as a HowTo, or None without steps (a HowTo needs them)."""
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
    if not steps:
        return None
    data["step"] = steps
    if image:
        data["image"] = image
    # Only what the page says is needed: with "None needed" there are no tools or supplies
    # (optional equipment is not a supply).
    if page.equipment:
        data["tool"] = [{"@type": "HowToTool", "name": e.name} for e in page.equipment]
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
                "acceptedAnswer": {"@type": "Answer", "text": markdown_to_text(faq.answer)},
            }
            for faq in faqs
        ],
    }
