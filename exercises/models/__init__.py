from .content import Faq, RecommendedEquipment, SetsReps, Step, Tip
from .exercise import Difficulty, Exercise, ExerciseQuerySet, Status, published_q
from .search import Synonym
from .taxonomy import BodyPart, Equipment, Muscle

__all__ = [
    "BodyPart",
    "Difficulty",
    "Equipment",
    "Exercise",
    "ExerciseQuerySet",
    "Faq",
    "Muscle",
    "RecommendedEquipment",
    "SetsReps",
    "Status",
    "Step",
    "Synonym",
    "Tip",
    "published_q",
]
