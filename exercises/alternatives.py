""" "No equipment? Try instead": other exercises suggested for the same muscles.

The site suggests published exercises that work the same primary or secondary muscles:
those that need no equipment first, then those sharing the most muscles (a shared primary
muscle counts twice), then the same difficulty, then the same body part. Editors pin
suggestions, which come first in their order, or leave exercises out, with `Alternative`
rows of kind INSTEAD and NEVER. An easier or harder exercise, or a variation, is not
suggested again.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When

SUGGESTIONS = 3


@dataclass(frozen=True)
class Suggestion:
    exercise: object  # an Exercise
    reason: str
    pinned: bool


def suggested_instead(exercise, choices: list) -> list[Suggestion]:
    """Up to SUGGESTIONS exercises to try instead of `exercise` (read with
    for_detail_page), `choices` being its INSTEAD and NEVER rows. One query at most."""
    from .models import Alternative, Exercise  # this module is imported by models' users

    pinned = [
        Suggestion(choice.other, choice.reason or choice.other.get_difficulty_display(), True)
        for choice in choices
        if choice.kind == Alternative.Kind.INSTEAD and choice.other.is_published
    ]
    primary = [muscle.pk for muscle in exercise.primary_muscles.all()]
    muscles = primary + [muscle.pk for muscle in exercise.secondary_muscles.all()]
    wanted = SUGGESTIONS - len(pinned)
    if wanted <= 0 or not muscles:
        return pinned[:SUGGESTIONS]
    # Easier, harder and variations are listed already; related exercises give way to
    # suggestions instead (exercises.page).
    already = {
        exercise.pk,
        *(row.other_id for row in exercise.alternatives.all()),
        *(other.pk for other in exercise.variations.all()),
    }
    sharing = Exercise.objects.filter(
        Q(primary_muscles__in=muscles) | Q(secondary_muscles__in=muscles)
    ).values("pk")
    candidates = (
        Exercise.objects.published()
        .filter(pk__in=sharing)
        .exclude(pk__in=already)
        .annotate(
            # A shared muscle counts once, a muscle primary to both once more.
            shared=shared("primary_muscles", primary)
            + shared("primary_muscles", muscles)
            + shared("secondary_muscles", muscles),
            equipment_needed=Count("equipment", distinct=True),
        )
        .annotate(
            needs_equipment=closeness(Q(equipment_needed=0)),
            other_difficulty=closeness(Q(difficulty=exercise.difficulty)),
            other_body_part=closeness(Q(body_part=exercise.body_part_id)),
        )
        .select_related("body_part")
        .order_by("needs_equipment", "-shared", "other_difficulty", "other_body_part", "name")
    )
    suggested = [
        Suggestion(other, reason_for(other, other.equipment_needed == 0), False)
        for other in candidates[:wanted]
    ]
    return pinned + suggested


def shared(relation: str, muscles: list[int]) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__in": muscles}), distinct=True)


def closeness(same: Q) -> Case:
    """0 where the condition holds, 1 elsewhere: for ordering the close ones first."""
    return Case(When(same, then=Value(0)), default=Value(1), output_field=IntegerField())


def reason_for(other, no_equipment: bool | None = None) -> str:
    """What a reader weighs when choosing: equipment, level and body part."""
    parts = []
    if no_equipment is not None:
        parts.append("No equipment" if no_equipment else "Needs equipment")
    parts.append(other.get_difficulty_display())
    if other.body_part_id:
        parts.append(other.body_part.name)
    return " · ".join(parts)
