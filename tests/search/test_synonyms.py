"""Editors maintain synonyms in the admin; searches use them at once."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from exercises.models import Faq, Synonym
from exercises.search import search
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:exercises_synonym_add")


@pytest.fixture
def pecs_faq(db):
    exercise = make_exercise("Wall Chest Opener", children=0)
    return Faq.objects.create(
        exercise=exercise, question="Why are my pectorals so tight?", answer="Desk posture."
    )


def test_editor_adds_a_synonym_and_the_next_search_uses_it(client, editor, pecs_faq):
    Synonym.objects.all().delete()
    assert list(search("pecsies")[:5]) == []
    client.force_login(editor)
    data = form_data(client.get(ADD_URL))
    data["terms"] = "Pecsies ,  pectorals,,pectorals"
    response = client.post(ADD_URL, data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert Synonym.objects.get().terms == "pecsies, pectorals"
    assert [hit.faq for hit in search("pecsies")[:5]] == [pecs_faq]


def test_a_synonym_needs_two_terms(client, editor):
    client.force_login(editor)
    data = form_data(client.get(ADD_URL))
    data["terms"] = "lats"
    response = client.post(ADD_URL, data)
    assert response.status_code == HTTPStatus.OK
    assert "at least two" in " ".join(errors_on_page(response))


def test_multi_word_synonyms_work_both_ways(pecs_faq):
    Synonym.objects.create(terms="chest muscles, pectorals")
    Faq.objects.create(exercise=pecs_faq.exercise, question="Are chest muscles short?", answer="-")
    assert {h.faq.question for h in search("chest muscles")[:5]} == {
        "Why are my pectorals so tight?",
        "Are chest muscles short?",
    }
    assert len(search("pectorals")[:5]) == 2


def test_removing_a_synonym_stops_it_being_used(pecs_faq):
    synonym = Synonym.objects.create(terms="pecsies, pectorals")
    assert len(search("pecsies")[:5]) == 1
    synonym.delete()
    assert len(search("pecsies")[:5]) == 0


def test_starter_synonyms_come_with_the_site():
    assert "hammies, hamstrings" in Synonym.objects.values_list("terms", flat=True)
