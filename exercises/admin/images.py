"""The exercise's images in the admin: uploads checked and stored with their renditions
(exercises.renditions), and no publishing while an image lacks alt text."""

from functools import partial

from adminsortable2.admin import CustomInlineFormSet, SortableStackedInline
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy

from .. import renditions
from ..images import ACCEPTED_NAMES
from ..models import ExerciseImage, Status, Step
from .forms import NormalizedNewlinesForm


def image_name(image: ExerciseImage, steps: dict[int, Step] | None = None) -> str:
    """How editors recognise an image: 'the lead image', 'the image of setup step 2'."""
    if image.step_id is None:
        return "the lead image"
    step = (steps or {}).get(image.step_id) or image.step
    return f"the image of {step.get_phase_display().lower()} step “{step}”"


def missing_alt_message(names: list[str]) -> str:
    return (
        f"Add alt text to {', '.join(names)} (or tick “decorative” if it adds nothing the "
        "text does not say) before publishing: readers who cannot see the image need it."
    )


def images_missing_alt(exercise) -> list[str]:
    """The names of the exercise's images that lack alt text (one query)."""
    images = exercise.images.select_related("step")
    return [image_name(image) for image in images if image.needs_alt]


class ExerciseImageForm(NormalizedNewlinesForm):
    class Meta:
        model = ExerciseImage
        fields = ["file", "step", "alt", "decorative", "caption", "credit", "licence",
                  "licence_note", "source_url"]  # fmt: skip
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/avif"}
            )
        }
        # A source typed without a scheme ("example.com/photo") is taken as https.
        field_classes = {"source_url": partial(forms.URLField, assume_scheme="https")}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged
        # Checked, re-encoded without metadata and stored with its renditions now, once;
        # the row records the stored names (content-addressed, so a failed save elsewhere
        # in the form leaves nothing that a later upload would not reuse).
        stored = renditions.store_upload(upload)
        self.instance.width, self.instance.height = stored.width, stored.height
        self.instance.digest, self.instance.renditions = stored.digest, stored.renditions
        return stored.name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("licence") == "other" and not cleaned.get("licence_note", "").strip():
            self.add_error("licence_note", "Say which licence or permission applies.")
        return cleaned


class ExerciseImageFormSet(CustomInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.status != Status.PUBLISHED:
            return
        steps = {step.pk: step for step in Step.objects.filter(exercise=self.instance.pk)}
        missing = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("file"):
                continue
            if not (data.get("decorative") or (data.get("alt") or "").strip()):
                missing.append(image_name(form.instance, steps))
        if missing:
            raise ValidationError(missing_alt_message(missing), code="missing_alt")


class ExerciseImageInline(SortableStackedInline):
    model = ExerciseImage
    form = ExerciseImageForm
    formset = ExerciseImageFormSet
    extra = 0
    verbose_name_plural = "images (the lead image and pictures of steps)"
    fields = ["file", "step", "alt", "decorative", "caption", "credit", "licence",
              "licence_note", "source_url"]  # fmt: skip

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        file_field = formset.form.base_fields["file"]
        file_field.help_text = format_lazy(
            "{} only; it is stored without metadata, with sizes for every screen.",
            ACCEPTED_NAMES,
        )
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "step":
            # Only this exercise's steps (an unsaved exercise has none yet).
            object_id = str(request.resolver_match.kwargs.get("object_id") or "")
            steps = Step.objects.filter(exercise_id=int(object_id) if object_id.isdigit() else None)
            kwargs["queryset"] = steps.order_by("-phase", "order", "pk")  # setup first
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "step":
            field.label_from_instance = lambda step: f"{step.get_phase_display()}: {step}"
            field.empty_label = "None: this is the lead image"
        return field
