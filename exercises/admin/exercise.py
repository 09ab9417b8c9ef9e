"""The exercise admin: the change form with its section rows, edit conflicts, drafts of
live guides, scheduled publishing, the list, and the history's comparison."""

from contextlib import contextmanager
from http import HTTPStatus

from adminsortable2.admin import SortableAdminBase
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from markdownx.models import MarkdownxField
from reversion import set_comment
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from .. import publishing, seo
from ..markdown import removed_when_shown
from ..models import Exercise, Status
from ..page import length_warnings
from ..revisions import links_of, record_linked_exercises
from . import compare as comparison
from . import conflicts
from .changelist import ExerciseListMixin
from .drafts import DraftAdminMixin, saving_as_draft
from .forms import ExerciseAdminForm
from .images import images_missing_alt, missing_alt_message
from .importer import ImportArticleMixin
from .inlines import (
    COMPACT_TEXT,
    HTTPS_LINKS,
    INLINES,
    MARKDOWN_EDITOR,
    NEW_QUESTION,
    QUESTION_LENGTH,  # noqa: I001
    FaqInline,
)

OVERVIEW = (
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
)
NOTES = (
    "Section notes",
    {
        "fields": ["progression_rule", "setup_tip", "execution_tip", "equipment_tip"],
        "description": "Short texts that close a section. The lists themselves "
        "(sets & reps, steps, tips, FAQ, equipment) are edited further down.",
    },
)
LINKED = ("Related exercises", {"fields": ["related", "variations"]})
VIDEO = ("Video", {"fields": ["video_url"]})
SHARING = (
    "Search engines and sharing",
    {
        "fields": ["seo_title", "meta_description"],
        "classes": ["collapse"],
        "description": f"Search results show about {seo.TITLE_LENGTH} characters of a title "
        f"and {seo.DESCRIPTION_LENGTH} of a description; you are warned on saving when yours "
        "are longer.",
    },
)
GUIDE_FIELDSETS = [
    (None, {"fields": ["name", "slug", "status", "intro", "edit_version"]}),
    OVERVIEW,
    NOTES,
    LINKED,
    VIDEO,
    SHARING,
    (
        "Publishing",
        {
            "fields": ["publish_at", "unpublish_at", "published_at", "created_at", "updated_at"],
            "description": "Status says whether readers see the exercise now. To publish it "
            "later, set “Publish at”; to change a live guide later, set it and press “Save as "
            "draft of the live guide”. Times are checked every minute.",
        },
    ),
]
DRAFT_FIELDSETS = [
    (None, {"fields": ["name", "slug", "intro", "edit_version"]}),
    OVERVIEW,
    NOTES,
    LINKED,
    VIDEO,
    SHARING,
    (
        "Publishing this draft",
        {
            "fields": ["publish_at", "unpublish_at", "created_at", "updated_at"],
            "description": "Publish the draft from the button at the top, or set “Publish "
            "at” to have it replace the live guide then.",
        },
    ),
]


