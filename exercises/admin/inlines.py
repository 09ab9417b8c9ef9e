"""The exercise's section rows in its change form, one inline per kind of row, in the
editors' order (drag a row, or use its Move up / Move down buttons: static/admin-extra)."""

from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableStackedInline,
    SortableTabularInline,
)
from django.contrib import admin
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.text import capfirst
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from ..models import Alternative, Faq, RecommendedEquipment, SetsReps, Step, Tip
from .forms import NormalizedNewlinesForm
from .images import ExerciseImageInline

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
COMPACT_TEXT = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 2})}}
# A link typed without a scheme ("shop.example/mat") is taken as https.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class TableRowForm(NormalizedNewlinesForm):
    """A row of a list drawn as a table. Django's table draws each field's name as a column
    heading but gives the field no label (Django ticket #36509): name it for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", capfirst(str(field.label)))


class TableFormSet(CustomInlineFormSet):
    """The rows of a list drawn as a table; their Delete boxes get a name too."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if DELETION_FIELD_NAME in form.fields:
            form.fields[DELETION_FIELD_NAME].widget.attrs.setdefault("aria-label", "Delete")


class TableInline(SortableTabularInline):
    """A list of short rows, drawn as a table."""

    form = TableRowForm
    formset = TableFormSet
    extra = 0


class SetsRepsInline(TableInline):
    model = SetsReps


class StepInline(TableInline):
    model = Step
    fields = ["phase", "label", "text"]
    formfield_overrides = COMPACT_TEXT
    verbose_name_plural = "steps (setup and execution)"


class TipInline(TableInline):
    model = Tip
    fields = ["kind", "label", "text"]
    formfield_overrides = COMPACT_TEXT
    verbose_name_plural = "pro tips & common mistakes"


class FaqFormSet(CustomInlineFormSet):
    """Fills in the anchor of every entry left blank, from its question, before the
    formset looks for entries sharing an anchor: blank is "not chosen yet", never a
    duplicate, so two new questions can be added in one save."""

    def clean(self):
        kept = [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data.get("question")
            and not form.cleaned_data.get(DELETION_FIELD_NAME)
        ]
        taken = {form.cleaned_data["anchor"] for form in kept if form.cleaned_data.get("anchor")}
        for form in kept:
            if not form.cleaned_data.get("anchor"):
                anchor = Faq.free_anchor(form.cleaned_data["question"], taken)
                form.cleaned_data["anchor"] = form.instance.anchor = anchor
                taken.add(anchor)
        super().clean()


NEW_QUESTION = "faq_question"  # ?faq_question=…: the change form opens with a new FAQ entry
QUESTION_LENGTH = 300  # Faq.question's max_length


class FaqInline(SortableStackedInline):
    model = Faq
    form = NormalizedNewlinesForm
    formset = FaqFormSet
    extra = 0
    fields = ["question", "answer", "anchor"]
    formfield_overrides = MARKDOWN_EDITOR

    def get_extra(self, request, obj=None, **kwargs):
        # "Add an answer" in the search insights opens the form with a new question ready.
        return 1 if request.method == "GET" and request.GET.get(NEW_QUESTION) else 0


class RecommendedEquipmentInline(TableInline):
    model = RecommendedEquipment
    fields = ["equipment", "name", "why", "url"]
    autocomplete_fields = ["equipment"]
    formfield_overrides = HTTPS_LINKS


class AlternativeFormSet(TableFormSet):
    def get_unique_error_message(self, unique_check):
        return "An exercise is listed twice here: list each one once."


class AlternativeInline(TableInline):
    model = Alternative
    formset = AlternativeFormSet
    fk_name = "exercise"
    fields = ["kind", "other", "reason"]
    autocomplete_fields = ["other"]
    verbose_name_plural = "easier, harder and alternative exercises"


INLINES = [
    SetsRepsInline,
    StepInline,
    TipInline,
    FaqInline,
    AlternativeInline,
    RecommendedEquipmentInline,
    ExerciseImageInline,
]
