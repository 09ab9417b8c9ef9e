"""Easier and harder exercises (the ladder) and "No equipment? Try instead"."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from exercises.models import Alternative, Equipment, Exercise, Muscle
from tests.admin_forms import errors_on_page, form_data
from tests.factories import make_exercise
from tests.test_import import run_import, write

pytestmark = pytest.mark.django_db


def soup_of(client, exercise):
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def names_in(soup, selector) -> list[str]:
    return [link.text.strip() for link in soup.select(f"{selector} a")]


def test_editor_adds_easier_and_harder_exercises_in_the_admin(client, editor):
    exercise = make_exercise(name="Push Up")
    easier = make_exercise(name="Wall Push Up")
    harder = make_exercise(name="Decline Push Up")
    client.force_login(editor)
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = form_data(client.get(url))
    data.update({
        "alternatives-TOTAL_FORMS": "2",
        "alternatives-0-kind": "easier", "alternatives-0-other": str(easier.pk),
        "alternatives-0-reason": "hands on the wall", "alternatives-0-order": "0",
        "alternatives-1-kind": "harder", "alternatives-1-other": str(harder.pk),
        "alternatives-1-reason": "feet on a step", "alternatives-1-order": "1",
    })  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)

    client.logout()
    soup = soup_of(client, exercise)
    ladder = soup.select_one("#easier-harder")
    assert ladder.h2.text == "Easier and Harder"
    items = [item.get_text(" ", strip=True) for item in ladder.select("li")]
    assert items == [
        "Easier Wall Push Up Hands on the wall",
        "Harder Decline Push Up Feet on a step",
    ]
    assert "easier-harder" in [a["href"].lstrip("#") for a in soup.select("nav.toc a")]


def test_an_exercise_cannot_be_its_own_alternative_nor_listed_twice(client, editor):
    exercise = make_exercise(name="Push Up")
    other = make_exercise(name="Wall Push Up")
    client.force_login(editor)
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = form_data(client.get(url))
    data.update({
        "alternatives-TOTAL_FORMS": "2",
        "alternatives-0-kind": "easier", "alternatives-0-other": str(exercise.pk),
        "alternatives-0-order": "0",
        "alternatives-1-kind": "harder", "alternatives-1-other": str(other.pk),
        "alternatives-1-order": "1",
    })  # fmt: skip
    errors = " ".join(errors_on_page(client.post(url, data)))
    assert "An exercise cannot be its own alternative." in errors
    data["alternatives-0-other"] = str(other.pk)
    errors = " ".join(errors_on_page(client.post(url, data)))
    assert "An exercise is listed twice here" in errors
    assert not exercise.alternatives.exists()


def test_drafts_never_appear_on_the_ladder_until_published(client):
    exercise = make_exercise(name="Push Up")
    draft = make_exercise(name="Secret Push Up", status="draft")
    Alternative.objects.create(exercise=exercise, kind="harder", other=draft, reason="secret")
    soup = soup_of(client, exercise)
    assert not soup.select("#easier-harder")
    assert "Secret Push Up" not in soup.text
    draft.status = "published"
    draft.save()
    assert names_in(soup_of(client, exercise), "#easier-harder") == ["Secret Push Up"]


@pytest.fixture
def catalogue():
    """An exercise for the chest and shoulders, and others sharing some of its muscles."""
    (chest,) = (Muscle.objects.get_or_create(name=name)[0] for name in ["Pectorals"])
    shoulders = Muscle.objects.get_or_create(name="Anterior deltoids")[0]
    band = Equipment.objects.create(name="Resistance band")

    def exercise(name, primary=(), secondary=(), equipment=(), **fields):
        made = make_exercise(name=name, children=0, **fields)
        made.primary_muscles.set(primary)
        made.secondary_muscles.set(secondary)
        made.equipment.set(equipment)
        return made

    return {
        "main": exercise("Doorway Stretch", [chest], [shoulders]),
        "band": exercise("Band Chest Opener", [chest], [shoulders], [band]),
        "floor": exercise("Floor Angels", [shoulders]),
        "both": exercise("Corner Stretch", [chest], [shoulders]),
        "unrelated": exercise("Calf Raise", [Muscle.objects.create(name="Soleus")]),
        "draft": exercise("Draft Chest Stretch", [chest], [shoulders], status="draft"),
    }


def test_try_instead_suggests_the_same_muscles_without_equipment_first(client, catalogue):
    soup = soup_of(client, catalogue["main"])
    section = soup.select_one("#try-instead")
    assert section.h2.text == "No Equipment? Try Instead"
    # Both muscles shared and no equipment, then one muscle shared, then equipment needed.
    assert names_in(soup, "#try-instead") == [
        "Corner Stretch",
        "Floor Angels",
        "Band Chest Opener",
    ]
    assert "No equipment" in section.text and "Needs equipment" in section.text


def test_editors_pin_and_leave_out_suggestions(client, catalogue):
    main = catalogue["main"]
    Alternative.objects.create(exercise=main, kind="instead", other=catalogue["unrelated"],
                               reason="works the legs while the chest rests")  # fmt: skip
    Alternative.objects.create(exercise=main, kind="never", other=catalogue["both"], order=1)
    soup = soup_of(client, main)
    assert names_in(soup, "#try-instead") == ["Calf Raise", "Floor Angels", "Band Chest Opener"]
    assert "works the legs while the chest rests" in soup.select_one("#try-instead").text


def test_no_exercise_is_listed_twice_on_one_page(client, catalogue):
    main = catalogue["main"]
    Alternative.objects.create(exercise=main, kind="easier", other=catalogue["floor"])
    main.variations.add(catalogue["band"])
    main.related.add(catalogue["band"], catalogue["both"], catalogue["floor"])
    soup = soup_of(client, main)
    listed = [
        *names_in(soup, "#easier-harder"),
        *names_in(soup, "#try-instead"),
        *names_in(soup, "#variations-title + ul"),
        *names_in(soup, "#related-title + ul"),
    ]
    assert sorted(listed) == ["Band Chest Opener", "Corner Stretch", "Floor Angels"]
    assert "Draft Chest Stretch" not in soup.text


def test_the_api_lists_the_ladder_and_what_to_try_instead(client, catalogue):
    main = catalogue["main"]
    Alternative.objects.create(exercise=main, kind="harder", other=catalogue["band"],
                               reason="against a band")  # fmt: skip
    data = client.get(f"/api/exercises/{main.slug}/").json()
    assert data["easier_harder"] == [
        {
            "kind": "harder",
            "other": {
                "slug": "band-chest-opener",
                "name": "Band Chest Opener",
                "url": "http://testserver/exercises/band-chest-opener/",
            },
            "reason": "against a band",
        }
    ]
    assert data["try_instead"] == []  # editors' own choices only: none here


LADDER = """---
name: {name}
slug: {slug}
status: published
---

