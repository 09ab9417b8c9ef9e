"""The exercise edit form, which refuses to overwrite changes saved since it was opened."""

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from ..importers.grammar import unix_newlines
from ..models import Exercise

CONFLICT_MESSAGE = (
    "{who} saved this exercise at {when}, after you opened it. Your changes have NOT been "
    "saved, so that theirs are not lost; your edits are still in the form below. Open the "
    "exercise in a new tab to see their version, then either bring your changes across there, "
    "or press Save here again to replace their version with yours."
)


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

    class Meta:
        model = Exercise
        fields = "__all__"  # noqa: DJ007  (the admin's fieldsets pick what is shown)
        # A video address pasted without its scheme is taken as https.
        field_classes = {"video_url": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # The admin wraps the save in a transaction: the row lock (PostgreSQL) or the
        # immediate write transaction (SQLite) keeps a third save from slipping in between.
        current = (
            Exercise.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        started_from = cleaned.get("edit_version")
        if current is not None and started_from != current:
            self._offer_overwrite(current)
            raise forms.ValidationError(self._conflict_message(), code="edit_conflict")
        return cleaned

    def _offer_overwrite(self, current_version: int) -> None:
        """Let a deliberate second Save win: the refused form now carries the latest
        version number, so pressing Save again replaces the other editor's version."""
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current_version)

    def _conflict_message(self) -> str:
        latest = (
            Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        )
        who, when = "Another editor", timezone.localtime(self.instance.updated_at)
        if latest is not None:
            when = timezone.localtime(latest.revision.date_created)
            if latest.revision.user is not None:
                who = latest.revision.user.get_full_name() or latest.revision.user.get_username()
        return CONFLICT_MESSAGE.format(who=who, when=date_format(when, "DATETIME_FORMAT"))
