from .content import Alternative, Faq, RecommendedEquipment, SetsReps, Step, Tip
from .exercise import Difficulty, Exercise, ExerciseQuerySet, Status, published_q
from .insights import SearchRecord
from .media import ExerciseImage, Licence
from .search import Promotion, Synonym
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
    "Promotion",
    "RecommendedEquipment",
    "SearchRecord",
    "SetsReps",
    "Status",
    "Step",
    "Synonym",
    "Tip",
    "published_q",
]
