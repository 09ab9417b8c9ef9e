"""Reading one exercise page: the exercise and every list it shows, in twelve small queries
whatever the number of steps or questions, each compiled to SQL once per process
(see exercises/compiled_query.py for why)."""

from .compiled_query import CompiledQuery, run_together
from .models import Exercise, Faq, RecommendedEquipment, SetsReps, Step, Tip
from .sections import ExercisePage


def _in_editor_order(model) -> CompiledQuery:
    return CompiledQuery(lambda pk: model.objects.filter(exercise_id=pk).order_by("order", "pk"))


def _terms(relation: str) -> CompiledQuery:
    # Django's own related manager writes the join, so this stays right if the field changes.
    return CompiledQuery(lambda pk: getattr(Exercise(pk=pk), relation).all())


def _published_neighbours(relation: str) -> CompiledQuery:
    # Drafts never appear as links on a public page.
    return CompiledQuery(
        lambda pk: (
            getattr(Exercise(pk=pk), relation)
            .published()
            .only("name", "slug", "status")
            .order_by("name")
        )
    )


EXERCISE_BY_SLUG = CompiledQuery(
    lambda slug: Exercise.objects.published().select_related("body_part").filter(slug=slug)
)
ANY_EXERCISE_BY_SLUG = CompiledQuery(
    lambda slug: Exercise.objects.select_related("body_part").filter(slug=slug)
)
PAGE_LISTS = {
    "sets_reps": _in_editor_order(SetsReps),
    "steps": _in_editor_order(Step),
    "tips": _in_editor_order(Tip),
    "faqs": _in_editor_order(Faq),
    "recommended_equipment": CompiledQuery(
        lambda pk: (
            RecommendedEquipment.objects.filter(exercise_id=pk)
            .select_related("equipment")
            .order_by("order", "pk")
        )
    ),
    "primary_muscles": _terms("primary_muscles"),
    "secondary_muscles": _terms("secondary_muscles"),
    "equipment": _terms("equipment"),
    "optional_equipment": _terms("optional_equipment"),
    "related": _published_neighbours("related"),
    "variations": _published_neighbours("variations"),
}


def load_exercise_page(slug: str, user=None) -> ExercisePage | None:
    """The page for `slug`, or None. Staff preview drafts; everybody else, and callers that
    pass no user, get published exercises only."""
    staff = user is not None and user.is_authenticated and user.is_staff
    found = (ANY_EXERCISE_BY_SLUG if staff else EXERCISE_BY_SLUG)(slug)
    if not found:
        return None
    exercise = found[0]
    return ExercisePage(exercise, **run_together(PAGE_LISTS, exercise.pk))
