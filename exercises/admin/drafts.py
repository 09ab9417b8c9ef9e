"""Drafts of live guides in the admin (exercises.publishing): "Save as draft of the live
guide" on a published exercise's form, and for the draft itself a preview, a page that
shows what publishing it changes and publishes it, and a page that discards it."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .. import publishing
from ..models import Exercise
from .compare import compare, snapshot_of
from .forms import SAVE_AS_DRAFT

# A draft's publishing fields are its own (the guide keeps its address and its status).
SAME = {"leave_out": publishing.PUBLISHING_FIELDS}


def saving_as_draft(request, exercise: Exercise) -> bool:
    """Whether this save keeps a published guide's changes as a draft of it."""
    return (
        request.method == "POST"
        and SAVE_AS_DRAFT in request.POST
        and exercise.pk is not None
        and not exercise.is_pending_draft
    )


def rows_from(formsets) -> dict[str, list[models.Model]]:
    """Each inline's rows as the editor left them (not saved), in the editor's order;
    rows ticked for deletion and empty new rows left out."""

    def kept(forms) -> list[models.Model]:
        return [form.instance for form in forms if not form.cleaned_data.get(DELETION_FIELD_NAME)]

    rows = {}
    for formset in formsets:
        saved = kept(formset.initial_forms)
        new = kept(form for form in formset.extra_forms if form.has_changed())
        last = max((row.order for row in saved + new), default=0)
        for row in new:
            if row.order <= 0:  # unplaced: last, as saving a new row does
                last += 1
                row.order = last
        rows[formset.prefix] = sorted(saved + new, key=lambda row: (row.order, row.pk is None))
    return rows


class DraftAdminMixin:
    """Pages and buttons for drafts of live guides, for ExerciseAdmin."""

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/publish-draft/",
                self.admin_site.admin_view(self.publish_draft_view),
                name="exercises_exercise_publish_draft",
            ),
            path(
                "<path:object_id>/discard-draft/",
                self.admin_site.admin_view(self.discard_draft_view),
                name="exercises_exercise_discard_draft",
            ),
        ]
        return own + super().get_urls()

    def view_on_site(self, exercise):
        if exercise.is_pending_draft:
            return reverse("exercises:draft_preview", kwargs={"slug": exercise.draft_of.slug})
        return exercise.get_absolute_url()

    def draft_context(self, exercise) -> dict:
        """What the change form says about drafts: for a draft, its guide; for a guide,
        its pending draft; and whether the guide can be saved as a draft."""
        if exercise is None or exercise.pk is None:
            return {}
        if exercise.is_pending_draft:
            # A draft is published or discarded (with a revision), not deleted or copied.
            return {
                "live_guide": exercise.draft_of,
                "show_save_and_add_another": False,
                "show_delete": False,
            }
        draft = Exercise.objects.filter(draft_of=exercise).first()
        return {
            "pending_draft": draft,
            "can_save_as_draft": draft is None and exercise.is_published,
        }

    def save_draft_of(self, request, form, formsets) -> Exercise:
        """The published guide's form, saved as its draft instead (the guide unchanged)."""
        live = Exercise.objects.get(pk=form.instance.pk)
        links = {
            f.name: list(form.cleaned_data[f.name])
            for f in Exercise._meta.many_to_many
            if f.name in form.cleaned_data
        }
        return publishing.save_as_draft(live, form.instance, links=links, rows=rows_from(formsets))

    def _draft_for(self, request, object_id) -> Exercise:
        draft = Exercise.objects.pending_drafts().filter(pk=unquote(object_id)).first()
        if draft is None:
            raise Http404("No draft of a live guide with this ID.")
        if not self.has_change_permission(request, draft):
            raise PermissionDenied
        return draft

    def publish_draft_view(self, request, object_id):
        draft = self._draft_for(request, object_id)
        live = draft.draft_of
        if request.method == "POST":
            try:
                result = publishing.publish_draft(draft, user=request.user)
            except publishing.PublishingError as error:
                messages.error(request, str(error))
                return redirect("admin:exercises_exercise_change", draft.pk)
            message = format_html(
                'The draft is now live: <a href="{}">{}</a>.', live.get_absolute_url(), live.name
            )
            messages.success(request, message)
            self.report_link_changes(request, result.exercise, result.link_changes)
            return redirect("admin:exercises_exercise_change", live.pk)
        differences = compare(snapshot_of(live, **SAME), snapshot_of(draft, **SAME))
        return self._draft_page(
            request, draft, "Publish", "publish_draft.html", differences=differences
        )

    def discard_draft_view(self, request, object_id):
        draft = self._draft_for(request, object_id)
        live = draft.draft_of
        if request.method == "POST":
            try:
                publishing.discard_draft(draft, user=request.user)
            except publishing.PublishingError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    f"The draft of “{live.name}” is discarded; the live guide is as it was. "
                    "To bring the draft back, use Recover deleted exercises.",
                )
            return redirect("admin:exercises_exercise_change", live.pk)
        return self._draft_page(request, draft, "Discard", "discard_draft.html")

    def _draft_page(self, request, draft, action: str, template: str, **context):
        """A page that asks before publishing or discarding a draft."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{action} the draft of “{draft.draft_of.name}”?",
            "action": action,
            "draft": draft,
            "live": draft.draft_of,
            **context,
        }
        return TemplateResponse(request, f"admin/exercises/exercise/{template}", context)
