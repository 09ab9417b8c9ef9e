"""sitemap.xml: every published exercise and every page that lists some, with real lastmod."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from .models import BodyPart, Equipment, Exercise, Muscle, published_q


class ExerciseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Exercise.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, exercise):
        return exercise.updated_at


class ListingSitemap(Sitemap):
    """Home, the full list and the browse pages change whenever any published exercise does."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return [
            "exercises:home",
            "exercises:list",
            "exercises:browse_body_parts",
            "exercises:browse_muscles",
            "exercises:browse_equipment",
        ]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.latest_update

    @cached_property
    def latest_update(self):
        # Both listing pages change with the newest edit: one query, not one per page.
        return Exercise.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TaxonomySitemap(Sitemap):
    """Body part, muscle or equipment pages that list at least one published exercise."""

    changefreq = "weekly"
    priority = 0.5
    model = None

    def items(self):
        # One annotation per relation (Max ignores the rows the joins repeat); the newest
        # published exercise behind the page is its lastmod, and an entry without one is
        # not in use (TaxonomyQuerySet.in_use), so it has no page.
        annotations = {
            f"latest_{i}": Max(f"{path}__updated_at", filter=published_q(f"{path}__"))
            for i, path in enumerate(self.model.exercise_relations)
        }
        terms = self.model.objects.annotate(**annotations).order_by("slug")
        return [term for term in terms if self.lastmod(term)]

    def lastmod(self, term):
        dates = [getattr(term, f"latest_{i}") for i in range(len(self.model.exercise_relations))]
        dates = [d for d in dates if d]
        return max(dates) if dates else None


class BodyPartSitemap(TaxonomySitemap):
    model = BodyPart


class MuscleSitemap(TaxonomySitemap):
    model = Muscle


class EquipmentSitemap(TaxonomySitemap):
    model = Equipment


SITEMAPS = {
    "pages": ListingSitemap,
    "exercises": ExerciseSitemap,
    "body-parts": BodyPartSitemap,
    "muscles": MuscleSitemap,
    "equipment": EquipmentSitemap,
}
