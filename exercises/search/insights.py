"""Search insights: recording what readers searched for, and what editors read of it.

A search is recorded by the results page's script (static/js/search-insights.js) through
`views.record_search`, not by the search itself: search pages are cached, so a view that
recorded would miss every reader the cache answers, and a search never waits for it.
Recording is one INSERT; if it fails, it is logged and the reader notices nothing.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Max, Q
from django.utils import timezone

from ..models import SearchRecord
from .text import normalised_query

logger = logging.getLogger(__name__)

TOP = 25  # queries listed in each table


def record(text: str, results: int, opened_faq_id: int | None = None) -> bool:
    """Record one search; False (and a log line) when the database refused it."""
    query = normalised_query(text)
    if not query:
        return False
    try:
        SearchRecord.objects.create(query=query, results=results, opened_faq_id=opened_faq_id)
    except DatabaseError:
        logger.warning("A search could not be recorded for the insights.", exc_info=True)
        return False
    return True


def purge(days: int | None = None) -> int:
    """Delete records older than `days` (DJANGO_SEARCH_INSIGHTS_DAYS); returns how many."""
    days = settings.SEARCH_INSIGHTS_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = SearchRecord.objects.filter(searched_at__lt=cutoff).delete()
    return deleted


@dataclass(frozen=True)
class QueryRow:
    query: str
    searches: int
    opened: int
    results: int  # the most any of its searches found


@dataclass(frozen=True)
class Insights:
    days: int
    frequent: list[QueryRow]
    no_results: list[QueryRow]
    never_opened: list[QueryRow]


def insights(days: int) -> Insights:
    """The most frequent searches, those that found nothing, and those whose answers nobody
    opened, over the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    per_query = (
        SearchRecord.objects.filter(searched_at__gte=since)
        .values("query")
        .annotate(
            searches=Count("pk"),
            opened=Count("pk", filter=Q(opened_faq_id__isnull=False)),
            most_results=Max("results"),
        )
    )

    def rows(queryset) -> list[QueryRow]:
        return [
            QueryRow(r["query"], r["searches"], r["opened"], r["most_results"])
            for r in queryset.order_by("-searches", "query")[:TOP]
        ]

    return Insights(
        days=days,
        frequent=rows(per_query),
        no_results=rows(per_query.filter(most_results=0)),
        never_opened=rows(per_query.filter(most_results__gt=0, opened=0)),
    )
