"""The admin's "Search insights", as an editor uses it."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from exercises.models import Faq, SearchRecord, Synonym
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

INSIGHTS = reverse("admin:exercises_searchrecord_changelist")


def searched(query, results, times=1, opened=None, days_ago=0):
    when = timezone.now() - timedelta(days=days_ago)
    for _ in range(times):
        SearchRecord.objects.create(
            query=query, results=results, opened_faq_id=opened, searched_at=when
        )


def page(client, **params):
    response = client.get(INSIGHTS, params)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def queries_in(soup, table_id):
    return [th.get_text() for th in soup.select(f"#{table_id} tbody th")]


@pytest.fixture
def records(db):
    searched("hamstring", 12, times=3, opened=5)
    searched("trampoline", 0, times=2)
    searched("sore heels", 4, times=1)
    searched("yoga mat", 0, times=5, days_ago=40)


def test_the_admin_index_leads_editors_to_the_insights(client, editor):
    client.force_login(editor)
    index = BeautifulSoup(client.get(reverse("admin:index")).content, "html.parser")
    assert index.find("a", string="Search insights")["href"] == INSIGHTS


def test_frequent_empty_and_unopened_searches_over_the_chosen_period(client, editor, records):
    client.force_login(editor)
    soup = page(client)
    assert queries_in(soup, "frequent") == ["hamstring", "trampoline", "sore heels"]
    assert queries_in(soup, "no-results") == ["trampoline"]
    assert queries_in(soup, "never-opened") == ["sore heels"]
    longer = page(client, days=90)
    assert queries_in(longer, "frequent")[0] == "yoga mat"
    assert queries_in(longer, "no-results") == ["yoga mat", "trampoline"]
    assert (
        page(client, days="forever").select_one("#insights-days option[selected]")["value"] == "30"
    )


def test_add_a_synonym_in_one_click(client, editor, records):
    client.force_login(editor)
    soup = page(client)
    link = soup.select_one("#no-results tbody tr").find("a", string="Add a synonym")["href"]
    data = form_data(client.get(link))
    assert data["terms"] == "trampoline, "
    data["terms"] = "trampoline, rebounder"
    response = client.post(reverse("admin:exercises_synonym_add"), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert Synonym.objects.get(terms__startswith="trampoline").term_list == [
        "trampoline",
        "rebounder",
    ]


def test_add_an_answer_to_an_exercise_with_the_question_ready(client, editor, records):
    calf = make_exercise("Wall Calf Stretch", children=0)
    Faq.objects.create(exercise=calf, question="Does it help sore heels?", answer="Often.")
    make_exercise("Secret Draft Stretch", status="draft", children=0)
    client.force_login(editor)
    soup = page(client)
    link = soup.select_one("#never-opened tbody tr").find("a", string="Add an answer")["href"]
    chooser = BeautifulSoup(client.get(link).content, "html.parser")
    found = chooser.select(".answer-choices a")
    assert [a.get_text() for a in found] == ["Wall Calf Stretch"]
    form = client.get(found[0]["href"])
    data = form_data(form)
    new_rows = [k for k, v in data.items() if k.startswith("faqs-") and v == "sore heels"]
    assert new_rows == ["faqs-1-question"]
    data["faqs-1-question"] = "Can it ease sore heels in the morning?"
    data["faqs-1-answer"] = "Yes, before the first steps of the day."
    response = client.post(reverse("admin:exercises_exercise_change", args=[calf.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert calf.faqs.filter(question="Can it ease sore heels in the morning?").exists()


def test_another_exercise_can_be_chosen(client, editor):
    wall = make_exercise("Wall Sit", children=0)
    client.force_login(editor)
    chooser = reverse("admin:exercises_searchrecord_answer")
    response = client.get(chooser, {"q": "knee pain", "exercise": wall.pk})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith(f"/{wall.pk}/change/?faq_question=knee+pain")


def test_recommend_an_answer_opens_the_promotion_form_for_that_search(client, editor, records):
    client.force_login(editor)
    soup = page(client)
    row = soup.select_one("#frequent tbody tr")
    link = row.find("a", string="Recommend an answer")["href"]
    assert form_data(client.get(link))["query"] == "hamstring"


def test_readers_and_anonymous_visitors_never_see_insights(client, reader, records):
    assert client.get(INSIGHTS).status_code == HTTPStatus.FOUND  # to the login page
    client.force_login(reader)
    assert client.get(INSIGHTS).status_code == HTTPStatus.FOUND
    assert b"trampoline" not in client.get(INSIGHTS, follow=True).content


def test_records_cannot_be_added_or_edited_by_hand(client, superuser, records):
    client.force_login(superuser)
    assert client.get(reverse("admin:exercises_searchrecord_add")).status_code == 403


def test_a_chosen_exercise_that_is_not_a_number_is_asked_for_again(client, editor):
    make_exercise("Wall Sit", children=0)
    client.force_login(editor)
    chooser = reverse("admin:exercises_searchrecord_answer")
    response = client.get(chooser, {"q": "knee pain", "exercise": "abc"})
    assert response.status_code == HTTPStatus.OK
    assert "Wall Sit" in response.content.decode()
