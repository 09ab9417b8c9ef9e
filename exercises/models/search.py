"""Words that mean the same to readers, maintained by editors and applied by the search; and
the search index itself on PostgreSQL."""

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models

_SEPARATORS = re.compile(r"\s*[,=;\n]\s*")


class Synonym(models.Model):
    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text="Words or phrases that mean the same thing to a reader, separated by commas, "
        "e.g. 'low back, lower back, lumbar'. A search for any of them finds all of them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym"

    def __str__(self):
        return self.terms

    def clean(self):
        self.terms = ", ".join(self.term_list)
        if len(self.term_list) < 2:
            raise ValidationError(
                {"terms": "Give at least two words or phrases, separated by commas."}
            )

    @property
    def term_list(self) -> list[str]:
        """The terms, lower-cased, without blanks or repeats, in the editor's order."""
        terms = (" ".join(t.split()).lower() for t in _SEPARATORS.split(self.terms or ""))
        return list(dict.fromkeys(t for t in terms if t))


class SearchIndexTable(models.Model):
    """A table of the search index on PostgreSQL, as the engine reads and writes it
    (exercises/search/postgres.py). Derived data: migration 0005 creates the tables (on
    SQLite, FTS5 tables of the same names that exercises/search/sqlite.py reads in SQL) and
    the search keeps them in step, so Django neither migrates them nor offers permissions
    for them."""

    class Meta:
        abstract = True
        managed = False
        default_permissions = ()


class FaqSearchEntry(SearchIndexTable):
    """One FAQ entry of a published exercise, with its words weighted by where they stand."""

    faq_id = models.BigIntegerField(primary_key=True)
    exercise_id = models.BigIntegerField()
    body_part_id = models.BigIntegerField(null=True)
    question = models.TextField()
    answer = models.TextField()  # as plain text
    exercise_name = models.TextField()
    document = SearchVectorField()

    class Meta(SearchIndexTable.Meta):
        db_table = "exercises_search_faq"

    def __str__(self):
        return self.question


class ExerciseSearchEntry(SearchIndexTable):
    """The name of a published exercise, for the exercises listed above the answers."""

    exercise_id = models.BigIntegerField(primary_key=True)
    name = models.TextField()
    document = SearchVectorField()

    class Meta(SearchIndexTable.Meta):
        db_table = "exercises_search_exercise"

    def __str__(self):
        return self.name


class SearchTerm(SearchIndexTable):
    """A word of the FAQ index and the number of entries it is in, for spelling corrections."""

    term = models.TextField(primary_key=True)
    docs = models.IntegerField()

    class Meta(SearchIndexTable.Meta):
        db_table = "exercises_search_term"

    def __str__(self):
        return self.term


class FaqMeaning(models.Model):
    """What one FAQ entry of a published exercise means, as an embedding vector for
    meaning-based search (exercises/search/meaning.py). Derived data, kept in step with the
    keyword index; stored int8-quantised, with the scale that turns it back into the unit
    vector, so the same table works on SQLite and PostgreSQL without an extension."""

    faq_id = models.BigIntegerField(primary_key=True)
    body_part_id = models.BigIntegerField(null=True)
    vector = models.BinaryField()
    scale = models.FloatField()

    class Meta:
        db_table = "exercises_search_meaning"
        default_permissions = ()

    def __str__(self):
        return f"meaning of FAQ entry {self.faq_id}"


class PromotionQuerySet(models.QuerySet):
    def published(self) -> "PromotionQuerySet":
        """Promotions of entries readers can see: they follow publish and unpublish."""
        from .exercise import published_q

        return self.filter(published_q("faq__exercise__"))


class Promotion(models.Model):
    """An FAQ entry pinned to a search: it comes first for that search, marked
    "Recommended"."""

    query = models.CharField(
        max_length=500,
        help_text="The search this answer is recommended for. Capitals, accents and "
        "punctuation do not matter: 'Knee pain?' is the same search as 'knee pain'.",
    )
    faq = models.ForeignKey(
        "exercises.Faq",
        on_delete=models.CASCADE,
        related_name="promotions",
        verbose_name="answer",
        help_text="Shown first, as long as its exercise is published.",
    )
    order = models.PositiveIntegerField(
        default=0, help_text="Among answers recommended for the same search, lower comes first."
    )

    objects = PromotionQuerySet.as_manager()

    class Meta:
        ordering = ["query", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["query", "faq"], name="one_promotion_per_answer")
        ]
        verbose_name = "recommended answer"

    def __str__(self):
        return f"{self.query} → {self.faq}"

    def save(self, *args, **kwargs):
        self.normalise()  # for writes that skip the form
        super().save(*args, **kwargs)

    def clean(self):
        # Before the form checks the unique constraint, which compares the stored form.
        self.normalise()

    def normalise(self):
        from ..search.text import normalised_query  # the search package imports the models

        self.query = normalised_query(self.query)
