"""/search/ (the results page) and /api/search/ (the same results as JSON)."""

import re

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from ..models import BodyPart, Exercise
from . import insights
from .ranking import CANDIDATES
from .service import SearchResults, popular_faqs
from .text import MAX_QUERY_CHARS

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
        "search_page": True,  # the header's search box holds the query
        "page_title": f"Search: {results.text}" if results.text else "Search the answers",
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


# Not cached, and without CSRF: the page that calls it may come from the page cache, with no
# cookie to match. It only ever adds one anonymous record, and refuses other sites' pages.
@csrf_exempt
@require_POST
def record_search(request):
    """The results page's script reports a search a reader read: its words, how many
    answers it found, and the answer opened, if any."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return HttpResponse("Searches are recorded from this site's pages only.", status=403)
    text = request.POST.get("q", "")
    try:
        results = int(request.POST.get("results", ""))
        opened = request.POST.get("opened") or None
        opened = int(opened) if opened is not None else None
    except ValueError:
        return HttpResponse("results and opened must be whole numbers.", status=400)
    if not text or len(text) > MAX_QUERY_CHARS or not 0 <= results <= CANDIDATES:
        return HttpResponse(
            f"q must be 1 to {MAX_QUERY_CHARS} characters, results 0 to {CANDIDATES}.",
            status=400,
        )
    insights.record(text, results, opened)
    return HttpResponse(status=204)
