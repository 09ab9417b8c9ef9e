"""What readers searched for, for editors (the admin's "Search insights"). No personal data:
no IP address, user agent, cookie or user id; only the words, the number of answers and
which answer, if any, the reader opened. Kept DJANGO_SEARCH_INSIGHTS_DAYS days
(`manage.py purge_search_insights`)."""

from django.db import models
from django.utils import timezone


class SearchRecord(models.Model):
    query = models.CharField(max_length=500, help_text="The search, normalised.")
    results = models.PositiveIntegerField(help_text="How many answers it found.")
    # A plain id, not a foreign key: recording stays one INSERT, and deleting an entry
    # leaves the record of what readers searched for.
    opened_faq_id = models.BigIntegerField(
        null=True, blank=True, help_text="The answer the reader opened, if any."
    )
    searched_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "search insight"
        default_permissions = ("view", "delete")
        indexes = [models.Index(fields=["query", "searched_at"])]

    def __str__(self):
        return self.query
