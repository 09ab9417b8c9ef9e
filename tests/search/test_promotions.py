"""Editors recommend answers for a search: they come first, marked, while readers can see
them."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from exercises.models import Faq, Promotion
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise
from tests.search.helpers import PAGE, api, soup

pytestmark = pytest.mark.django_db

ADD = reverse("admin:exercises_promotion_add")


@pytest.fixture
def answers(db):
    knees = make_exercise("Kneeling Hip Flexor Stretch", children=0)
    padding = Faq.objects.create(
        exercise=knees, order=0, question="What if kneeling hurts my knees?", answer="Pad them."
    )
    wall = make_exercise("Wall Sit", children=0)
    other = Faq.objects.create(
        exercise=wall, order=0, question="Is it hard on the knees?", answer="Knees over ankles."
    )
    return padding, other


def test_an_editor_recommends_an_answer_and_it_comes_first_marked(client, editor, answers):
    padding, other = answers
    client.force_login(editor)
    form = client.get(ADD, {"query": "Sore knees?"})
    data = form_data(form)
    assert data["query"] == "Sore knees?"  # prefilled from the insights page's link
    data["faq"] = str(other.pk)
    response = client.post(ADD, data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert Promotion.objects.get().query == "sore knees"

    client.logout()
    page = soup(client.get(PAGE, {"q": "sore KNEES"}))
    first = page.select_one(".search-hit")
    assert first.select_one(".search-hit__recommended").get_text() == "Recommended"
    assert first.select_one(".search-hit__question a").get_text() == "Is it hard on the knees?"
    assert len(page.select(".search-hit__recommended")) == 1
    results = api(client, q="sore knees")["results"]
    assert [r["recommended"] for r in results[:1]] == [True]
    assert [r["question"] for r in results].count("Is it hard on the knees?") == 1


def test_other_searches_are_not_affected(answers):
    _, other = answers
    Promotion.objects.create(query="sore knees", faq=other)
    page_hits = api_questions("knees")
    assert "Is it hard on the knees?" in page_hits


def api_questions(text):
    from exercises.search import search

    return [hit.faq.question for hit in search(text)[:10] if not hit.recommended]


def test_a_recommended_answer_of_an_unpublished_guide_never_shows(client, answers):
    _, other = answers
    Promotion.objects.create(query="sore knees", faq=other)
    other.exercise.status = "draft"
    other.exercise.save()
    page = soup(client.get(PAGE, {"q": "sore knees"}))
    assert not page.select(".search-hit__recommended")
    assert "Is it hard on the knees?" not in page.get_text()
    other.exercise.status = "published"
    other.exercise.save()
    page = soup(client.get(PAGE, {"q": "sore knees"}))
    assert page.select_one(".search-hit__recommended") is not None


def test_the_answer_chooser_offers_only_answers_readers_can_see(client, editor, answers):
    draft = make_exercise("Secret Draft Stretch", status="draft", children=0)
    Faq.objects.create(exercise=draft, question="Secret knees question?", answer="-")
    client.force_login(editor)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "knees", "app_label": "exercises", "model_name": "promotion", "field_name": "faq"},
    )
    assert response.status_code == HTTPStatus.OK
    offered = {r["text"] for r in json.loads(response.content)["results"]}
    assert offered == {"What if kneeling hurts my knees?", "Is it hard on the knees?"}


def test_readers_cannot_reach_the_promotions_admin(client, reader):
    client.force_login(reader)
    assert client.get(ADD).status_code == HTTPStatus.FOUND  # to the admin's login page


def test_the_same_answer_recommended_again_in_other_words_is_refused_with_a_message(
    client, editor, answers
):
    _, other = answers
    Promotion.objects.create(query="knee pain", faq=other)
    client.force_login(editor)
    data = form_data(client.get(ADD))
    data.update(query="Knee pain?", faq=str(other.pk))
    response = client.post(ADD, data)
    assert response.status_code == HTTPStatus.OK
    assert any("already exists" in error for error in errors_on_page(response))
    assert Promotion.objects.count() == 1
