"""What django-reversion records: an exercise revision carries the rows of all its sections
(exercises.sections), so reverting an exercise brings its lists back too.

Also the two rules that keep history honest when more than one editor is at work:

- an exercise's version number only ever goes up, even when a revert or a recovery puts an
  older row back (`current_version`), so a form opened before any save is always stale;
- links between exercises go both ways, so a save that links or unlinks another exercise
  changes that exercise's page too: it gets a revision of its own
  (`record_linked_exercises`), never a place in this exercise's revision, so that
  reverting one exercise never rolls another back.
"""

from collections import defaultdict
from dataclasses import dataclass

import reversion
from django.db import transaction
from reversion.models import Version

from .models import BodyPart, Equipment, Exercise, Muscle
from .sections import row_models, row_relations

for model in row_models():
    reversion.register(model)

reversion.register(Exercise, follow=row_relations())

for vocabulary in (BodyPart, Muscle, Equipment):
    reversion.register(vocabulary)


def current_version(exercise_pk: int | None, *, lock: bool = False) -> int | None:
    """The version number a form for this exercise must have been opened at to save.

    That is the row's number, except while a revert or a recovery is being saved: reversion
    has then put an older row back, number included, and the newest number a revision
    recorded is the one that counts. With `lock`, the row is locked until the transaction
    ends (PostgreSQL; SQLite writes one transaction at a time), so no other save slips in
    between this check and the save.
    """
    if exercise_pk is None:
        return None
    rows = Exercise.objects.filter(pk=exercise_pk)
    if lock:
        rows = rows.select_for_update()
    numbers = [rows.values_list("version", flat=True).first()]
    latest = Version.objects.get_for_object_reference(Exercise, exercise_pk).first()
    if latest is not None:
        numbers.append(latest.field_dict.get("version"))
    numbers = [number for number in numbers if number is not None]
    return max(numbers) if numbers else None


def next_version(exercise: Exercise) -> int:
    """The number to save the exercise with: one more than any it ever had."""
    return (current_version(exercise.pk) or exercise.version or 0) + 1


# Exercise's links to other exercises. Both are symmetrical: linking A to B links B to A.
LINKS = {"related": "a related exercise", "variations": "a variation"}


def links_of(exercise_pk: int | None) -> dict[int, set[str]]:
    """The exercises this one links to, each with the kinds of link ("related", ...)."""
    links: dict[int, set[str]] = defaultdict(set)
    if exercise_pk is None:
        return links
    for name in LINKS:
        through = Exercise._meta.get_field(name).remote_field.through
        others = through.objects.filter(from_exercise_id=exercise_pk)
        for other in others.values_list("to_exercise_id", flat=True):
            links[other].add(name)
    return links


@dataclass(frozen=True)
class LinkChange:
    """Another exercise whose links to this one changed."""

    other: Exercise
    gained: frozenset[str]
    lost: frozenset[str]

    def describe(self, name: str) -> str:
        """What changed on the other exercise's page, e.g. 'now lists “Cat-Cow” as a
        related exercise'."""
        parts = []
        if self.gained:
            kinds = " and ".join(LINKS[kind] for kind in sorted(self.gained))
            parts.append(f"now lists “{name}” as {kinds}")
        if self.lost:
            kinds = " or ".join(LINKS[kind] for kind in sorted(self.lost))
            parts.append(f"no longer lists “{name}” as {kinds}")
        return "; ".join(parts)


def record_linked_exercises(exercise: Exercise, before: dict, *, user) -> list[LinkChange]:
    """Give every other exercise whose links to `exercise` changed since `before` (see
    `links_of`) a revision of its own and a new version number, so its history shows the
    change and an editor with its old form open is stopped before undoing it.

    Call it outside the revision of the save that changed the links. Returns the changes,
    for the message to the editor.
    """
    after = links_of(exercise.pk)
    changed = {
        pk for pk in before.keys() | after.keys() if before.get(pk, set()) != after.get(pk, set())
    }
    changes = []
    with transaction.atomic():
        for other in Exercise.objects.select_for_update().filter(pk__in=changed).order_by("name"):
            had, has = before.get(other.pk, set()), after.get(other.pk, set())
            change = LinkChange(other, frozenset(has - had), frozenset(had - has))
            with reversion.create_revision():
                other.version = next_version(other)
                other.save(update_fields=["version"])
                reversion.add_to_revision(other)
                reversion.set_user(user)
                reversion.set_comment(f"Links: {change.describe(exercise.name)}.")
            changes.append(change)
    return changes
