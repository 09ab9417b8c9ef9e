from .content import Alternative, Faq, RecommendedEquipment, SetsReps, Step, Tip
from .exercise import Difficulty, Exercise, ExerciseQuerySet, Status, published_q
from .media import ExerciseImage, Licence
from .search import Synonym
from .taxonomy import BodyPart, Equipment, Muscle

__all__ = [
    "Alternative",
    "BodyPart",
    "Difficulty",
    "Equipment",
    "Exercise",
    "ExerciseImage",
    "ExerciseQuerySet",
    "Faq",
    "Licence",
    "Muscle",
    "RecommendedEquipment",
    "SetsReps",
    "Status",
    "Step",
    "Synonym",
    "Tip",
    "published_q",
]