@admin.register(Exercise)
class ExerciseAdmin(
    ExerciseListMixin,
    DraftAdminMixin,
    ImportArticleMixin,
    SortableAdminBase,
    CompareVersionAdmin,
):
    form = ExerciseAdminForm
    inlines = INLINES
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
    change_form_template = "admin/exercises/exercise/change_form.html"
    compare_template = "admin/exercises/exercise/compare.html"
    date_hierarchy = "updated_at"
    actions = ["publish", "unpublish"]
    OWN_REVISION_ACTIONS = {"publish", "unpublish"}
    save_on_top = True

    class Media:
        css = {"all": ["admin-extra/editor.css"]}
        js = [
            "admin-extra/unsaved-changes.js",
            "admin-extra/row-order.js",
            "admin-extra/markdown-rows.js",
        ]

    # ----- the change form ---------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        return DRAFT_FIELDSETS if obj is not None and obj.is_pending_draft else GUIDE_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_pending_draft:
            return [*self.readonly_fields, "slug"]  # the live guide keeps its address
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.is_pending_draft:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, FaqInline) and "data" not in kwargs:
            question = request.GET.get(NEW_QUESTION, "")[:QUESTION_LENGTH]
            if question:
                kwargs["initial"] = [{"question": question}]
        # A form opened before the latest save is drawn again against the rows that exist
        # now, so that it can be saved (exercises.admin.conflicts).
        if "data" in kwargs and conflicts.is_stale(request.POST, obj):
            rows = list(getattr(obj, prefix).all())
            kwargs["data"] = conflicts.redraw_rows(kwargs["data"], prefix, rows).data
        return kwargs

    def save_model(self, request, obj, form, change):
        if saving_as_draft(request, obj):
            return  # the changes go into a draft (save_related); the live guide stays
        if change:
            obj.version = (form.current_version or obj.version) + 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if saving_as_draft(request, form.instance):
            self.save_draft_of(request, form, formsets)
        else:
            super().save_related(request, form, formsets, change)
        # Saved, but the editor should know what search results will cut off.
        for warning in length_warnings(form.instance):
            self.message_user(request, warning, messages.WARNING)
        if form.instance.is_pending_draft:
            # The form set the draft's links both ways, as for any exercise: no guide may
            # link to a draft, so they are made one-way again.
            publishing.set_links(form.instance, publishing.current_links(form.instance))
        self.report_removed_markup(request, form, formsets)

    def construct_change_message(self, request, form, formsets, add=False):
        if saving_as_draft(request, form.instance):
            # The rows went into the draft, not through the formsets' own save.
            return super().construct_change_message(request, form, [], add)
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if saving_as_draft(request, obj):
            entry = super().log_change(request, Exercise.objects.get(draft_of=obj), message)
            set_comment(f"Saved as a draft of the live guide. {entry.get_change_message()}")
            return entry
        return super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        request.exercise_added = obj  # for add_view, which records what its links changed
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if saving_as_draft(request, obj):
            draft = Exercise.objects.get(draft_of=obj)
            self.message_user(
                request,
                format_html(
                    "Your changes to “{}” are saved as a draft of the live guide: readers still "
                    'see the published guide. <a href="{}">Preview the draft</a>, and publish '
                    "it from this page when it is ready.",
                    obj.name,
                    self.view_on_site(draft),
                ),
                messages.SUCCESS,
            )
            return redirect("admin:exercises_exercise_change", draft.pk)
        if obj.publish_at and not obj.is_published:
            self.message_user(
                request,
                f"“{obj.name}” will be published on {publishing.when(obj.publish_at)}"
                + (" over the live guide" if obj.is_pending_draft else "")
                + "; until then readers do not see it.",
                messages.INFO,
            )
        return super().response_change(request, obj)

    def report_removed_markup(self, request, form, formsets) -> None:
        """Tell the editor what the sanitiser leaves out of the Markdown they saved."""
        notes = [
            (f"the {field.verbose_name}", removed)
            for field in markdown_fields(Exercise)
            if field.name in form.changed_data
            for removed in removed_when_shown(form.cleaned_data[field.name])
        ]
        for formset in formsets:
            for row_form in formset.forms:
                row = row_form.instance
                if not row_form.has_changed() or row_form.cleaned_data.get("DELETE"):
                    continue
                notes += [
                    (f"the {field.verbose_name} of {row._meta.verbose_name} “{row}”", removed)
                    for field in markdown_fields(type(row))
                    if field.name in row_form.changed_data
                    for removed in removed_when_shown(row_form.cleaned_data[field.name])
                ]
        if notes:
            self.message_user(
                request,
                format_html(
                    "Some of what you wrote is not shown to readers; the site removes it as "
                    "unsafe:<ul>{}</ul>",
                    format_html_join("", "<li>In {}: {}</li>", notes),
                ),
                messages.WARNING,
            )

    # ----- links to other exercises ------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        return self._recording_links(
            request,
            None,
            lambda: super(ExerciseAdmin, self).add_view(request, form_url, extra_context),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        exercise = self.get_object(request, unquote(object_id))
        context = {**self.draft_context(exercise), **(extra_context or {})}
        return self._recording_links(
            request,
            object_id,
            lambda: super(ExerciseAdmin, self).change_view(request, object_id, form_url, context),
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._recording_links(
            request,
            object_id,
            lambda: super(ExerciseAdmin, self).revision_view(
                request, object_id, version_id, extra_context
            ),
        )

    def recover_view(self, request, version_id, extra_context=None):
        object_id = (
            Version.objects.filter(pk=version_id).values_list("object_id", flat=True).first()
        )
        return self._recording_links(
            request,
            object_id,
            lambda: super(ExerciseAdmin, self).recover_view(request, version_id, extra_context),
        )

    def _recording_links(self, request, object_id, view):
        """Run an admin view that may save an exercise; then give every other exercise
        whose links to it changed (links go both ways) a revision of its own."""
        if request.method != "POST":
            return view()  # nothing is saved
        pk = unquote(object_id) if object_id else None
        pk = int(pk) if pk and pk.isdigit() else None  # an address of no exercise: nothing
        before = links_of(pk)
        response = view()
        if response.status_code != HTTPStatus.FOUND:
            return response
        if object_id is None:
            added = getattr(request, "exercise_added", None)
            pk = added.pk if added is not None else None
        exercise = Exercise.objects.filter(pk=pk).first() if pk else None
        if exercise is not None and not exercise.is_pending_draft:
            changes = record_linked_exercises(exercise, before, user=request.user)
            self.report_link_changes(request, exercise, changes)
        return response

    def report_link_changes(self, request, exercise, changes) -> None:
        if not changes:
            return
        items = format_html_join(
            "",
            '<li><a href="{}">{}</a> {}</li>',
            (
                (
                    reverse("admin:exercises_exercise_change", args=[change.other.pk]),
                    change.other.name,
                    change.describe(exercise.name),
                )
                for change in changes
            ),
        )
        self.message_user(
            request,
            format_html(
                "Links go both ways, so this also changed other guides; each has a revision "
                "of its own:<ul>{}</ul>",
                items,
            ),
            messages.INFO,
        )

    # ----- history -----------------------------------------------------------------------

    def compare(self, obj, version1, version2):
        differences = comparison.compare(
            comparison.snapshot_of_version(version1), comparison.snapshot_of_version(version2)
        )
        diff = [
            {
                "field": {"verbose_name": d.label},
                "is_related": False,
                "follow": True,
                "diff": d.html,
            }
            for d in differences
        ]
        return diff, False

    # ----- the list's actions ------------------------------------------------------------

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
        label = Status(status).label.lower()
        with transaction.atomic():
            # Lock only the exercise rows: the changelist's queryset outer-joins body_part,
            # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
            for exercise in queryset.guides().select_for_update(of=("self",)):
                if (
                    exercise.is_published
                    if status == Status.PUBLISHED
                    else exercise.status == status
                ):
                    continue  # already live (to publish), or already a draft (to unpublish)
                # Saved one by one, not with update(), so that each change is recorded
                # as a revision and the caches and search index hear about it.
                publishing.set_status(
                    exercise, status, user=request.user, comment=f"Status set to {label}."
                )
                changed += 1
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


def markdown_fields(model) -> list:
    return [field for field in model._meta.fields if isinstance(field, MarkdownxField)]
