"""Publishing: at once, at a set time, and as a draft of a live guide.

**A draft of a live guide** is a second Exercise row whose `draft_of` is the live guide.
It shares the guide's name and address (they are unique among guides only), is always of
status draft, and so is left out of everything readers see: the page, the API, search, the
sitemap and the feed all go through `published_q`. Editors change it with the normal change
form; staff preview it on the guide's own templates (`exercises.views.DraftPreviewView`).
Its links to other exercises are one-way (rows of the links' through tables from the draft
only), so that no other guide links to it. Publishing it copies its fields, links and
section rows onto the live guide in one transaction and one revision, and deletes it: the
live guide keeps its primary key and address, and its FAQ anchors, which the draft's rows
carry, so every link to the guide and to its answers keeps working.

**Scheduled publishing**: a guide of status draft with `publish_at`, or a draft of a live
guide with `publish_at`, is published by `apply_schedule` (`manage.py publish_scheduled`,
run every minute) once that time has come; a published guide with `unpublish_at` goes back
to draft. Every change is an ordinary save, a revision, a new version number, and a bump
of the page cache's content generation (exercises.signals).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from reversion import add_to_revision, create_revision, set_comment, set_user

from .models import Exercise, Status
from .revisions import LINKS, LinkChange, links_of, next_version, record_linked_exercises
from .sections import row_models, row_relations

# Fields that say where and whether the guide is published, not what it says: a draft of
# a live guide does not carry them over (the guide keeps its address and its status).
PUBLISHING_FIELDS = {"slug", "status", "publish_at", "unpublish_at"}


class PublishingError(Exception):
    """A draft that cannot be published as it is; the message says why, for editors."""


def content_fields() -> list[models.Field]:
    """The exercise's own fields an editor writes (a new one is carried over too)."""
    return [
        f
        for f in Exercise._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in PUBLISHING_FIELDS
    ]


def when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# ----- copying ---------------------------------------------------------------------------


def copy_fields(source: Exercise, target: Exercise) -> None:
    for f in content_fields():
        setattr(target, f.attname, getattr(source, f.attname))


def copy_rows(exercise: Exercise, rows: dict[str, list[models.Model]]) -> None:
    """Save a copy of each section's `rows` (by relation name) for `exercise`, in order.
    A row that points at another of the guide's rows (a picture at its step) points at
    that row's copy; if that row is not copied (the editor deleted the step), neither is
    the picture, as deleting a step deletes its picture."""
    copies: dict[tuple[type, int], models.Model] = {}
    for relation in row_relations():
        for row in rows.get(relation, []):
            copy = copy_row(row, exercise, copies)
            if copy is not None and row.pk is not None:
                copies[type(row), row.pk] = copy


def copy_row(row: models.Model, exercise: Exercise, copies: dict) -> models.Model | None:
    """A new row for `exercise` with the values of `row`, saved; None if it points at a
    row of the guide that has no copy in `copies`."""
    values = {}
    for f in row._meta.concrete_fields:
        if f.primary_key or f.name == "exercise":
            continue
        value = getattr(row, f.attname)
        if f.many_to_one and f.related_model in row_models() and value is not None:
            if (f.related_model, value) not in copies:
                return None
            value = copies[f.related_model, value].pk
        values[f.attname] = value
    copy = type(row)(**values, exercise=exercise)
    copy.save()
    return copy


def set_rows(exercise: Exercise, rows: dict[str, list[models.Model]]) -> None:
    """Replace each section's rows (by relation name) with copies of `rows`, in order."""
    for relation in row_relations():
        getattr(exercise, relation).all().delete()
    copy_rows(exercise, rows)


def set_links(exercise: Exercise, links: dict[str, list[Exercise]]) -> None:
    """The many-to-many fields. A draft's links to other exercises are one-way: a row in
    the through table from the draft only, so the other guides never link to it."""
    for f in Exercise._meta.many_to_many:
        if f.name not in links:
            continue
        if exercise.is_pending_draft and f.name in LINKS:
            through = f.remote_field.through
            through.objects.filter(from_exercise=exercise).delete()
            through.objects.filter(to_exercise=exercise).delete()
            through.objects.bulk_create(
                through(from_exercise=exercise, to_exercise=other)
                for other in links[f.name]
                if other.pk != exercise.draft_of_id
            )
        else:
            getattr(exercise, f.name).set(links[f.name])


def current_links(exercise: Exercise) -> dict[str, list[Exercise]]:
    return {f.name: list(getattr(exercise, f.name).all()) for f in Exercise._meta.many_to_many}


def current_rows(exercise: Exercise) -> dict[str, list[models.Model]]:
    return {relation: list(getattr(exercise, relation).all()) for relation in row_relations()}


# ----- drafts of live guides -------------------------------------------------------------