Intro.

## Easier and Harder

| Kind | Exercise | Reason |
|---|---|---|
| {kind} | {other} | {reason} |
"""


def test_an_article_may_name_an_exercise_a_later_file_of_the_run_creates(tmp_path):
    write(
        tmp_path,
        "a-push-up.md",
        LADDER.format(
            name="Push Up", slug="push-up", kind="harder", other="Wall Push Up", reason="no wall"
        ),
    )
    write(tmp_path, "b-wall.md", LADDER.format(name="Wall Push Up", slug="wall-push-up",
                                               kind="easier", other="Push Up",
                                               reason="hands higher"))  # fmt: skip
    out, _err, _failed = run_import(tmp_path)
    push_up = Exercise.objects.get(slug="push-up")
    assert [(a.kind, a.other.slug, a.reason) for a in push_up.alternatives.all()] == [
        ("harder", "wall-push-up", "no wall")
    ]
    assert Exercise.objects.get(slug="wall-push-up").alternatives.get().other == push_up
    assert "matches no exercise" not in out


def test_a_ladder_row_naming_no_exercise_is_left_out_with_a_warning(tmp_path):
    write(
        tmp_path,
        "push-up.md",
        LADDER.format(
            name="Push Up", slug="push-up", kind="harder", other="No Such Exercise", reason="x"
        ),
    )
    out, _err, _failed = run_import(tmp_path)
    assert "“No Such Exercise” in Easier and Harder matches no exercise" in out
    assert not Exercise.objects.get(slug="push-up").alternatives.exists()


def test_a_kind_that_belongs_to_the_other_section_is_a_clear_error(tmp_path):
    make_exercise(name="Wall Push Up")
    write(
        tmp_path,
        "push-up.md",
        LADDER.format(
            name="Push Up", slug="push-up", kind="never", other="Wall Push Up", reason=""
        ),
    )
    _out, err, failed = run_import(tmp_path, expect_failure=True)
    assert "does not belong under Easier and Harder: use one of Easier, Harder" in err
    assert not Exercise.objects.filter(slug="push-up").exists()
