"""Pictures of the movement: an exercise's lead image and one image per step."""

from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q

from .content import OrderedChild, Step
from .exercise import Exercise


class Licence(models.TextChoices):
    OWN = "stretchsite", "StretchSite's own"
    CC0 = "cc0-1.0", "CC0 1.0 (public domain)"
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    OTHER = "other", "Other (say which in the licence note)"


# The licence texts, for readers and search engines; the site's own is explained on
# /about/images/ (exercises.urls).
LICENCE_URLS = {
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}


class ExerciseImage(OrderedChild):
    """A picture of the exercise: the lead image at the top of the page (no step), or the
    picture shown beside one step. The file is stored once with its renditions
    (exercises.renditions); `renditions` lists them for the page's <picture>."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="images")
    step = models.ForeignKey(
        Step,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="images",
        help_text="Leave empty for the lead image at the top of the page. A step must be saved "
        "before you can pick it.",
    )
    file = models.FileField(
        "image",
        max_length=200,
        help_text="JPEG, PNG, WebP or AVIF. Metadata such as a camera's GPS position is removed.",
    )
    alt = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it, e.g. 'Kneeling on "
        "all fours with a rounded back'. Needed before publishing, unless the image is "
        "decorative.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only if the picture adds nothing the text does not say; screen readers "
        "then skip it.",
    )
    caption = models.CharField(max_length=300, blank=True, help_text="Shown under the image.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, e.g. 'StretchSite' or 'Jane Doe'."
    )
    licence = models.CharField(max_length=20, choices=Licence.choices, default=Licence.OWN)
    licence_note = models.CharField(
        max_length=300, blank=True, help_text="For 'Other': the licence or permission."
    )
    source_url = models.URLField(
        "source address", blank=True, help_text="Where the image comes from, if not made by us."
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    digest = models.CharField(max_length=64, blank=True, editable=False)
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta(OrderedChild.Meta):
        verbose_name = "image"
        constraints = [
            models.UniqueConstraint(
                fields=["exercise"], condition=Q(step=None), name="one_lead_image_per_exercise"
            ),
            models.UniqueConstraint(
                fields=["step"], condition=~Q(step=None), name="one_image_per_step"
            ),
        ]

    def __str__(self):
        return self.alt or self.file.name

    @property
    def is_lead(self) -> bool:
        return self.step_id is None

    @property
    def needs_alt(self) -> bool:
        """Missing the alt text that publishing requires."""
        return not (self.decorative or self.alt.strip())

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    def url(self, name: str) -> str:
        return default_storage.url(name)

    @property
    def sources(self) -> list[dict]:
        """[{type, srcset}] for each modern format, best first."""
        by_type: dict[str, list[str]] = {}
        for entry in self.renditions.get("sources", []):
            by_type.setdefault(entry["type"], []).append(
                f"{self.url(entry['name'])} {entry['width']}w"
            )
        return [{"type": kind, "srcset": ", ".join(sets)} for kind, sets in by_type.items()]

    @property
    def fallback_srcset(self) -> str:
        return ", ".join(
            f"{self.url(entry['name'])} {entry['width']}w"
            for entry in self.renditions.get("fallback", [])
        )

    @property
    def src(self) -> str:
        """The fallback for browsers without srcset: the width closest to 800."""
        fallback = self.renditions.get("fallback", [])
        if not fallback:
            return self.url(self.file.name)
        return self.url(min(fallback, key=lambda entry: abs(entry["width"] - 800))["name"])

    @property
    def largest(self) -> str:
        fallback = self.renditions.get("fallback", [])
        return self.url(fallback[-1]["name"]) if fallback else self.url(self.file.name)

    @property
    def share_url(self) -> str:
        share = self.renditions.get("share")
        return self.url(share) if share else ""
