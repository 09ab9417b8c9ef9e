"""The vocabularies an exercise is filed under: body parts, muscles and equipment."""

from django.db import models
from django.utils.text import slugify

from ..links import reverse_url


class Taxonomy(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The web address of this entry's page. Filled in from the name.",
    )
    description = models.TextField(
        blank=True, help_text="Optional short text shown at the top of this entry's page."
    )

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
    class Meta(Taxonomy.Meta):
        verbose_name = "body part"

    def get_absolute_url(self):
        return reverse_url("exercises:body_part", slug=self.slug)


class Muscle(Taxonomy):
    class Meta(Taxonomy.Meta):
        pass

    def get_absolute_url(self):
        return reverse_url("exercises:muscle", slug=self.slug)


class Equipment(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "equipment"
        verbose_name_plural = "equipment"

    def get_absolute_url(self):
        return reverse_url("exercises:equipment", slug=self.slug)
