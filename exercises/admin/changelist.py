"""The exercise list: what is live, what has a draft waiting, what is scheduled, who last
edited each guide and when, and a link to each guide on the site.

A pending draft of a live guide is not a row of its own: it shows in its guide's state.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from reversion.models import Version

from ..models import Exercise, Status, published_q


def short(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def latest_revision(of: str):
    """The newest revision of the exercise whose primary key is `of` (in the outer query)."""
    return (
        Version.objects.get_for_model(Exercise)
        .filter(object_id=Cast(OuterRef(of), CharField()))
        .order_by("-pk")
    )


def with_last_edits(exercises):
    """Each guide annotated with who saved it last and when, and the same for its draft."""

    def who(versions):
        name = NullIf(F("revision__user__first_name"), Value(""))
        return Subquery(
            versions.annotate(who=Coalesce(name, F("revision__user__username"))).values("who")[:1]
        )

    return exercises.annotate(
        edited_by=who(latest_revision("pk")),
        edited_at=Subquery(latest_revision("pk").values("revision__date_created")[:1]),
        draft_edited_by=who(latest_revision("pending_draft__pk")),
    )


class GuideChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The root too, so that counts ("6 results (6 total)") and filters count guides.
        self.root_queryset = self.root_queryset.guides()
        return with_last_edits(super().get_queryset(request, exclude_parameters))


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("draft_pending", "Live, with a draft waiting"),
            ("not_live", "Not live"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        scheduled = Q(publish_at__gt=now) | Q(pending_draft__publish_at__isnull=False)
        return {
            "live": queryset.filter(published_q()),
            "scheduled": queryset.filter(scheduled | Q(unpublish_at__isnull=False)),
            "draft_pending": queryset.filter(pending_draft__isnull=False),
            "not_live": queryset.exclude(published_q()),
        }.get(self.value(), queryset)


class ExerciseListMixin:
    """The list's columns and search for ExerciseAdmin."""

    list_display = ["name", "state", "body_part", "difficulty", "last_edited", "on_the_site"]
    list_filter = [StateFilter, "status", "body_part", "difficulty", "updated_at"]
    list_select_related = ["body_part", "pending_draft"]
    search_fields = [
        "name",
        "slug",
        "meta_description",
        "intro",
        "primary_muscles__name",
        "secondary_muscles__name",
        "equipment__name",
        "optional_equipment__name",
    ]

    def get_changelist(self, request, **kwargs):
        return GuideChangeList

    @admin.display(description="State")
    def state(self, exercise):
        parts = [self.guide_state(exercise)]
        draft = getattr(exercise, "pending_draft", None)
        if draft is not None:
            url = reverse("admin:exercises_exercise_change", args=[draft.pk])
            when = f"publishes {short(draft.publish_at)}" if draft.publish_at else "not scheduled"
            who = getattr(exercise, "draft_edited_by", None) or "someone"
            parts.append(
                format_html(
                    '<a href="{}">Draft waiting</a> ({}, {}; {})',
                    url,
                    who,
                    short(draft.updated_at),
                    when,
                )
            )
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts))  # noqa: S308

    @staticmethod
    def guide_state(exercise) -> str:
        if exercise.is_published:
            if exercise.unpublish_at:
                return f"Live until {short(exercise.unpublish_at)}"
            return "Live"
        if exercise.publish_at:
            return f"Scheduled: publishes {short(exercise.publish_at)}"
        if exercise.status == Status.PUBLISHED and exercise.unpublish_at:
            return "Unpublished (due)"
        return "Draft"

    @admin.display(description="Last edited", ordering="updated_at")
    def last_edited(self, exercise):
        who = getattr(exercise, "edited_by", None)
        when = getattr(exercise, "edited_at", None) or exercise.updated_at
        return f"{who}, {short(when)}" if who else short(when)

    @admin.display(description="On the site")
    def on_the_site(self, exercise):
        label = "View on site" if exercise.is_published else "Preview"
        return format_html(
            '<a href="{}">{}<span class="visually-hidden">: {}</span></a>',
            exercise.get_absolute_url(),
            label,
            exercise.name,
        )
