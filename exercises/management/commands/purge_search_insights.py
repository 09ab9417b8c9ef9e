"""Delete search insights older than DJANGO_SEARCH_INSIGHTS_DAYS days."""

from django.conf import settings
from django.core.management.base import BaseCommand

from exercises.search.insights import purge


class Command(BaseCommand):
    help = (
        "Delete recorded searches older than DJANGO_SEARCH_INSIGHTS_DAYS days (default 90). "
        "Run it daily."
    )

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(
            f"Deleted {deleted} recorded searches older than {settings.SEARCH_INSIGHTS_DAYS} days."
        )
