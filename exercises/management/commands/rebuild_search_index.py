"""Rebuild the FAQ search index from the published content."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from exercises.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the FAQ search index from scratch from the published exercises. The index "
        "normally follows every save by itself; run this after bulk imports or raw SQL edits."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            count = rebuild_index()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {count} FAQ entries in {elapsed:.1f} s.")
        )
