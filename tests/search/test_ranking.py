"""The same data and queries give the same results on SQLite and on PostgreSQL.

CI runs the suite on both databases; each run checks the expected lists below, so what
development shows on SQLite is what production shows on PostgreSQL. The corpus is built so
that the order follows from the ranking policy (exercises/search/ranking.py) alone: where
one entry must beat another, it matches more clauses or matches in the question rather
than the answer; where the engines' scores tie (the same words in texts of the same shape),
the newest entry comes first.
"""

import pytest

from exercises.models import BodyPart, Faq
from exercises.search import rebuild_index, search
from exercises.search.ranking import CANDIDATES
from tests.factories import make_exercise

# The keyword index and its order; tests/search/test_meaning.py has the meaning side.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keyword_only")]

# (exercise, body part, [(question, answer)]), created in this order: later is newer.
CORPUS = [
    (
        "Corner Opener",
        "Chest",
        [
            ("Why does my elbow creak?", "A creak without pain is harmless."),
            ("Anything else to watch?", "Mind the elbow and any creak."),
            ("Is a noise normal?", "A soft creak is normal."),
            ("Is a sound normal?", "A soft creak is fine."),
            ("Does it stretch the pectorals?", "Yes, mostly the lower fibres."),
            ("Which part does it work?", "The chest muscles and the front of the shoulder."),
        ],
    ),
    (
        "Wall Slide",
        "Back",
        [
            ("Why does my elbow tingle?", "A nerve is pressed: lower the arms a little."),
            ("Should my wrists touch the wall?", "Only if it is comfortable; keep the elbow soft."),
            ("Wobble, wobble, wobble: why do I wobble?", "Balance takes practice."),
            ("Tingling fingers: should I stop?", "Yes, if the tingling stays."),
        ],
    ),
]

# (query, body part, the questions expected first, best first, and how many are found)
EXPECTED = [
    pytest.param(
        "creak",
        None,
        [
            "Why does my elbow creak?",  # in the question
            "Is a sound normal?",  # these two tie: the newer one first
            "Is a noise normal?",
            "Anything else to watch?",  # older, and a longer text on SQLite
        ],
        4,
        id="question-above-answer-then-newest",
    ),
    pytest.param(
        "elbow creak wobble",  # no entry has all three: entries with some of them
        None,
        [
            "Why does my elbow creak?",  # two of the three words, in the question
            "Anything else to watch?",  # the same two, in the answer
            "Wobble, wobble, wobble: why do I wobble?",  # one word, however often
        ],
        7,
        id="partial-matches-by-clauses-matched",
    ),
    pytest.param(
        "tinglng",  # corrected to "tingling", which is stemmed
        None,
        ["Tingling fingers: should I stop?", "Why does my elbow tingle?"],
        2,
        id="typo-corrected-and-stemmed",
    ),
    pytest.param(
        "pecs",  # a starter synonym: pecs, pectorals, chest muscles
        None,
        ["Does it stretch the pectorals?", "Which part does it work?"],
        2,
        id="synonyms",
    ),
    pytest.param(
        "elbow",
        "back",
        ["Why does my elbow tingle?", "Should my wrists touch the wall?"],
        2,
        id="body-part-filter",
    ),
]


@pytest.fixture
def corpus(db):
    for name, body_part, faqs in CORPUS:
        exercise = make_exercise(name, children=0)
        exercise.body_part, _ = BodyPart.objects.get_or_create(name=body_part)
        exercise.save()
        for order, (question, answer) in enumerate(faqs):
            Faq.objects.create(exercise=exercise, order=order, question=question, answer=answer)


@pytest.mark.parametrize(("query", "part", "expected", "count"), EXPECTED)
def test_same_results_on_every_database(corpus, query, part, expected, count):
    body_part = BodyPart.objects.get(slug=part) if part else None
    results = search(query, body_part_id=body_part and body_part.pk)
    assert [hit.faq.question for hit in results[: len(expected)]] == expected
    assert results.count() == count


def test_above_a_thousand_matches_the_newest_thousand_are_ranked(db):
    exercise = make_exercise("Balance Drill", children=0)
    older, newer = 100, CANDIDATES
    # Older entries would rank first (the word in the question), but are not candidates.
    Faq.objects.bulk_create(
        Faq(exercise=exercise, order=i, anchor=f"a{i}", question=f"Sway check {i}?", answer="-")
        for i in range(older)
    )
    Faq.objects.bulk_create(
        Faq(exercise=exercise, order=i, anchor=f"a{i}", question=f"Drill {i}?", answer="Sway.")
        for i in range(older, older + newer)
    )
    rebuild_index()
    results = search("sway")
    assert results.capped and results.count() == CANDIDATES
    newest_first = [f"Drill {i}?" for i in reversed(range(older, older + newer))]
    assert [hit.faq.question for hit in results[:10]] == newest_first[:10]
    assert [hit.faq.question for hit in results[990:1000]] == newest_first[990:]
