"""Every admin save is a revision of the exercise with all of its sections."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from reversion.models import Version

from exercises.models import Exercise
from tests.admin_forms import errors_on_page, form_data

pytestmark = pytest.mark.django_db


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def save_through_admin(client, exercise, **changes):
    data = form_data(client.get(change_url(exercise)))
    data.update(changes)
    response = client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)


def test_each_save_records_one_revision_with_children(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise, **{"faqs-0-question": "First wording?"})
    save_through_admin(client, exercise, **{"faqs-0-question": "Second wording?"})
    versions = Version.objects.get_for_object(exercise)
    assert versions.count() == 2
    latest = versions.first()
    assert latest.revision.user == editor
    child_models = {v.content_type.model for v in latest.revision.version_set.all()}
    assert {"exercise", "faq", "step", "tip", "setsreps", "recommendedequipment"} <= child_models


def test_history_page_lists_revisions_and_compares(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise, intro="Old intro.")
    save_through_admin(client, exercise, intro="New intro.")
    history = reverse("admin:exercises_exercise_history", args=[exercise.pk])
    page = client.get(history)
    assert page.status_code == HTTPStatus.OK
    assert "compare" in page.content.decode().lower()
    new, old = Version.objects.get_for_object(exercise)[:2]
    compare = reverse("admin:exercises_exercise_compare", args=[exercise.pk])
    diff = client.get(compare, {"version_id1": old.pk, "version_id2": new.pk})
    assert diff.status_code == HTTPStatus.OK
    text = diff.content.decode()
    # The changed words are marked in the text: "Old" struck through, "New" added.
    assert "<del>Old</del> <ins>New</ins> intro." in text


def test_revert_restores_the_children(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise, **{"faqs-0-question": "Kept question?"})
    good = Version.objects.get_for_object(exercise).first()
    save_through_admin(
        client,
        exercise,
        **{"faqs-0-question": "Vandalised?", "steps-0-DELETE": "on", "tips-0-text": "Wrong."},
    )
    assert exercise.steps.count() == 1

    revert_url = reverse("admin:exercises_exercise_revision", args=[exercise.pk, good.pk])
    data = form_data(client.get(revert_url))
    response = client.post(revert_url, data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)

    exercise.refresh_from_db()
    assert exercise.faqs.get().question == "Kept question?"
    assert exercise.steps.count() == 2
    assert "Wrong." not in [tip.text for tip in exercise.tips.all()]


def test_a_deleted_exercise_can_be_recovered_with_its_sections(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise)
    pk, faq_question = exercise.pk, exercise.faqs.get().question
    client.post(reverse("admin:exercises_exercise_delete", args=[pk]), {"post": "yes"})
    assert not Exercise.objects.filter(pk=pk).exists()

    recover_list = client.get(reverse("admin:exercises_exercise_recoverlist"))
    assert exercise.name in recover_list.content.decode()
    version = Version.objects.get_deleted(Exercise).get(object_id=str(pk))
    recover_url = reverse("admin:exercises_exercise_recover", args=[version.pk])
    response = client.post(recover_url, form_data(client.get(recover_url)))
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    restored = Exercise.objects.get(pk=pk)
    assert restored.faqs.get().question == faq_question


def test_publish_action_records_a_revision(client, editor, draft):
    client.force_login(editor)
    client.post(
        reverse("admin:exercises_exercise_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    version = Version.objects.get_for_object(draft).first()
    assert version is not None
    assert version.field_dict["status"] == "published"
    assert version.revision.user == editor


# -- No lost edits -----------------------------------------------------------------------


def test_second_of_two_concurrent_saves_is_refused_and_keeps_its_input(
    client, editor, second_editor, exercise
):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(second_editor)
    first_form = form_data(first.get(change_url(exercise)))
    second_form = form_data(second.get(change_url(exercise)))

    first_form["intro"] = "Edna's intro."
    first_form["faqs-0-answer"] = "Edna's answer."
    assert first.post(change_url(exercise), first_form).status_code == HTTPStatus.FOUND

    second_form["intro"] = "Otto's intro."
    refused = second.post(change_url(exercise), second_form)
    assert refused.status_code == HTTPStatus.OK
    page = refused.content.decode()
    assert "Your changes have NOT been saved" in page
    assert "Edna" in page  # who saved in between
    assert "Otto&#x27;s intro." in page or "Otto's intro." in page  # input kept in the form

    exercise.refresh_from_db()
    assert exercise.intro == "Edna's intro."
    assert exercise.faqs.get().answer == "Edna's answer."


def test_saving_again_after_the_warning_is_a_deliberate_overwrite(
    client, editor, second_editor, exercise
):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(second_editor)
    first_form = form_data(first.get(change_url(exercise)))
    second_form = form_data(second.get(change_url(exercise)))
    first_form["intro"] = "Edna's intro."
    first.post(change_url(exercise), first_form)
    second_form["intro"] = "Otto's intro."
    refused = second.post(change_url(exercise), second_form)

    again = second.post(change_url(exercise), form_data(refused))
    assert again.status_code == HTTPStatus.FOUND, errors_on_page(again)
    exercise.refresh_from_db()
    assert exercise.intro == "Otto's intro."


def test_one_editor_saving_twice_in_a_row_is_not_a_conflict(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise, intro="One.")
    save_through_admin(client, exercise, intro="Two.")
    exercise.refresh_from_db()
    assert exercise.intro == "Two."


def test_publishing_several_exercises_records_one_revision_each(client, editor):
    from tests.factories import make_exercise

    first = make_exercise("First Draft Stretch", status="draft")
    second = make_exercise("Second Draft Stretch", status="draft")
    client.force_login(editor)
    client.post(
        reverse("admin:exercises_exercise_changelist"),
        {"action": "publish", "_selected_action": [first.pk, second.pk]},
    )
    first_revision = Version.objects.get_for_object(first).first().revision
    second_revision = Version.objects.get_for_object(second).first().revision
    assert first_revision != second_revision  # reverting one must not roll back the other


def compare_page(client, exercise) -> str:
    new, old = Version.objects.get_for_object(exercise)[:2]
    compare = reverse("admin:exercises_exercise_compare", args=[exercise.pk])
    response = client.get(compare, {"version_id1": old.pk, "version_id2": new.pk})
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_comparing_versions_shows_the_changed_text_of_every_list_in_order(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise)
    long_text = "Kneel down slowly, " + "keeping the back long and the neck easy, " * 8
    save_through_admin(
        client,
        exercise,
        **{
            "steps-0-text": long_text,
            "tips-1-DELETE": "on",
            "faqs-0-answer": "A new answer.",
            "sets_reps-0-reps": "12",
        },
    )
    page = compare_page(client, exercise)
    soup = BeautifulSoup(page, "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("#content-main h3")]
    assert headings == ["Sets & reps by goal", "Steps", "Tips", "FAQ"]
    # The whole new text of the step, not a shortened label.
    assert long_text.strip() in soup.get_text()
    steps = soup.select("ol.diff-rows")[1].select("li")
    assert [li["class"][0] for li in steps] == ["changed", "same"]
    assert "Phase: Setup" in steps[0].get_text()
    assert "Don't 0." in soup.select("ol.diff-rows")[2].select_one("li.removed").get_text()
    faq = soup.select("ol.diff-rows")[3].select_one("li.changed")
    assert " ".join(d.get_text() for d in faq.select("del")) == "Answer *0*."
    assert " ".join(i.get_text() for i in faq.select("ins")) == "A new answer."
    # No bookkeeping: version numbers, update times, row numbers.
    assert not {"Version", "Updated at", "Order", "Exercise"} & set(headings)
    assert "Order:" not in soup.get_text()


def test_comparing_versions_wraps_long_text(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise)
    save_through_admin(client, exercise, intro="word " * 400)
    page = compare_page(client, exercise)
    assert 'class="diff-text"' in page
    css = (settings.BASE_DIR / "static/admin-extra/editor.css").read_text()
    assert ".diff-text { white-space: pre-wrap; overflow-wrap: anywhere;" in css


def test_the_comparisons_breadcrumb_reads_as_a_path(client, editor, exercise):
    client.force_login(editor)
    save_through_admin(client, exercise)
    save_through_admin(client, exercise, intro="Changed.")
    soup = BeautifulSoup(compare_page(client, exercise), "html.parser")
    crumbs = " ".join(soup.select_one(".breadcrumbs").get_text(" ", strip=True).split())
    assert crumbs == (
        "Home › Exercise guides › Exercises › Kneeling Back Stretch › History "
        "› Two versions compared"
    )
