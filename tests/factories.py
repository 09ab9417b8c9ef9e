"""Small builders for test data. Each returns saved objects with sensible defaults."""

from exercises.models import (
    BodyPart,
    Equipment,
    Exercise,
    Faq,
    Muscle,
    RecommendedEquipment,
    SetsReps,
    Step,
    Tip,
)


def make_exercise(name="Kneeling Back Stretch", status="published", children=1, **fields):
    """An exercise with `children` rows in every ordered section."""
    body_part, _ = BodyPart.objects.get_or_create(name="Back", defaults={"slug": "back"})
    exercise = Exercise.objects.create(
        name=name,
        slug=fields.pop("slug", None) or name.lower().replace(" ", "-"),
        status=status,
        body_part=body_part,
        intro=fields.pop("intro", "Sit back slowly.\n\nThen **breathe**."),
        progression_rule=fields.pop("progression_rule", "Add a pause before adding range."),
        **fields,
    )
    lats, _ = Muscle.objects.get_or_create(name="Latissimus dorsi")
    rhomboids, _ = Muscle.objects.get_or_create(name="Rhomboids")
    mat, _ = Equipment.objects.get_or_create(name="Exercise mat")
    exercise.primary_muscles.add(lats)
    exercise.secondary_muscles.add(rhomboids)
    exercise.optional_equipment.add(mat)
    for i in range(children):
        SetsReps.objects.create(exercise=exercise, order=i, goal=f"Goal {i}", sets="2", reps="10")
        Step.objects.create(exercise=exercise, order=i, phase="setup", text=f"Setup {i}.")
        Step.objects.create(
            exercise=exercise, order=100 + i, phase="execution", label=f"Move {i}", text="Go."
        )
        Tip.objects.create(exercise=exercise, order=i, kind="tip", text=f"Tip {i}.")
        Tip.objects.create(exercise=exercise, order=100 + i, kind="mistake", text=f"Don't {i}.")
        Faq.objects.create(
            exercise=exercise, order=i, question=f"Question {i}?", answer=f"Answer *{i}*."
        )
        RecommendedEquipment.objects.create(
            exercise=exercise, order=i, equipment=mat, why="Cushions the knees."
        )
    return exercise
