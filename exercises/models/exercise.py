"""The exercise guide: one page on the site, with its ordered sections in content.py."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from ..video import validate_video_url
from .fields import INTRO_LENGTH, ITEM_LENGTH, limited
from .taxonomy import BodyPart, Equipment, Muscle


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def published_q(path: str = "") -> models.Q:
    """The one test of "readers can see it", for exercises reached through `path`
    ("exercise__" from a FAQ entry, "primary_for__" from a muscle): published, not a draft of
    a live guide, its publish time (if any) come and its unpublish time (if any) not yet come.

    Times are compared with the clock, not left to `publish_scheduled`: a guide never shows
    before its time, and disappears at its unpublish time, however late the command runs.
    """
    now = timezone.now()

    def q(lookup, value):
        return models.Q(**{f"{path}{lookup}": value})

    return (
        q("status", Status.PUBLISHED)
        & q("draft_of__isnull", True)
        & (q("publish_at__isnull", True) | q("publish_at__lte", now))
        & (q("unpublish_at__isnull", True) | q("unpublish_at__gt", now))
    )


def unique_among_guides(field: str, message: str) -> models.UniqueConstraint:
    """No two guides share `field`; a draft of a live guide shares its guide's."""
    return models.UniqueConstraint(
        fields=[field],
        condition=models.Q(draft_of__isnull=True),
        name=f"exercise_{field}_unique_among_guides",
        violation_error_code="unique",
        violation_error_message=message,
    )


class ExerciseQuerySet(models.QuerySet):
    def published(self) -> "ExerciseQuerySet":
        return self.filter(published_q())

    def visible_to(self, user) -> "ExerciseQuerySet":
        """Staff preview drafts; everybody else sees published exercises only. A pending
        draft of a live guide has a preview of its own (`pending_drafts`), never the guide's
        address."""
        if user.is_authenticated and user.is_staff:
            return self.guides()
        return self.published()

    def guides(self) -> "ExerciseQuerySet":
        """Every exercise with an address of its own: all but pending drafts of live guides."""
        return self.filter(draft_of__isnull=True)

    def pending_drafts(self) -> "ExerciseQuerySet":
        """Drafts of live guides, waiting to be published over them (exercises.drafts)."""
        return self.filter(draft_of__isnull=False)

    def for_detail_page(self) -> "ExerciseQuerySet":
        """Everything the exercise page shows, in the same few queries whatever the number
        of steps or questions: each section's rows (exercises.sections), the vocabulary,
        and the neighbours. The page links to published ones only (ExercisePage), but the
        drafts are read too: publishing one changes the page (exercises.tags)."""
        from ..sections import row_queryset, row_relations

        # What a link needs, and what is_published reads.
        neighbours = Exercise.objects.only(
            "name", "slug", "status", "draft_of", "publish_at", "unpublish_at"
        )
        return self.select_related("body_part").prefetch_related(
            *(models.Prefetch(relation, row_queryset(relation)) for relation in row_relations()),
            "primary_muscles",
            "secondary_muscles",
            "equipment",
            "optional_equipment",
            models.Prefetch("related", neighbours.order_by("name")),
            models.Prefetch("variations", neighbours.order_by("name")),
        )

    def working(self, muscle) -> "ExerciseQuerySet":
        """Exercises that work the muscle, as a primary or a secondary muscle."""
        return self.filter(
            models.Q(primary_muscles=muscle) | models.Q(secondary_muscles=muscle)
        ).distinct()

    def using_equipment(self, equipment) -> "ExerciseQuerySet":
        """Exercises that need the equipment or can use it as an option."""
        return self.filter(
            models.Q(equipment=equipment) | models.Q(optional_equipment=equipment)
        ).distinct()

    def for_listing(self) -> "ExerciseQuerySet":
        return self.select_related("body_part").order_by("-published_at", "name")

    def for_export(self) -> "ExerciseQuerySet":
        """Everything an export file holds, drafts and their relations included: every
        section's rows (exercises.sections) and every many-to-many link. A pending draft of a
        live guide is not a guide of its own: the guide is exported as it is live."""
        from ..sections import row_queryset, row_relations

        return (
            self.guides()
            .select_related("body_part")
            .prefetch_related(
                *(field.name for field in self.model._meta.many_to_many),
                *(
                    models.Prefetch(relation, row_queryset(relation))
                    for relation in row_relations()
                ),
            )
            .order_by("slug")
        )


