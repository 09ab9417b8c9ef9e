"""Recall@3 and mean reciprocal rank of the relevance set, overall and per kind of query
(used by a test and the bench)."""

from dataclasses import dataclass

from exercises.search import search
from tests.search.corpus import RELEVANCE, RELEVANCE_BY_KIND


@dataclass
class Scores:
    recall_at_3: float
    mrr: float
    misses: list[tuple[str, int | None]]

    def __str__(self) -> str:
        return f"recall@3={self.recall_at_3:.3f} MRR={self.mrr:.3f}"


def rank_of(query: str, exercise_name: str, question_start: str, depth: int) -> int | None:
    ranked = search(query)[:depth]
    return next(
        (
            i
            for i, hit in enumerate(ranked, 1)
            if hit.exercise.name == exercise_name and hit.faq.question.startswith(question_start)
        ),
        None,
    )


def evaluate(cases=RELEVANCE, depth: int = 10) -> Scores:
    hits_at_3, reciprocal, misses = 0, 0.0, []
    for query, exercise_name, question_start in cases:
        rank = rank_of(query, exercise_name, question_start, depth)
        if rank is not None and rank <= 3:
            hits_at_3 += 1
        reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append((query, rank))
    return Scores(hits_at_3 / len(cases), reciprocal / len(cases), misses)


def evaluate_by_kind(depth: int = 10) -> dict[str, Scores]:
    return {kind: evaluate(cases, depth) for kind, cases in RELEVANCE_BY_KIND.items()}
