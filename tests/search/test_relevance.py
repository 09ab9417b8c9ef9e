import pytest

from tests.search.corpus import RELEVANCE, RELEVANCE_BY_KIND
from tests.search.relevance import evaluate, evaluate_by_kind

pytestmark = pytest.mark.django_db

# What the search reaches (recall@3, MRR) on the lower of SQLite and PostgreSQL, whose
# keyword scores differ a little, so that a change that loses ground fails. Issue 15's
# targets are 0.95 overall and 0.90 for paraphrases: not reached with the wordllama model
# (the misses are listed by the failure message and in bench/search.py's report).
RECALL_AT_3_FLOOR, MRR_FLOOR = 0.86, 0.80
FLOORS_BY_KIND = {
    "keywords": (1.0, 1.0),
    "word forms": (1.0, 0.93),
    "typos": (1.0, 0.95),
    "synonyms": (1.0, 1.0),
    "questions": (1.0, 0.87),
    "paraphrases": (0.72, 0.64),
}


def test_relevance_set_is_big_and_varied():
    assert len(RELEVANCE) >= 80
    assert len(RELEVANCE_BY_KIND["paraphrases"]) >= 30
    assert set(FLOORS_BY_KIND) == set(RELEVANCE_BY_KIND)


def test_expected_answers_rank_near_the_top(corpus):
    scores = evaluate()
    report = f"{scores} misses={scores.misses}"
    assert scores.recall_at_3 >= RECALL_AT_3_FLOOR, report
    assert scores.mrr >= MRR_FLOOR, report


def test_each_kind_of_question_keeps_its_level(corpus):
    by_kind = evaluate_by_kind()
    for kind, (recall_floor, mrr_floor) in FLOORS_BY_KIND.items():
        scores = by_kind[kind]
        report = f"{kind}: {scores} misses={scores.misses}"
        assert scores.recall_at_3 >= recall_floor, report
        assert scores.mrr >= mrr_floor, report
