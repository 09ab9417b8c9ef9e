"""SQL queries per page for an anonymous reader: first visit (page not cached) and a repeat;
and the exercise page's first visit with 5 and with 60 rows in every section.

Run by bench/bench.py against the benchmark database, under the same environment as the
server. A content-generation bump before each first visit makes it a page-cache miss, as
after any edit, without clearing a cache other servers may share.
Prints one JSON line: {"pages": {"page": [first, repeat], ...}, "exercise page by rows
per section": {"5": n, "60": n}}.
"""

import json
import os
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stretchsite.settings")

import django  # noqa: E402

django.setup()

from django.db import IntegrityError, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from exercises.cache import bump_content_generation  # noqa: E402
from exercises.models import Exercise  # noqa: E402
from exercises.sections import row_relations  # noqa: E402


def pages() -> dict[str, str]:
    exercise = Exercise.objects.published().order_by("pk").first()
    urls = {
        "home": "/",
        "list": "/exercises/",
        "exercise": exercise.get_absolute_url(),
        "body part": f"/body-parts/{exercise.body_part.slug}/",
        "search": "/search/?q=stretch",
        "API list": "/api/exercises/",
        "API exercise": f"/api/exercises/{exercise.slug}/",
        "sitemap": "/sitemap.xml",
    }
    return urls


def count(client: Client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def with_rows(rows: int) -> Exercise:
    """A published copy of a demo exercise with `rows` rows in every section."""
    original = Exercise.objects.published().order_by("pk").first()
    copy = Exercise.objects.get(pk=original.pk)
    copy.pk = None
    copy.name = copy.slug = f"bench-{rows}-{uuid.uuid4().hex[:8]}"
    copy.save()
    for field in Exercise._meta.many_to_many:  # its muscles, equipment and neighbours too
        getattr(copy, field.name).set(getattr(original, field.name).all())
    for relation in row_relations():
        template = getattr(original, relation).first()
        for order in range(rows if template else 0):
            template.pk = None
            template.exercise = copy
            template.order = order
            if hasattr(template, "anchor"):
                template.anchor = f"bench-{order}"
            try:
                with transaction.atomic():
                    template.save()
            except IntegrityError:
                break  # rows that may be there once only (a lead image, a linked exercise)
    return copy


def main() -> None:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    results = {"pages": {}, "exercise page by rows per section": {}}
    for name, url in pages().items():
        bump_content_generation()
        status, first = count(client, url)
        if status == 404:
            results["pages"][name] = None
            continue
        if status != 200:
            raise SystemExit(f"{name} ({url}) answered {status}")
        _, repeat = count(client, url)
        results["pages"][name] = [first, repeat]
    for rows in (5, 60):
        with transaction.atomic():
            exercise = with_rows(rows)
            bump_content_generation()
            status, first = count(client, exercise.get_absolute_url())
            transaction.set_rollback(True)  # leave the benchmark's content as it was
        if status != 200:
            raise SystemExit(f"The exercise page with {rows} rows answered {status}")
        results["exercise page by rows per section"][str(rows)] = first
    print("QUERIES_JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
