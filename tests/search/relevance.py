"""Recall@3 and mean reciprocal rank of the relevance set (used by a test and the bench)."""

from dataclasses import dataclass

from exercises.search import search
from tests.search.corpus import RELEVANCE


@dataclass
class Scores:
    recall_at_3: float
    mrr: float
    misses: list[tuple[str, int | None]]


def evaluate(depth: int = 10) -> Scores:
    hits_at_3, reciprocal, misses = 0, 0.0, []
    for query, exercise_name, question_start in RELEVANCE:
        ranked = search(query)[:depth]
        rank = next(
            (
                i
                for i, hit in enumerate(ranked, 1)
                if hit.exercise.name == exercise_name
                and hit.faq.question.startswith(question_start)
            ),
            None,
        )
        if rank is not None and rank <= 3:
            hits_at_3 += 1
        reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append((query, rank))
    return Scores(hits_at_3 / len(RELEVANCE), reciprocal / len(RELEVANCE), misses)
