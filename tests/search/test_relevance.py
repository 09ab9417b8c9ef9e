import pytest

from tests.search.corpus import RELEVANCE
from tests.search.relevance import evaluate

pytestmark = pytest.mark.django_db

RECALL_AT_3_FLOOR = 0.9
MRR_FLOOR = 0.85


def test_relevance_set_is_big_and_varied():
    assert len(RELEVANCE) >= 40


def test_expected_answers_rank_near_the_top(corpus):
    scores = evaluate()
    report = f"recall@3={scores.recall_at_3:.3f} MRR={scores.mrr:.3f} misses={scores.misses}"
    assert scores.recall_at_3 >= RECALL_AT_3_FLOOR, report
    assert scores.mrr >= MRR_FLOOR, report
