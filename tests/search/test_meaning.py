"""Questions asked in other words find their answer; the vectors behind that follow every
save, delete, publish and unpublish, and search keeps working without the model."""

import logging
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse

from exercises.models import Faq
from exercises.models.search import FaqMeaning
from exercises.search import meaning, search
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise
from tests.search.helpers import PAGE, api, soup

pytestmark = pytest.mark.django_db

EXPECTING = "can I do this when expecting a baby"


@pytest.fixture
def pose(db):
    exercise = make_exercise("Child's Pose", slug="childs-pose", children=0)
    Faq.objects.create(
        exercise=exercise,
        order=0,
        question="Can I do child's pose while pregnant?",
        answer="Usually yes, with the knees spread wide so the bump has room between them.",
    )
    Faq.objects.create(
        exercise=exercise,
        order=1,
        question="My ankles ache. What helps?",
        answer="Roll a towel under the front of the ankles.",
    )
    return exercise


def questions(text, **kwargs):
    return [hit.faq.question for hit in search(text, **kwargs)[:10]]


def test_a_question_in_other_words_finds_its_answer(client, pose):
    page = soup(client.get(PAGE, {"q": EXPECTING}))
    hits = page.select(".search-hit")
    assert hits[0].select_one(".search-hit__question").get_text() == (
        "Can I do child's pose while pregnant?"
    )
    # No word of the question is in the entry: nothing is marked.
    assert not hits[0].select("mark")
    assert "the bump has room" in hits[0].select_one(".search-hit__snippet").get_text()


def test_keyword_matches_keep_their_highlights(client, pose):
    page = soup(client.get(PAGE, {"q": "pregnant"}))
    assert page.select_one(".search-hit mark").get_text() == "pregnant"


def test_the_api_finds_it_too(client, pose):
    data = api(client, q=EXPECTING)
    assert data["results"][0]["question"] == "Can I do child's pose while pregnant?"
    assert "<mark>" not in data["results"][0]["snippet"]


def test_nonsense_still_finds_nothing(pose):
    assert search("zqxv blorptangle").count() == 0


def test_drafts_are_never_found_by_meaning(pose):
    draft = make_exercise("Secret Draft Stretch", status="draft", children=0)
    Faq.objects.create(exercise=draft, question="Is it fine in pregnancy?", answer="Yes.")
    assert "Is it fine in pregnancy?" not in questions(EXPECTING)
    assert not FaqMeaning.objects.filter(faq_id__in=draft.faqs.values("pk")).exists()


def test_the_body_part_filter_applies_to_meaning_too(pose):
    legs = make_exercise("Wall Calf Stretch", children=0)
    legs.body_part = legs.body_part.__class__.objects.create(name="Legs", slug="legs")
    legs.save()
    assert questions(EXPECTING, body_part_id=legs.body_part_id) == []


def test_vectors_follow_an_editors_rewording_unpublishing_and_deleting(client, editor, pose):
    client.force_login(editor)
    change = reverse("admin:exercises_exercise_change", args=[pose.pk])
    data = form_data(client.get(change))
    data["faqs-0-question"] = "Is it good after a long run?"
    data["faqs-0-answer"] = "Yes, it relaxes the hips and the lower back after running."
    response = client.post(change, data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert "Is it good after a long run?" in questions("jogging recovery")
    assert "Is it good after a long run?" not in questions(EXPECTING)

    changelist = reverse("admin:exercises_exercise_changelist")
    client.post(changelist, {"action": "unpublish", "_selected_action": [pose.pk]})
    assert FaqMeaning.objects.count() == 0
    assert questions("jogging recovery") == []

    client.post(changelist, {"action": "publish", "_selected_action": [pose.pk]})
    assert FaqMeaning.objects.count() == 2
    assert "Is it good after a long run?" in questions("jogging recovery")

    pose.faqs.get(order=0).delete()
    assert FaqMeaning.objects.count() == 1


def test_rebuild_writes_one_vector_per_published_entry(pose):
    FaqMeaning.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert FaqMeaning.objects.count() == 2
    stored = FaqMeaning.objects.first()
    assert len(stored.vector) == meaning.DIMENSIONS  # one byte (int8) a dimension


def test_migrating_fills_vectors_missing_from_an_older_index(pose):
    # As after upgrading to the migration that adds the table: the keyword index is full.
    FaqMeaning.objects.all().delete()
    from exercises.search.index import rebuild_if_out_of_step

    assert rebuild_if_out_of_step()
    assert FaqMeaning.objects.count() == 2


def test_without_the_model_search_uses_keywords_and_says_so_once(pose, monkeypatch, caplog):
    from wordllama import WordLlama

    def broken(*args, **kwargs):
        raise OSError("weights missing")

    monkeypatch.setattr(meaning, "_model", None)
    monkeypatch.setattr(meaning, "_model_failed", False)
    monkeypatch.setattr(WordLlama, "load", broken)
    with caplog.at_level(logging.ERROR, logger="exercises.search.meaning"):
        assert questions("pregnant") == ["Can I do child's pose while pregnant?"]
        assert questions(EXPECTING) == []
    assert len([r for r in caplog.records if "could not load" in r.getMessage()]) == 1


def test_switched_off_it_is_keywords_only(pose, settings):
    settings.SEARCH_MEANING = False
    assert questions(EXPECTING) == []