class Exercise(models.Model):
    # Unique among guides (Meta.constraints): a draft of a live guide shares its name and slug.
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        help_text="The last part of the page address (/exercises/…/). Filled in from the name; "
        "changing it later breaks links people have saved.",
    )
    seo_title = models.CharField(
        "SEO title",
        max_length=120,
        blank=True,
        help_text="Shown in the browser tab and search results. Leave blank to use the name.",
    )
    meta_description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One or two sentences for search results and link previews.",
    )
    intro = MarkdownxField(
        blank=True,
        **limited(INTRO_LENGTH),
        help_text="The opening paragraphs, at most 20,000 characters. Markdown: **bold**, "
        "*italic*, [links](…).",
    )

    body_part = models.ForeignKey(
        BodyPart, on_delete=models.PROTECT, related_name="exercises", null=True, blank=True
    )
    primary_muscles = models.ManyToManyField(
        Muscle, blank=True, related_name="primary_for", verbose_name="primary muscles"
    )
    secondary_muscles = models.ManyToManyField(
        Muscle, blank=True, related_name="secondary_for", verbose_name="secondary muscles"
    )
    equipment = models.ManyToManyField(
        Equipment,
        blank=True,
        related_name="required_for",
        verbose_name="required equipment",
        help_text="Leave empty when no equipment is needed.",
    )
    optional_equipment = models.ManyToManyField(Equipment, blank=True, related_name="optional_for")
    difficulty = models.CharField(
        max_length=20, choices=Difficulty.choices, default=Difficulty.BEGINNER
    )
    difficulty_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short note beside the level, e.g. 'easy to learn; good for warm-ups'.",
    )

    progression_rule = models.TextField(
        blank=True,
        **limited(ITEM_LENGTH),
        help_text="How to make the exercise harder over time, shown under Sets & Reps.",
    )
    setup_tip = models.TextField(
        "setup tip",
        blank=True,
        **limited(ITEM_LENGTH),
        help_text="The 'Tip:' call-out that closes the Setup section.",
    )
    execution_tip = models.TextField(
        "execution tip",
        blank=True,
        **limited(ITEM_LENGTH),
        help_text="The 'Tip:' call-out that closes the Execution section.",
    )
    equipment_tip = models.TextField(
        "equipment tip",
        blank=True,
        **limited(ITEM_LENGTH),
        help_text="The 'Tip:' call-out that closes the Recommended Equipment section.",
    )

    video_url = models.URLField(
        "video",
        blank=True,
        validators=[validate_video_url],
        help_text="Optional: the address of a YouTube or Vimeo video of the movement. Readers "
        "see a play button; nothing loads from the video site until they press it.",
    )

    # Links go both ways. A pending draft is never linked to (its links are one-way,
    # exercises.drafts), so pickers offer guides only.
    related = models.ManyToManyField(
        "self",
        blank=True,
        limit_choices_to={"draft_of__isnull": True},
        verbose_name="related exercises",
        help_text="Shown as 'Related'.",
    )
    variations = models.ManyToManyField(
        "self",
        blank=True,
        limit_choices_to={"draft_of__isnull": True},
        help_text="Other ways to do the same movement, e.g. a standing and a kneeling version.",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        editable=False,
        help_text="Set the first time the exercise is published.",
    )
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="To publish later, pick the date and time: the exercise stays a draft, "
        "hidden from readers, until then. For a draft of a live guide: when it replaces the "
        "live guide.",
    )
    unpublish_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        help_text="Optional: when the exercise goes back to being a draft, hidden from readers.",
    )
    # Set on a draft of a live guide: edited like any exercise, previewed by staff, and
    # published over the guide or discarded (exercises.drafts). Readers never see it.
    draft_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="pending_draft",
        verbose_name="draft of",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised on every save, revert and publication, never lowered (exercises.revisions), so
    # that an editor working from a stale copy is stopped.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            unique_among_guides("name", "An exercise with this name already exists."),
            unique_among_guides("slug", "An exercise with this address (slug) already exists."),
        ]

    def __str__(self):
        if self.draft_of_id:
            return f"{self.name} (draft of the live guide)"
        return self.name

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    def validate_constraints(self, exclude=None):
        # `draft_of` is in no form, but it decides whether the name and address must be
        # unique (among guides): check those constraints whatever the form leaves out.
        super().validate_constraints(exclude=set(exclude or ()) - {"draft_of"})

    @property
    def is_published(self) -> bool:
        """Whether readers can see it now: `published_q` for one exercise in memory."""
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.draft_of_id is None
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or self.unpublish_at > now)
        )

    @property
    def is_pending_draft(self) -> bool:
        return self.draft_of_id is not None

    @property
    def title(self) -> str:
        return self.seo_title or self.name
