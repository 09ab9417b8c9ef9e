"""The ordered sections of an exercise page. Editors drag rows to set `order`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from markdownx.models import MarkdownxField

from .exercise import Exercise, published_q
from .fields import ANSWER_LENGTH, ITEM_LENGTH, limited
from .taxonomy import Equipment


class OrderedChild(models.Model):
    order = models.PositiveIntegerField(default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class SetsReps(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="sets_reps")
    goal = models.CharField(max_length=100, help_text="e.g. 'Warm-up before training'.")
    sets = models.CharField(max_length=40, help_text="e.g. '2–3' or '1–2 easy'.")
    reps = models.CharField(
        "reps or hold", max_length=60, help_text="e.g. '8–12' or '20–30 s hold'."
    )
    guidance = models.CharField(
        max_length=200, blank=True, help_text="e.g. 'slow and controlled, pause at the end'."
    )

    class Meta(OrderedChild.Meta):
        verbose_name = "sets & reps scheme"
        verbose_name_plural = "sets & reps by goal"

    def __str__(self):
        return f"{self.goal}: {self.sets} × {self.reps}"


class Step(OrderedChild):
    class Phase(models.TextChoices):
        SETUP = "setup", "Setup"
        EXECUTION = "execution", "Execution"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.EXECUTION)
    label = models.CharField(
        max_length=100, blank=True, help_text="Optional bold lead, e.g. 'Shift the hips back'."
    )
    text = models.TextField(**limited(ITEM_LENGTH))

    class Meta(OrderedChild.Meta):
        pass

    def __str__(self):
        return self.label or self.text[:60]


class Tip(OrderedChild):
    class Kind(models.TextChoices):
        TIP = "tip", "Tip"
        MISTAKE = "mistake", "Common mistake"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="tips")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TIP)
    label = models.CharField(
        max_length=100, blank=True, help_text="Optional bold lead, e.g. 'Avoid rushing'."
    )
    text = models.TextField(**limited(ITEM_LENGTH))

    class Meta(OrderedChild.Meta):
        pass

    def __str__(self):
        return self.label or self.text[:60]


class FaqQuerySet(models.QuerySet):
    def published(self) -> "FaqQuerySet":
        """Entries of published exercises: the ones readers can see and search."""
        return self.filter(published_q("exercise__"))


class Faq(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300)
    answer = MarkdownxField(
        **limited(ANSWER_LENGTH), help_text="Markdown, at most 10,000 characters."
    )
    anchor = models.SlugField(
        max_length=80,
        blank=True,
        help_text="The link to this answer is the page address plus #faq-… with this text. "
        "Filled in from the question and kept when the question is reworded, so shared links "
        "keep working.",
    )

    objects = FaqQuerySet.as_manager()

    class Meta(OrderedChild.Meta):
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ"
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "anchor"], name="faq_anchor_unique_per_exercise"
            )
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = self.unique_anchor()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.exercise.get_absolute_url()}#faq-{self.anchor}"

    @staticmethod
    def anchor_for(question: str) -> str:
        """The anchor a question gets when no other entry of the exercise has it yet."""
        return slugify(question)[:70].strip("-") or "question"

    def unique_anchor(self) -> str:
        taken = set(
            Faq.objects.filter(exercise_id=self.exercise_id)
            .exclude(pk=self.pk)
            .values_list("anchor", flat=True)
        )
        return self.free_anchor(self.question, taken)

    @classmethod
    def free_anchor(cls, question: str, taken: set[str]) -> str:
        """The question's anchor, numbered (-2, -3, …) past the ones `taken`."""
        base = cls.anchor_for(question)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate


class RecommendedEquipment(OrderedChild):
    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="recommended_equipment"
    )
    equipment = models.ForeignKey(
        Equipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommended_in",
        help_text="Pick an equipment entry, or type a name below.",
    )
    name = models.CharField(
        max_length=120, blank=True, help_text="Used when no equipment entry is picked."
    )
    why = models.CharField("why it helps", max_length=300, blank=True)
    url = models.URLField("link", blank=True, help_text="Optional shop or info page.")

    class Meta(OrderedChild.Meta):
        verbose_name = "recommended equipment"
        verbose_name_plural = "recommended equipment"
        constraints = [
            models.CheckConstraint(
                condition=Q(equipment__isnull=False) | ~Q(name=""),
                name="recommended_equipment_has_name",
                violation_error_message="Pick an equipment entry or type a name.",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (self.equipment.name if self.equipment_id else "")


class Alternative(OrderedChild):
    """Another exercise an editor points readers to from this one: an easier or a harder
    one (the ladder, with what changes), or a suggestion to pin or to leave out of "Try
    instead" (exercises.alternatives)."""

    class Kind(models.TextChoices):
        EASIER = "easier", "Easier"
        HARDER = "harder", "Harder"
        INSTEAD = "instead", "Suggest instead"
        NEVER = "never", "Never suggest"

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="alternatives")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EASIER)
    other = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="+", verbose_name="exercise"
    )
    reason = models.CharField(
        max_length=120,
        blank=True,
        help_text="What changes, in a few words: 'knees on the floor', 'add a pause at the top'.",
    )

    class Meta(OrderedChild.Meta):
        verbose_name = "easier, harder or alternative exercise"
        verbose_name_plural = "easier, harder and alternative exercises"
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "other"],
                name="alternative_once_per_exercise",
                violation_error_message="This exercise is already listed here.",
            ),
            models.CheckConstraint(
                condition=~models.Q(other=models.F("exercise")),
                name="alternative_is_another_exercise",
                violation_error_message="An exercise cannot be its own alternative.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.other}"

    def clean(self):
        # The constraint says so too, but forms leave the exercise out of their checks.
        if self.other_id is not None and self.other_id == self.exercise_id:
            raise ValidationError(
                {"other": "An exercise cannot be its own alternative."}, code="itself"
            )
