"""Editors never lose work: two editors (or two tabs) saving the same exercise, reverts and
recoveries, and what a save does to the exercises an exercise links to.

Every test drives the admin's own forms, as a browser would submit them, with one client
per editor.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse
from reversion.models import Version

from exercises.models import Exercise
from tests.admin_forms import (
    add_row,
    change_url,
    errors_on_page,
    form_data,
    logged_in,
    open_form,
    save,
)
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_faqs(db):
    return make_exercise("Thread the Needle", children=2)


@pytest.fixture
def edna(editor):
    return logged_in(editor)


@pytest.fixture
def otto(second_editor):
    return logged_in(second_editor)


# -- 1. A conflicted form can always be saved, and keeps what the editor typed ----------


def test_after_a_conflict_over_a_deleted_row_saving_again_works_and_keeps_the_typing(
    edna, otto, two_faqs
):
    ednas, ottos = open_form(edna, two_faqs), open_form(otto, two_faqs)
    ednas["faqs-0-DELETE"] = "on"  # Edna deletes the first question
    save(edna, two_faqs, ednas)

    ottos["intro"] = "Otto's intro."
    ottos["faqs-1-answer"] = "Otto's answer."
    refused = otto.post(change_url(two_faqs), ottos)
    assert refused.status_code == HTTPStatus.OK
    assert "Your changes have NOT been saved" in refused.content.decode()
    redrawn = form_data(refused)
    assert redrawn["intro"] == "Otto's intro."
    assert "Otto's answer." in redrawn.values()

    again = otto.post(change_url(two_faqs), redrawn)
    assert again.status_code == HTTPStatus.FOUND, errors_on_page(again)
    two_faqs.refresh_from_db()
    assert two_faqs.intro == "Otto's intro."
    # Otto's version is the whole exercise: the question Edna deleted is back.
    assert [(f.question, f.answer) for f in two_faqs.faqs.all()] == [
        ("Question 0?", "Answer *0*."),
        ("Question 1?", "Otto's answer."),
    ]


def test_after_a_conflict_over_a_deleted_step_saving_again_works(edna, otto, two_faqs):
    ednas, ottos = open_form(edna, two_faqs), open_form(otto, two_faqs)
    ednas["steps-1-DELETE"] = "on"
    save(edna, two_faqs, ednas)

    ottos["steps-0-text"] = "Kneel on the mat, hands under shoulders."
    refused = otto.post(change_url(two_faqs), ottos)
    assert "Your changes have NOT been saved" in refused.content.decode()
    save(otto, two_faqs, form_data(refused))
    texts = [step.text for step in two_faqs.steps.all()]
    assert texts[0] == "Kneel on the mat, hands under shoulders."
    assert len(texts) == 4  # the step Edna deleted is back


def test_the_redrawn_form_says_which_rows_saving_again_removes_and_restores(edna, otto, two_faqs):
    ednas, ottos = open_form(edna, two_faqs), open_form(otto, two_faqs)
    ednas["faqs-0-DELETE"] = "on"
    add_row(ednas, "faqs", question="Edna's new question?", answer="Edna's new answer.")
    save(edna, two_faqs, ednas)

    ottos["intro"] = "Otto's intro."
    refused = otto.post(change_url(two_faqs), ottos)
    redrawn = form_data(refused)
    # Edna's new question is drawn, ticked for deletion; the one she deleted is drawn as
    # a new row with Otto's copy of it.
    edna_row = next(k for k, v in redrawn.items() if v == "Edna's new question?")
    assert redrawn[edna_row.replace("question", "DELETE")] == "on"
    restored = next(k for k, v in redrawn.items() if v == "Question 0?")
    assert redrawn[restored.replace("question", "id")] == ""
    page = refused.content.decode()
    assert "1 row they added is ticked for deletion" in page
    assert "1 row they deleted will be added again" in page


def test_saving_again_replaces_the_other_version_whole_rows_they_added_included(
    edna, otto, two_faqs
):
    ednas, ottos = open_form(edna, two_faqs), open_form(otto, two_faqs)
    add_row(ednas, "faqs", question="Edna's new question?", answer="Edna's new answer.")
    ednas["tips-0-text"] = "Edna's tip."
    save(edna, two_faqs, ednas)

    ottos["intro"] = "Otto's intro."
    refused = otto.post(change_url(two_faqs), ottos)
    save(otto, two_faqs, form_data(refused))
    two_faqs.refresh_from_db()
    assert two_faqs.intro == "Otto's intro."
    assert [f.question for f in two_faqs.faqs.all()] == ["Question 0?", "Question 1?"]
    assert "Edna's tip." not in [tip.text for tip in two_faqs.tips.all()]


def test_an_editor_can_keep_a_row_the_other_added_by_unticking_it(edna, otto, two_faqs):
    ednas, ottos = open_form(edna, two_faqs), open_form(otto, two_faqs)
    add_row(ednas, "faqs", question="Edna's new question?", answer="Edna's new answer.")
    save(edna, two_faqs, ednas)

    refused = otto.post(change_url(two_faqs), ottos)
    redrawn = form_data(refused)
    ticked = next(k for k, v in redrawn.items() if k.endswith("DELETE") and v == "on")
    del redrawn[ticked]
    save(otto, two_faqs, redrawn)
    assert "Edna's new question?" in [f.question for f in two_faqs.faqs.all()]


def test_the_conflict_names_the_other_editor(edna, otto, exercise):
    ednas, ottos = open_form(edna, exercise), open_form(otto, exercise)
    save(edna, exercise, ednas)
    page = otto.post(change_url(exercise), ottos).content.decode()
    assert "Edna saved this exercise" in page


def test_a_conflict_with_ones_own_other_tab_says_so(editor, exercise):
    first_tab, second_tab = logged_in(editor), logged_in(editor)
    firsts, seconds = open_form(first_tab, exercise), open_form(second_tab, exercise)
    save(first_tab, exercise, firsts)
    seconds["intro"] = "From the second tab."
    page = second_tab.post(change_url(exercise), seconds).content.decode()
    assert "You saved this exercise in another tab" in page
    assert "Edna saved" not in page


# -- 2. A revert or a recovery is a save like any other ----------------------------------


def revert(client, exercise, version):
    url = reverse("admin:exercises_exercise_revision", args=[exercise.pk, version.pk])
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    return response


def test_a_tab_opened_before_a_revert_cannot_silently_save_over_it(edna, otto, exercise):
    first = open_form(edna, exercise)
    first["intro"] = "The good intro."
    save(edna, exercise, first)
    good = Version.objects.get_for_object(exercise).first()
    second = open_form(edna, exercise)
    second["intro"] = "A bad intro."
    save(edna, exercise, second)

    ottos = open_form(otto, exercise)  # opened before the revert
    revert(edna, exercise, good)
    exercise.refresh_from_db()
    assert exercise.intro == "The good intro."

    ottos["difficulty_note"] = "Otto's note."
    refused = otto.post(change_url(exercise), ottos)
    assert refused.status_code == HTTPStatus.OK
    assert "Your changes have NOT been saved" in refused.content.decode()
    exercise.refresh_from_db()
    assert exercise.intro == "The good intro."


def test_a_revert_refuses_to_replace_a_save_made_after_the_revert_page_was_opened(
    edna, otto, exercise
):
    save(edna, exercise, open_form(edna, exercise))
    old = Version.objects.get_for_object(exercise).first()
    url = reverse("admin:exercises_exercise_revision", args=[exercise.pk, old.pk])
    revert_form = form_data(edna.get(url))
    ottos = open_form(otto, exercise)
    ottos["intro"] = "Otto's newer intro."
    save(otto, exercise, ottos)

    refused = edna.post(url, revert_form)
    assert refused.status_code == HTTPStatus.OK
    assert "Otto saved this exercise" in refused.content.decode()
    exercise.refresh_from_db()
    assert exercise.intro == "Otto's newer intro."


def test_a_tab_opened_before_a_recovery_cannot_silently_save_over_it(edna, otto, exercise):
    save(edna, exercise, open_form(edna, exercise))
    ottos = open_form(otto, exercise)
    edna.post(reverse("admin:exercises_exercise_delete", args=[exercise.pk]), {"post": "yes"})
    version = Version.objects.get_deleted(Exercise).get(object_id=str(exercise.pk))
    url = reverse("admin:exercises_exercise_recover", args=[version.pk])
    response = edna.post(url, form_data(edna.get(url)))
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)

    refused = otto.post(change_url(exercise), ottos)
    assert "Your changes have NOT been saved" in refused.content.decode()


# -- 3. What a save or a revert does to the exercises it links to ------------------------


def link(client, exercise, field: str, other) -> None:
    """Save the exercise through its form with `other` as its only `field` link."""
    save(client, exercise, {**open_form(client, exercise), field: [str(other.pk)]})


@pytest.fixture
def neighbours(db):
    return make_exercise("Puppy Pose"), make_exercise("Sphinx Pose")


def test_a_revert_that_changes_other_exercises_records_a_revision_for_each_and_says_so(
    edna, exercise, neighbours
):
    puppy, sphinx = neighbours
    link(edna, exercise, "related", puppy)
    with_puppy = Version.objects.get_for_object(exercise).first()
    link(edna, exercise, "related", sphinx)
    assert list(puppy.related.all()) == []

    response = revert(edna, exercise, with_puppy)

    assert list(puppy.related.all()) == [exercise]
    assert list(sphinx.related.all()) == []
    for other in (puppy, sphinx):
        latest = Version.objects.get_for_object(other).first()
        assert latest is not None, f"{other} changed without a revision"
        assert latest.revision.user.username == "edna"
        assert latest.field_dict["related"] == ([exercise.pk] if other == puppy else [])
    page = edna.get(response["Location"]).content.decode()
    assert "Puppy Pose" in page and "Sphinx Pose" in page
    assert "links go both ways" in page.lower()


def test_linking_exercises_in_a_save_records_a_revision_for_the_other_exercise(
    edna, exercise, neighbours
):
    puppy, _sphinx = neighbours
    link(edna, exercise, "variations", puppy)
    latest = Version.objects.get_for_object(puppy).first()
    assert latest.field_dict["variations"] == [exercise.pk]
    # Reverting the other exercise's own history never rolls this one back.
    assert not latest.revision.version_set.filter(object_id=str(exercise.pk)).exists()


# -- 4. New FAQ entries get their anchors on the server ----------------------------------


def test_two_new_faq_entries_in_one_save_both_get_anchors(edna, exercise):
    data = open_form(edna, exercise)
    add_row(data, "faqs", question="Can I do it every day?", answer="Yes.")
    add_row(data, "faqs", question="Does it help posture?", answer="It can.")
    save(edna, exercise, data)
    assert [f.anchor for f in exercise.faqs.all()] == [
        "question-0",
        "can-i-do-it-every-day",
        "does-it-help-posture",
    ]


def test_a_new_question_worded_like_another_gets_an_anchor_of_its_own(edna, exercise):
    data = open_form(edna, exercise)
    add_row(data, "faqs", question="Question 0?", answer="Asked again.")
    add_row(data, "faqs", question="Question 0?", answer="And again.")
    save(edna, exercise, data)
    assert [f.anchor for f in exercise.faqs.all()] == ["question-0", "question-0-2", "question-0-3"]


def test_a_typed_anchor_that_is_taken_is_still_a_clear_error(edna, exercise):
    data = open_form(edna, exercise)
    add_row(data, "faqs", question="Another question?", answer="Yes.", anchor="question-0")
    response = edna.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.OK
    assert any("anchor" in error.lower() for error in errors_on_page(response))
