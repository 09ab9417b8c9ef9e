"""The vocabularies an exercise is filed under: body parts, muscles and equipment."""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from .fields import ITEM_LENGTH, limited


class TaxonomyQuerySet(models.QuerySet):
    def in_use(self) -> "TaxonomyQuerySet":
        """Entries that at least one published exercise is filed under: the ones with a page."""
        from .exercise import published_q  # exercise.py imports this module

        published = models.Q()
        for relation in self.model.exercise_relations:
            published |= published_q(f"{relation}__")
        return self.filter(published).distinct()

    def with_exercise_counts(self) -> "TaxonomyQuerySet":
        """Entries in use, each with `exercise_count`: how many published exercises are filed
        under it (an exercise filed twice, say as primary and secondary muscle, counts once)."""
        from .exercise import Exercise

        filed_under = models.Q()
        for relation in self.model.exercise_relations:
            exercise_field = self.model._meta.get_field(relation).field.name
            filed_under |= models.Q(**{exercise_field: models.OuterRef("pk")})
        count = (
            Exercise.objects.published()
            .filter(filed_under)
            .order_by()
            .annotate(one=models.Value(1))
            .values("one")
            .annotate(count=models.Count("pk", distinct=True))
            .values("count")
        )
        return self.annotate(exercise_count=models.Subquery(count)).filter(exercise_count__gt=0)


class Taxonomy(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The web address of this entry's page. Filled in from the name.",
    )
    description = models.TextField(
        **limited(ITEM_LENGTH),
        blank=True,
        help_text="Optional short text shown at the top of this entry's page.",
    )

    objects = TaxonomyQuerySet.as_manager()

    # Exercise's reverse relations that file an exercise under an entry.
    exercise_relations: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Importers and the shell create entries by name alone; give them a usable slug.
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class BodyPart(Taxonomy):
    exercise_relations = ("exercises",)

    class Meta(Taxonomy.Meta):
        verbose_name = "body part"

    def get_absolute_url(self):
        return reverse("exercises:body_part", kwargs={"slug": self.slug})


class Muscle(Taxonomy):
    exercise_relations = ("primary_for", "secondary_for")

    class Meta(Taxonomy.Meta):
        pass

    def get_absolute_url(self):
        return reverse("exercises:muscle", kwargs={"slug": self.slug})


class Equipment(Taxonomy):
    exercise_relations = ("required_for", "optional_for")

    class Meta(Taxonomy.Meta):
        verbose_name = "equipment"
        verbose_name_plural = "equipment"

    def get_absolute_url(self):
        return reverse("exercises:equipment", kwargs={"slug": self.slug})
