from contextlib import contextmanager

from adminsortable2.admin import (
    CustomInlineFormSet,
    SortableAdminBase,
    SortableStackedInline,
    SortableTabularInline,
)
from django.contrib import admin, messages
from django.db import models, transaction
from django.utils.translation import ngettext
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion import create_revision, set_comment, set_user
from reversion_compare.admin import CompareVersionAdmin

from .. import seo
from ..models import Alternative, Exercise, Faq, RecommendedEquipment, SetsReps, Status, Step, Tip
from ..page import length_warnings
from .forms import ExerciseAdminForm, NormalizedNewlinesForm
from .images import ExerciseImageInline, images_missing_alt, missing_alt_message
from .importer import ImportArticleMixin

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
COMPACT_TEXT = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 2})}}
# A link typed without a scheme ("shop.example/mat") is taken as https.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class SetsRepsInline(SortableTabularInline):
    model = SetsReps
    form = NormalizedNewlinesForm
    extra = 0


class StepInline(SortableTabularInline):
    model = Step
    form = NormalizedNewlinesForm
    extra = 0
    fields = ["phase", "label", "text"]
    formfield_overrides = COMPACT_TEXT
    verbose_name_plural = "steps (setup and execution)"


class TipInline(SortableTabularInline):
    model = Tip
    form = NormalizedNewlinesForm
    extra = 0
    fields = ["kind", "label", "text"]
    formfield_overrides = COMPACT_TEXT
    verbose_name_plural = "pro tips & common mistakes"


class FaqInline(SortableStackedInline):
    model = Faq
    form = NormalizedNewlinesForm
    extra = 0
    fields = ["question", "answer", "anchor"]
    formfield_overrides = MARKDOWN_EDITOR


class RecommendedEquipmentInline(SortableTabularInline):
    model = RecommendedEquipment
    form = NormalizedNewlinesForm
    extra = 0
    fields = ["equipment", "name", "why", "url"]
    autocomplete_fields = ["equipment"]
    formfield_overrides = HTTPS_LINKS


class AlternativeFormSet(CustomInlineFormSet):
    def get_unique_error_message(self, unique_check):
        return "An exercise is listed twice here: list each one once."


class AlternativeInline(SortableTabularInline):
    model = Alternative
    formset = AlternativeFormSet
    fk_name = "exercise"
    extra = 0
    fields = ["kind", "other", "reason"]
    autocomplete_fields = ["other"]
    verbose_name_plural = "easier, harder and alternative exercises"


@admin.register(Exercise)
class ExerciseAdmin(ImportArticleMixin, SortableAdminBase, CompareVersionAdmin):
    form = ExerciseAdminForm
    inlines = [
        SetsRepsInline,
        StepInline,
        TipInline,
        FaqInline,
        AlternativeInline,
        RecommendedEquipmentInline,
        ExerciseImageInline,
    ]
    formfield_overrides = {**MARKDOWN_EDITOR, **COMPACT_TEXT, **HTTPS_LINKS}
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = [
        "body_part",
        "primary_muscles",
        "secondary_muscles",
        "equipment",
        "optional_equipment",
        "related",
        "variations",
    ]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "intro", "edit_version"]}),
        (
            "Quick overview",
            {
                "fields": [
                    "body_part",
                    "primary_muscles",
                    "secondary_muscles",
                    "equipment",
                    "optional_equipment",
                    "difficulty",
                    "difficulty_note",
                ]
            },
        ),
        (
            "Section notes",
            {
                "fields": ["progression_rule", "setup_tip", "execution_tip", "equipment_tip"],
                "description": "Short texts that close a section. The lists themselves "
                "(sets & reps, steps, tips, FAQ, equipment) are edited further down.",
            },
        ),
        ("Related exercises", {"fields": ["related", "variations"]}),
        ("Video", {"fields": ["video_url"]}),
        (
            "Search engines and sharing",
            {
                "fields": ["seo_title", "meta_description"],
                "classes": ["collapse"],
                "description": f"Search results show about {seo.TITLE_LENGTH} characters of "
                f"a title and {seo.DESCRIPTION_LENGTH} of a description; you are warned on "
                "saving when yours are longer.",
            },
        ),
        ("Publishing", {"fields": ["published_at", "created_at", "updated_at"]}),
    ]
    list_display = ["name", "status", "body_part", "difficulty", "updated_at"]
    list_filter = ["status", "body_part", "difficulty", "updated_at"]
    list_select_related = ["body_part"]
    search_fields = ["name", "slug", "meta_description"]
    date_hierarchy = "updated_at"
    actions = ["publish", "unpublish"]
    OWN_REVISION_ACTIONS = {"publish", "unpublish"}
    save_on_top = True

    class Media:
        css = {"all": ["admin-extra/editor.css"]}

    @contextmanager
    def create_revision(self, request):
        # VersionAdmin records everything one change-list request does as a single revision.
        # The publish actions record one revision per exercise instead, so that reverting one
        # exercise never rolls another back.
        if request.method == "POST" and request.POST.get("action") in self.OWN_REVISION_ACTIONS:
            yield
            return
        with super().create_revision(request):
            yield

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved, but the editor should know what search results will cut off.
        for warning in length_warnings(form.instance):
            self.message_user(request, warning, messages.WARNING)

    @admin.action(description="Publish selected exercises", permissions=["change"])
    def publish(self, request, queryset):
        ready = []
        for exercise in queryset:
            missing = images_missing_alt(exercise)
            if missing:
                message = f"“{exercise}” was not published. {missing_alt_message(missing)}"
                self.message_user(request, message, messages.ERROR)
            else:
                ready.append(exercise.pk)
        self._set_status(request, queryset.filter(pk__in=ready), Status.PUBLISHED)

    @admin.action(
        description="Unpublish selected exercises (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = 0
        with transaction.atomic():
            # Lock only the exercise rows: the changelist's queryset outer-joins body_part,
            # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
            for exercise in queryset.select_for_update(of=("self",)).exclude(status=status):
                # Saved one by one, not with update(), so that each change is recorded
                # as a revision and the caches and search index hear about it.
                with create_revision():
                    exercise.status = status
                    exercise.version += 1
                    exercise.save()
                    set_user(request.user)
                    set_comment(f"Status set to {Status(status).label.lower()}.")
                changed += 1
        label = Status(status).label.lower()
        self.message_user(
            request,
            ngettext(
                "%(count)d exercise is now %(label)s.",
                "%(count)d exercises are now %(label)s.",
                changed,
            )
            % {"count": changed, "label": label},
            messages.SUCCESS,
        )