def save_as_draft(
    live: Exercise,
    edited: Exercise,
    *,
    links: dict[str, list[Exercise]],
    rows: dict[str, list[models.Model]],
) -> Exercise:
    """Start the draft of the live guide `live`, holding `edited` (the guide as an editor
    changed it, not saved), its `links` and its section `rows` (not saved either)."""
    if Exercise.objects.filter(draft_of=live).exists():
        raise PublishingError(
            f"“{live.name}” already has a draft waiting to be published: change that draft, "
            "or discard it first."
        )
    draft = Exercise(draft_of=live, slug=live.slug, status=Status.DRAFT)
    copy_fields(edited, draft)
    draft.publish_at, draft.unpublish_at = edited.publish_at, edited.unpublish_at
    draft.save()
    set_links(draft, links)
    copy_rows(draft, rows)
    return draft


@dataclass
class Published:
    """What publishing a draft did: the guide, and other guides whose links changed."""

    exercise: Exercise
    link_changes: list[LinkChange] = field(default_factory=list)


def publish_draft(draft: Exercise, *, user=None, reason: str = "") -> Published:
    """Copy the draft onto its live guide, in one transaction and one revision of the
    guide, and delete the draft. The guide keeps its primary key, address and status
    (published); the draft's unpublish time, if any, becomes the guide's."""
    with transaction.atomic():
        draft = Exercise.objects.select_for_update().filter(pk=draft.pk).first()
        if draft is None or not draft.is_pending_draft:
            raise PublishingError("This draft has already been published or discarded.")
        live = Exercise.objects.select_for_update().get(pk=draft.draft_of_id)
        taken = Exercise.objects.guides().filter(name=draft.name).exclude(pk=live.pk).first()
        if taken:
            raise PublishingError(
                f"Another exercise is already called “{draft.name}” (at /exercises/"
                f"{taken.slug}/): rename the draft before publishing it."
            )
        before = links_of(live.pk)
        saved_at, links, rows = draft.updated_at, current_links(draft), current_rows(draft)
        with create_revision():
            copy_fields(draft, live)
            live.status = Status.PUBLISHED
            live.publish_at, live.unpublish_at = None, draft.unpublish_at
            live.version = next_version(live)
            live.save()
            set_links(live, links)
            set_rows(live, rows)
            add_to_revision(live)
            set_user(user)
            set_comment(
                f"Published the draft of the live guide saved on {when(saved_at)}"
                + (f" ({reason})." if reason else ".")
            )
            draft.delete()
    return Published(live, record_linked_exercises(live, before, user=user))


def discard_draft(draft: Exercise, *, user=None) -> Exercise:
    """Delete the draft; the live guide's history records it. The draft can be brought
    back from "Recover deleted exercises" while the guide has no other draft."""
    with transaction.atomic(), create_revision():
        draft = Exercise.objects.select_for_update().filter(pk=draft.pk).first()
        if draft is None or not draft.is_pending_draft:
            raise PublishingError("This draft has already been published or discarded.")
        live = draft.draft_of
        add_to_revision(live)
        set_user(user)
        set_comment(f"Discarded the draft of the live guide saved on {when(draft.updated_at)}.")
        draft.delete()
    return live


# ----- now and at a set time -------------------------------------------------------------


def set_status(exercise: Exercise, status: str, *, user=None, comment: str) -> None:
    """Publish or unpublish one guide now, as its own revision. A publish time still to
    come is dropped by publishing now; an unpublish time, by unpublishing now."""
    with create_revision():
        exercise.status = status
        if status == Status.PUBLISHED:
            exercise.publish_at = None
        else:
            exercise.unpublish_at = None
        exercise.version = next_version(exercise)
        exercise.save()
        set_user(user)
        set_comment(comment)


def apply_schedule(now: datetime | None = None) -> list[str]:
    """Publish and unpublish whatever is due, and say what was done.

    Each change is its own transaction, re-checked under a row lock: runs that overlap (a
    slow run and the next minute's) never apply a change twice, and a change an editor
    made meanwhile wins.
    """
    now = now or timezone.now()
    done = _set_each_due("publish_at", now, Status.PUBLISHED, "Published")
    for draft in (
        Exercise.objects.pending_drafts().filter(publish_at__lte=now).select_related("draft_of")
    ):
        if not Exercise.objects.filter(pk=draft.pk).exists():
            continue  # published or discarded by another run, or by an editor, meanwhile
        try:
            publish_draft(draft, reason=f"as scheduled for {when(draft.publish_at)}")
        except PublishingError as error:
            done.append(f"Not published: the draft of “{draft.draft_of.name}”: {error}")
        else:
            done.append(f"Published the draft of “{draft.draft_of.name}”.")
    return done + _set_each_due("unpublish_at", now, Status.DRAFT, "Unpublished")


def _set_each_due(time_field: str, now: datetime, status: str, done: str) -> list[str]:
    """Give every guide whose `time_field` has come `status`, one by one."""
    due = Exercise.objects.guides().filter(**{f"{time_field}__lte": now})
    said = []
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            exercise = due.select_for_update(skip_locked=True).filter(pk=pk).first()
            if exercise is None:
                continue  # done by another run, or no longer due
            scheduled = when(getattr(exercise, time_field))
            set_status(exercise, status, comment=f"{done} as scheduled for {scheduled}.")
            said.append(f"{done} “{exercise.name}” (scheduled for {scheduled}).")
    return said
