"""The exercise edit form: it refuses to overwrite changes saved since it was opened
(exercises.admin.conflicts), and checks publish and unpublish times."""

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.text import capfirst

from ..importers.grammar import unix_newlines
from ..models import Exercise, Status
from ..publishing import when
from ..revisions import current_version
from . import conflicts

# The submit button that keeps a published exercise's changes as a draft of the live guide.
SAVE_AS_DRAFT = "_save_draft"


class NormalizedNewlinesForm(forms.ModelForm):
    """Browsers submit textareas with CRLF line endings. Store plain LF, so that an
    untouched field does not count as changed in the history and exports stay stable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        keys = [
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
        ]
        if any("\r" in self.data.get(key, "") for key in keys):
            self.data = self.data.copy()
            for key in keys:
                if key in self.data:
                    self.data[key] = unix_newlines(self.data[key])


class ExerciseAdminForm(NormalizedNewlinesForm):
    # The version the editor started from; compared with the stored one when saving.
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The user saving, for the conflict message ("you, in another tab"); ExerciseAdmin sets it.
    editor = None

    class Meta:
        model = Exercise
        fields = "__all__"  # noqa: DJ007  (the admin's fieldsets pick what is shown)
        # A video address pasted without its scheme is taken as https.
        field_classes = {"video_url": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"].initial = (
            current_version(self.instance.pk) if self.instance.pk else self.instance.version
        )
        self.current_version = None  # as found, under a lock, when the form is checked
        # The admin's date and time boxes are labelled "Date:" and "Time:" by text alone.
        for name in ("publish_at", "unpublish_at"):
            if name in self.fields:
                date, time = self.fields[name].widget.widgets
                label = capfirst(self.fields[name].label)
                date.attrs["aria-label"], time.attrs["aria-label"] = (
                    f"{label}: date",
                    f"{label}: time",
                )

    def clean(self):
        cleaned = super().clean()
        self.clean_schedule(cleaned)
        if self.instance.pk is None:
            return cleaned
        if SAVE_AS_DRAFT in self.data:
            self.clean_save_as_draft()
        # The admin wraps the save in a transaction: the row lock (PostgreSQL) or the
        # immediate write transaction (SQLite) keeps a third save from slipping in between.
        self.current_version = current_version(self.instance.pk, lock=True)
        started_from = cleaned.get("edit_version")
        if self.current_version is not None and started_from != self.current_version:
            message = conflicts.conflict_message(self.instance, self.data, self.editor)
            self._offer_overwrite(self.current_version)
            raise forms.ValidationError(message, code="edit_conflict")
        return cleaned

    def clean_schedule(self, cleaned: dict) -> None:
        """A publish time is a time to come. A guide that is not live yet is scheduled by
        it (and stays a draft until then, whatever Status says); a live guide is changed at
        a set time through a draft of the live guide; a draft of a live guide is published
        over it then."""
        now = timezone.now()
        publish_at, unpublish_at = cleaned.get("publish_at"), cleaned.get("unpublish_at")
        if publish_at and publish_at <= now and publish_at != self.initial.get("publish_at"):
            self.add_error(
                "publish_at",
                "This time has passed. Pick a time to come, or clear it and choose "
                "Published to publish now.",
            )
        if (
            unpublish_at
            and unpublish_at <= now
            and unpublish_at != self.initial.get("unpublish_at")
        ):
            self.add_error("unpublish_at", "This time has passed. Pick a time to come.")
        if publish_at and unpublish_at and unpublish_at <= publish_at:
            self.add_error("unpublish_at", "Pick a time after the publish time.")
        live = (
            self.instance.pk is not None
            and Exercise.objects.published().filter(pk=self.instance.pk).exists()
        )
        if publish_at and live and SAVE_AS_DRAFT not in self.data:
            self.add_error(
                "publish_at",
                "This guide is already live. To change it at a set time, keep the time and "
                "press “Save as draft of the live guide”: the draft is published then.",
            )
        elif publish_at and not self.instance.is_pending_draft and not live:
            cleaned["status"] = Status.DRAFT  # published by `publish_scheduled` at that time

    def clean_save_as_draft(self) -> None:
        """Only a live guide is saved as a draft of itself, and it has one at a time."""
        if self.instance.is_pending_draft or not self.instance.is_published:
            raise forms.ValidationError(
                "Only a live guide can be saved as a draft of itself: press Save.",
                code="not_live",
            )
        waiting = Exercise.objects.filter(draft_of=self.instance).first()
        if waiting is not None:
            raise forms.ValidationError(
                f"This guide already has a draft waiting to be published (saved "
                f"{when(waiting.updated_at)}): make your changes there, or discard it first.",
                code="draft_waiting",
            )

    def _offer_overwrite(self, current_version: int) -> None:
        """Let a deliberate second Save win: the refused form now carries the latest
        version number, so pressing Save again replaces the other editor's version."""
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current_version)
