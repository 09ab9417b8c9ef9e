"""/search/ (the results page) and /api/search/ (the same results as JSON)."""

import re

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import BodyPart, Exercise
from .service import SearchResults, popular_faqs

PER_PAGE = 10
API_DEFAULT_LIMIT, API_MAX_LIMIT = 10, 50
AS_TYPED = "as-typed"  # ?spelling=as-typed: search the words as the reader typed them
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")


def chosen_body_part(request) -> BodyPart | None:
    """The body part picked in the filter; anything that is not a known slug is ignored."""
    slug = request.GET.get("part", "")
    if not _SLUG.match(slug):
        return None
    return BodyPart.objects.filter(slug=slug).first()


def body_parts_with_exercises():
    used = Exercise.objects.published().values("body_part")
    return BodyPart.objects.filter(pk__in=used).order_by("name")


def int_param(request, name: str, default: int, lowest: int, highest: int) -> int:
    try:
        value = int(request.GET.get(name, default))
    except (TypeError, ValueError):
        return default
    return max(lowest, min(highest, value))


def as_typed(request) -> bool:
    """Whether the reader asked for their own words, not a corrected spelling."""
    return request.GET.get("spelling") == AS_TYPED


@require_GET
def search_page(request):
    body_part = chosen_body_part(request)
    results = SearchResults(
        request.GET.get("q", ""), body_part.pk if body_part else None, as_typed(request)
    )
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "results": results,
        "q": results.text,
        "page_obj": page,
        "hits": page.object_list,
        "exercises": results.exercises if page.number == 1 else [],
        "body_parts": body_parts_with_exercises(),
        "body_part": body_part,
        "as_typed": AS_TYPED,
    }
    if results.text and not results.count():
        context["popular"] = popular_faqs()
    return render(request, "search/results.html", context)


@require_GET
def search_api(request):
    body_part = chosen_body_part(request)
    limit = int_param(request, "limit", API_DEFAULT_LIMIT, 1, API_MAX_LIMIT)
    results = SearchResults(
        request.GET.get("q", ""), body_part.pk if body_part else None, as_typed(request)
    )
    return JsonResponse(
        {
            "query": results.text,
            "count": results.count(),
            "suggestion": results.suggestion,
            "results": [hit.as_json() for hit in results[:limit]],
        },
        json_dumps_params={"ensure_ascii": False},
    )
