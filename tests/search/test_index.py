"""The index follows every save, delete, publish and unpublish at once."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import Exercise, Faq
from exercises.search import search
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise

# The keyword index and its order; tests/search/test_meaning.py has the meaning side.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keyword_only")]

CHANGELIST = reverse("admin:exercises_exercise_changelist")


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def questions(text):
    return [hit.faq.question for hit in search(text)[:50]]


def index_snapshot():
    """Everything the index holds, to compare an incremental index with a rebuilt one."""
    with connection.cursor() as cursor:
        key = "faq_id" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(
            f"SELECT {key}, exercise_id, question, answer, exercise_name "
            f"FROM exercises_search_faq ORDER BY {key}"
        )
        faqs = cursor.fetchall()
        cursor.execute("SELECT term, docs FROM exercises_search_term ORDER BY term")
        terms = cursor.fetchall()
    return faqs, terms


@pytest.fixture
def twist(db):
    exercise = make_exercise("Seated Twist", children=0)
    Faq.objects.create(
        exercise=exercise, question="Can I twist after spinal surgery?", answer="Ask your surgeon."
    )
    return exercise


def test_published_entries_are_found_and_drafts_are_not(twist):
    draft = make_exercise("Secret Draft Stretch", status="draft", children=0)
    Faq.objects.create(exercise=draft, question="Is the secret surgery stretch ready?", answer="-")
    assert questions("surgery") == ["Can I twist after spinal surgery?"]


def test_editor_rewording_a_question_in_the_admin_updates_the_index(client, editor, twist):
    client.force_login(editor)
    data = form_data(client.get(change_url(twist)))
    data["faqs-0-question"] = "Can I twist after a hip replacement?"
    response = client.post(change_url(twist), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert questions("surgery") == []
    assert questions("hip replacement") == ["Can I twist after a hip replacement?"]


def test_editor_deleting_an_entry_in_the_admin_removes_it(client, editor, twist):
    client.force_login(editor)
    data = form_data(client.get(change_url(twist)))
    data["faqs-0-DELETE"] = "on"
    response = client.post(change_url(twist), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert questions("surgery") == []


def test_unpublish_and_publish_actions_remove_and_restore_entries(client, editor, twist):
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [twist.pk]})
    assert questions("surgery") == []
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [twist.pk]})
    assert questions("surgery") == ["Can I twist after spinal surgery?"]


def test_switching_status_in_the_change_form_follows_too(client, editor, twist):
    client.force_login(editor)
    data = form_data(client.get(change_url(twist)))
    data["status"] = "draft"
    assert client.post(change_url(twist), data).status_code == HTTPStatus.FOUND
    assert questions("surgery") == []


def test_deleting_the_exercise_in_the_admin_removes_its_entries(client, superuser, twist):
    client.force_login(superuser)
    delete_url = reverse("admin:exercises_exercise_delete", args=[twist.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert questions("surgery") == []
    assert search("seated twist").exercises == []


def test_renaming_the_exercise_updates_name_matches(twist):
    assert search("seated twist").exercises == [twist]
    twist.name = "Chair Rotation"
    twist.save()
    assert search("seated twist").exercises == []
    assert search("chair rotation").exercises == [twist]


def test_incremental_index_equals_a_rebuilt_one(twist):
    other = make_exercise("Hip Circles", children=2)
    faq = twist.faqs.get()
    faq.answer = "Ask your **surgeon** first; twisting loads the discs."
    faq.save()
    Faq.objects.create(exercise=other, question="Do hip circles help surgery recovery?", answer="-")
    other.faqs.filter(order=0).delete()
    other.status = "draft"
    other.save()
    other.status = "published"
    other.save()
    incremental = index_snapshot()
    call_command("rebuild_search_index", verbosity=0)
    assert index_snapshot() == incremental


def test_saving_an_unchanged_exercise_rewrites_none_of_its_entries(twist):
    make_exercise("Hip Circles", children=3)
    with CaptureQueriesContext(connection) as queries:
        twist.save()
    writes = [
        q["sql"]
        for q in queries
        if "exercises_search_faq" in q["sql"] and not q["sql"].lstrip().startswith("SELECT")
    ]
    assert writes == []
    assert questions("surgery") == ["Can I twist after spinal surgery?"]


def test_rebuild_command_indexes_rows_written_without_signals(twist, capsys):
    Faq.objects.bulk_create([Faq(exercise=twist, order=5, question="Bulk yoga?", anchor="b")])
    assert questions("yoga") == []
    call_command("rebuild_search_index")
    assert "Search index rebuilt: 2 FAQ entries" in capsys.readouterr().out
    assert questions("yoga") == ["Bulk yoga?"]


def test_rebuild_drops_entries_of_exercises_unpublished_in_bulk(twist):
    Exercise.objects.filter(pk=twist.pk).update(status="draft")
    # Even before the rebuild, the search checks the status at query time.
    assert questions("surgery") == []
    call_command("rebuild_search_index", verbosity=0)
    assert index_snapshot() == ([], [])


def test_flushing_the_content_tables_also_empties_the_index(twist):
    with connection.cursor() as cursor:  # as `flush` does: no signals
        cursor.execute(f"DELETE FROM {Faq._meta.db_table}")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert index_snapshot() == ([], [])


def test_migrate_leaves_an_index_in_step_alone(twist):
    from exercises.search.index import rebuild_if_out_of_step

    assert not rebuild_if_out_of_step()


def test_restoring_an_earlier_revision_restores_its_entries(twist):
    from reversion import create_revision
    from reversion.models import Version

    with create_revision():
        twist.save()
    faq = twist.faqs.get()
    faq.question = "Does twisting help digestion?"
    faq.save()
    assert questions("surgery") == []
    Version.objects.get_for_object(twist).first().revision.revert(delete=True)
    assert questions("surgery") == ["Can I twist after spinal surgery?"]
    assert questions("digestion") == []
