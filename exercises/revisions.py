"""What django-reversion records: an exercise revision carries all of its sections."""

import reversion

from .models import (
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

EXERCISE_CHILDREN = ("sets_reps", "steps", "tips", "faqs", "recommended_equipment")

for child in (SetsReps, Step, Tip, Faq, RecommendedEquipment):
    reversion.register(child)

reversion.register(Exercise, follow=EXERCISE_CHILDREN)

for vocabulary in (BodyPart, Muscle, Equipment):
    reversion.register(vocabulary)
