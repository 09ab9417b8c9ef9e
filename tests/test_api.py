"""The read-only JSON API: published exercises only, full structured content, editor order."""

from http import HTTPStatus

import pytest
from django.core.management import call_command

from exercises.models import Step, Tip
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

DETAIL_FIELDS = {
    "slug", "name", "title", "description", "intro_html", "url", "body_part",
    "primary_muscles", "secondary_muscles", "equipment", "optional_equipment", "difficulty",
    "sets_reps", "progression_rule", "setup", "execution", "tips", "faqs",
    "recommended_equipment", "updated_at",
}  # fmt: skip


def get_json(client, url, status=HTTPStatus.OK):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_detail_has_the_full_structured_content(client):
    exercise = make_exercise(
        children=2, setup_tip="Pad the knees.", intro="Go *slowly*.<script>x</script>"
    )
    data = get_json(client, "/api/exercises/kneeling-back-stretch/")
    assert set(data) >= DETAIL_FIELDS
    assert data["slug"] == "kneeling-back-stretch"
    assert data["name"] == data["title"] == "Kneeling Back Stretch"
    assert data["url"] == "http://testserver/exercises/kneeling-back-stretch/"
    assert data["intro_html"] == "<p>Go <em>slowly</em>.</p>"
    assert data["body_part"] == {"slug": "back", "name": "Back"}
    assert data["primary_muscles"] == [{"slug": "latissimus-dorsi", "name": "Latissimus dorsi"}]
    assert data["secondary_muscles"] == [{"slug": "rhomboids", "name": "Rhomboids"}]
    assert data["equipment"] == []
    assert data["optional_equipment"] == [{"slug": "exercise-mat", "name": "Exercise mat"}]
    assert data["difficulty"] == "beginner"
    assert data["sets_reps"][0] == {"goal": "Goal 0", "sets": "2", "reps": "10", "guidance": ""}
    assert data["progression_rule"] == "Add a pause before adding range."
    assert data["setup"] == [{"label": "", "text": "Setup 0."}, {"label": "", "text": "Setup 1."}]
    assert data["setup_tip"] == "Pad the knees."
    assert data["execution"][0] == {"label": "Move 0", "text": "Go."}
    assert {t["kind"] for t in data["tips"]} == {"tip", "mistake"}
    assert data["faqs"][0]["question"] == "Question 0?"
    assert data["faqs"][0]["answer_html"] == "<p>Answer <em>0</em>.</p>"
    assert data["faqs"][0]["url"].endswith("/exercises/kneeling-back-stretch/#faq-question-0")
    assert data["recommended_equipment"][0]["name"] == "Exercise mat"
    assert data["recommended_equipment"][0]["why"] == "Cushions the knees."
    assert data["updated_at"] == exercise.updated_at.isoformat()


def test_lists_keep_the_editors_order(client):
    exercise = make_exercise(children=0)
    for order, text in [(3, "Third"), (1, "First"), (2, "Second")]:
        Step.objects.create(exercise=exercise, order=order, text=text)
    Tip.objects.create(exercise=exercise, order=2, kind="tip", text="Later tip")
    Tip.objects.create(exercise=exercise, order=1, kind="mistake", text="Early mistake")
    data = get_json(client, "/api/exercises/kneeling-back-stretch/")
    assert [s["text"] for s in data["execution"]] == ["First", "Second", "Third"]
    assert [(t["kind"], t["text"]) for t in data["tips"]] == [
        ("mistake", "Early mistake"),
        ("tip", "Later tip"),
    ]


def test_drafts_are_not_in_the_api_even_for_staff(client, editor, draft):
    client.force_login(editor)
    error = get_json(client, "/api/exercises/secret-draft-stretch/", HTTPStatus.NOT_FOUND)
    assert "secret-draft-stretch" in error["error"]
    assert get_json(client, "/api/exercises/")["count"] == 0


def test_list_is_paginated_with_links(client):
    for i in range(25):
        make_exercise(name=f"Stretch {i:02}", children=0)
    make_exercise(name="Hidden", status="draft", children=0)
    first = get_json(client, "/api/exercises/")
    assert first["count"] == 25
    assert first["num_pages"] == 2
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/exercises/?page=2"
    second = get_json(client, first["next"])
    assert len(second["results"]) == 5
    assert second["next"] is None
    result = second["results"][0]
    assert {"slug", "name", "url", "api_url", "description", "updated_at"} <= set(result)
    assert all(r["name"] != "Hidden" for r in first["results"] + second["results"])


def test_list_accepts_the_page_filters(client):
    call_command("load_demo_content", verbosity=0)
    data = get_json(client, "/api/exercises/?body_part=chest&page_size=5")
    assert [r["slug"] for r in data["results"]] == ["doorway-chest-stretch"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?page=abc", HTTPStatus.BAD_REQUEST),
        ("?page=99", HTTPStatus.NOT_FOUND),
        ("?page=0", HTTPStatus.NOT_FOUND),
        ("?page_size=lots", HTTPStatus.BAD_REQUEST),
        ("?body_part=nowhere", HTTPStatus.BAD_REQUEST),
    ],
)
def test_bad_list_parameters_get_a_clear_json_error(client, exercise, query, status):
    assert get_json(client, f"/api/exercises/{query}", status)["error"]


def test_api_is_read_only(client, exercise):
    assert client.post("/api/exercises/").status_code == HTTPStatus.METHOD_NOT_ALLOWED
    response = client.delete("/api/exercises/kneeling-back-stretch/")
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
