"""SQL queries per page for an anonymous reader: first visit (page not cached) and a repeat.

Run by bench/bench.py against the benchmark database, under the same environment as the
server. Each page gets a query string nobody has requested before, so the first visit is
a guaranteed page-cache miss without clearing a cache other servers may share.
Prints one JSON line: {"page": [first, repeat], ...}.
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from exercises.models import Exercise  # noqa: E402


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


def main() -> None:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    results = {}
    for name, path in pages().items():
        url = f"{path}{'&' if '?' in path else '?'}bench={uuid.uuid4().hex}"
        status, first = count(client, url)
        if status == 404:
            results[name] = None
            continue
        if status != 200:
            raise SystemExit(f"{name} ({url}) answered {status}")
        _, repeat = count(client, url)
        results[name] = [first, repeat]
    print("QUERIES_JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
