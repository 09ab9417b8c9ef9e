"""Small builders for test data. Each returns saved objects with sensible defaults."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exercises import renditions
from exercises.models import (
    BodyPart,
    Equipment,
    Exercise,
    ExerciseImage,
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


def photo(size=(1000, 750), format="JPEG", gps=True) -> bytes:
    """A camera photo: EXIF with a GPS position and a sideways orientation."""
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    if gps:
        exif[0x0112] = 6  # rotated: stored sideways, shown upright
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    output = io.BytesIO()
    picture.save(output, format, exif=exif.tobytes())
    return output.getvalue()


def stored_image(exercise, step=None, **fields) -> ExerciseImage:
    stored = renditions.store(renditions.master_from_upload(SimpleUploadedFile("p.jpg", photo())))
    defaults = {"alt": "Kneeling with a flat back", "credit": "StretchSite"}
    return ExerciseImage.objects.create(
        exercise=exercise,
        step=step,
        file=stored.name,
        width=stored.width,
        height=stored.height,
        digest=stored.digest,
        renditions=stored.renditions,
        **{**defaults, **fields},
    )
