"""The filters on /exercises/ (and the JSON API's list): a GET form that never raises.

Unknown values are reported next to the form and ignored; they never cause an error page.
"""

from django import forms

from .models import BodyPart, Difficulty, Equipment, ExerciseQuerySet, Muscle


class ExerciseFilterForm(forms.Form):
    # Only choices that can find something; the querysets are lazy, so each is evaluated
    # per request, never at import.
    body_part = forms.ModelChoiceField(
        BodyPart.objects.in_use(), to_field_name="slug", required=False, empty_label="Any"
    )
    muscle = forms.ModelChoiceField(
        Muscle.objects.in_use(), to_field_name="slug", required=False, empty_label="Any"
    )
    equipment = forms.ModelChoiceField(
        Equipment.objects.in_use(), to_field_name="slug", required=False, empty_label="Any"
    )
    difficulty = forms.ChoiceField(choices=[("", "Any"), *Difficulty.choices], required=False)
    no_equipment = forms.BooleanField(label="No equipment needed", required=False)

    FIELDS = ("body_part", "muscle", "equipment", "difficulty", "no_equipment")

    def __init__(self, data=None, **kwargs):
        # Only our own keys: ?page= and unknown parameters are not the form's business.
        if data is not None:
            data = {k: data.get(k) for k in self.FIELDS if data.get(k) not in (None, "")}
        super().__init__(data, **kwargs)

    def usable(self) -> dict:
        """The filters that are valid. Invalid ones are dropped, each with an error shown."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False) and name not in self.errors
        }

    def filter(self, exercises: ExerciseQuerySet) -> ExerciseQuerySet:
        chosen = self.usable()
        if "body_part" in chosen:
            exercises = exercises.filter(body_part=chosen["body_part"])
        if "muscle" in chosen:
            exercises = exercises.working(chosen["muscle"])
        if "equipment" in chosen:
            exercises = exercises.using_equipment(chosen["equipment"])
        if "difficulty" in chosen:
            exercises = exercises.filter(difficulty=chosen["difficulty"])
        if chosen.get("no_equipment"):
            exercises = exercises.filter(equipment__isnull=True)
        return exercises

    def problems(self) -> list[str]:
        """Plain messages for the values we could not use."""
        if not self.is_bound:
            return []
        self.is_valid()
        messages = []
        for name in self.errors:
            label = self.fields[name].label or name.replace("_", " ").capitalize()
            messages.append(
                f"{label}: “{self.data.get(name)}” is not one of the choices, so it was ignored."
            )
        return messages
