"""The results page and the JSON endpoint, as readers and scripts see them."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import timezone

from exercises.models import Exercise, Faq
from tests.factories import make_exercise
from tests.search.helpers import PAGE, api, soup

pytestmark = pytest.mark.django_db


HOSTILE_QUERIES = [
    '"',
    'knee"s',
    "(knee",
    "knee AND",
    "AND(",
    "NEAR(knee hip)",
    "knee OR NOT hip",
    "*",
    "kne*",
    "-knee",
    "-",
    "foo:bar",
    "question:knee",
    "^knee",
    "100%",
    "%%",
    "back\\slash\\",
    "{{ request }}{% csrf_token %}",
    "<script>alert(1)</script>",
    "\x00",
    "knee\x00hip",
    "😀🧘‍♀️",
    "колено боль",
    "膝の痛み",
    "ركبة",
    "'; DROP TABLE exercises_faq; --",
    "knee " * 2000,
    "x" * 10_000,
    "   ",
]


@pytest.fixture
def knee_faq(db):
    exercise = make_exercise("Knee Hug", children=0)
    return Faq.objects.create(
        exercise=exercise, question="Why do my knees click?", answer="Usually *harmless* gas."
    )


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_input_gets_a_page_and_valid_json_not_an_error(client, knee_faq, query):
    response = client.get(PAGE, {"q": query, "page": "x", "part": query[:50]})
    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    assert page.select_one("[role=status]") is not None
    assert page.find("script", string=True) is None  # nothing the reader typed became code
    data = api(client, q=query, limit=query[:20], part=query[:50])
    assert set(data) == {"query", "count", "suggestion", "results"}
    assert data["count"] >= len(data["results"])


def test_syntax_around_words_still_finds_them(client, knee_faq):
    for query in ['knee"s', "(knee", "knee AND", "NEAR(knee", "-hip knee*", "^knee:", "knee\\"]:
        assert api(client, q=query)["results"][0]["question"] == knee_faq.question, query


def test_question_matches_rank_above_answer_matches(client, db):
    exercise = make_exercise("Plain Stretch", children=0)
    Faq.objects.create(exercise=exercise, question="Anything else?", answer="Mind the elbow.")
    Faq.objects.create(exercise=exercise, question="Does my elbow lock?", answer="No.")
    results = api(client, q="elbow")["results"]
    assert [r["question"] for r in results] == ["Does my elbow lock?", "Anything else?"]
    assert results[0]["score"] > results[1]["score"]


def test_results_are_paginated(client, db):
    exercise = make_exercise("Many Questions", children=0)
    for i in range(23):
        Faq.objects.create(exercise=exercise, order=i, question=f"Wobble question {i}?", answer="-")
    first = soup(client.get(PAGE, {"q": "wobble"}))
    assert len(first.select(".search-hit")) == 10
    assert "23 answers found" in first.select_one("[role=status]").get_text()
    next_link = first.select_one(".search-pagination a[rel=next]")["href"]
    assert "q=wobble" in next_link and "page=2" in next_link
    third = soup(client.get(PAGE, {"q": "wobble", "page": 3}))
    assert len(third.select(".search-hit")) == 3
    assert third.select_one("ol.search-hits")["start"] == "21"


def test_no_results_offer_the_first_question_of_the_five_newest_exercises(client, db):
    for n in range(6):
        exercise = make_exercise(f"Popular Stretch {n}", children=0)
        published = timezone.now() - timedelta(days=n)
        Exercise.objects.filter(pk=exercise.pk).update(published_at=published)
        Faq.objects.bulk_create(
            Faq(exercise=exercise, order=i, anchor=f"q{i}", question=f"Stretch {n}, {i}?")
            for i in range(20 if n < 3 else 1)  # the newest have many questions
        )
    page = soup(client.get(PAGE, {"q": "trampoline"}))
    offered = [item.a.get_text() for item in page.select(".search-popular li")]
    assert offered == [f"Stretch {n}, 0?" for n in range(5)]


def test_snippets_escape_the_answer_text_before_marking(client, db):
    exercise = make_exercise("Markup Stretch", children=0)
    Faq.objects.create(
        exercise=exercise,
        question="Why is the <b>knee</b> odd?",
        answer="Type `<img src=x onerror=alert(1)>` then bend the knee.",
    )
    response = client.get(PAGE, {"q": "knee"})
    html = response.content.decode()
    assert "<img src=x" not in html and "<b>knee</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    result = api(client, q="knee")["results"][0]
    assert "<mark>knee</mark>" in result["snippet"]
    assert "&lt;img" in result["snippet"] and "<img" not in result["snippet"]


@pytest.mark.parametrize(("limit", "expected"), [(None, 10), ("2", 2), ("500", 50), ("0", 1)])
def test_json_limit_defaults_to_ten_and_stops_at_fifty(client, db, limit, expected):
    exercise = make_exercise("Limit Stretch", children=0)
    Faq.objects.bulk_create(
        Faq(exercise=exercise, order=i, anchor=f"q{i}", question=f"Sway {i}?", answer="-")
        for i in range(60)
    )
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    params = {"q": "sway"} if limit is None else {"q": "sway", "limit": limit}
    data = api(client, **params)
    assert data["count"] == 60
    assert len(data["results"]) == expected


def test_search_box_for_the_site_header_points_at_the_search_page():
    form = BeautifulSoup(render_to_string("includes/search_form.html"), "html.parser").form
    assert form["action"] == PAGE and form["method"] == "get" and form["role"] == "search"
    field = form.select_one("input[name=q]")
    assert form.select_one(f"label[for={field['id']}]") is not None


def test_body_part_filter_finds_name_matches_beyond_the_first_few(client):
    from exercises.models import BodyPart
    from exercises.search.service import search
    from tests.factories import make_exercise

    for n in range(7):
        make_exercise(f"Twist Drill {n}", children=0)  # body part "Back"
    hips, _ = BodyPart.objects.get_or_create(name="Hips", slug="hips")
    hip_twist = make_exercise("Twist Drill Hips", children=0)
    hip_twist.body_part = hips
    hip_twist.save()
    assert [e.name for e in search("twist drill", body_part_id=hips.pk).exercises] == [
        "Twist Drill Hips"
    ]
