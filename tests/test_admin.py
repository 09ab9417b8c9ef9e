from http import HTTPStatus

import pytest
from django.urls import reverse

from exercises.models import Exercise, Faq, Status, Step
from tests.admin_forms import errors_on_page, form_data

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:exercises_exercise_add")


def change_url(exercise):
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def test_editor_adds_exercise_with_steps_and_faq(client, editor):
    client.force_login(editor)
    data = form_data(client.get(ADD_URL))
    data.update(
        {
            "name": "Seated Twist",
            "slug": "seated-twist",
            "status": "draft",
            "intro": "Turn *slowly*.",
            "difficulty": "beginner",
            "steps-TOTAL_FORMS": "2",
            "steps-0-phase": "setup",
            "steps-0-text": "Sit tall on a chair.",
            "steps-0-order": "1",
            "steps-1-phase": "execution",
            "steps-1-label": "Rotate",
            "steps-1-text": "Turn the torso to one side.",
            "steps-1-order": "2",
            "faqs-TOTAL_FORMS": "1",
            "faqs-0-question": "Can I do it at my desk?",
            "faqs-0-answer": "Yes, on a stable chair.",
            "faqs-0-order": "1",
        }
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    twist = Exercise.objects.get(slug="seated-twist")
    assert [(s.phase, s.text) for s in twist.steps.all()] == [
        ("setup", "Sit tall on a chair."),
        ("execution", "Turn the torso to one side."),
    ]
    assert twist.faqs.get().anchor == "can-i-do-it-at-my-desk"
    assert twist.status == Status.DRAFT


def test_editor_changes_an_inline_and_the_change_sticks(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["faqs-0-question"] = "A reworded question?"
    response = client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert exercise.faqs.get().question == "A reworded question?"


def test_editor_deletes_an_inline_row(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["tips-0-DELETE"] = "on"
    response = client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    assert exercise.tips.count() == 1


def test_recommended_equipment_without_a_name_is_a_clear_error(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["recommended_equipment-0-equipment"] = ""
    data["recommended_equipment-0-name"] = ""
    response = client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.OK
    assert any("Pick an equipment entry or type a name" in e for e in errors_on_page(response))


def test_duplicate_slug_is_a_form_error_not_a_crash(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(ADD_URL))
    data.update({"name": "Different name", "slug": exercise.slug, "difficulty": "beginner"})
    response = client.post(ADD_URL, data)
    assert response.status_code == HTTPStatus.OK
    assert any("already exists" in e for e in errors_on_page(response))


def test_publish_and_unpublish_actions(client, editor, draft, exercise):
    client.force_login(editor)
    changelist = reverse("admin:exercises_exercise_changelist")
    response = client.post(
        changelist, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "1 exercise is now published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk, exercise.pk]})
    assert Exercise.objects.published().count() == 0


def test_change_form_offers_editor_tools(client, editor, exercise):
    client.force_login(editor)
    page = client.get(change_url(exercise)).content.decode()
    assert "markdownx" in page  # live-preview editor
    assert "View on site" in page
    assert "sortable" in page.lower()  # drag-and-drop ordering
    assert "data-autocomplete-light" in page or "admin-autocomplete" in page


def test_changelist_filters_and_search(client, editor, exercise, draft):
    client.force_login(editor)
    changelist = reverse("admin:exercises_exercise_changelist")
    page = client.get(changelist, {"status__exact": "draft"}).content.decode()
    assert draft.name in page and exercise.name not in page
    page = client.get(changelist, {"q": "Secret"}).content.decode()
    assert draft.name in page and exercise.name not in page


# -- Who may do what ---------------------------------------------------------------------

ADMIN_PAGES = [
    "admin:exercises_exercise_changelist",
    "admin:exercises_exercise_add",
    "admin:exercises_bodypart_changelist",
    "admin:exercises_muscle_changelist",
    "admin:exercises_equipment_changelist",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_anonymous_is_sent_to_login(client, page):
    response = client.get(reverse(page))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_logged_in_non_staff_cannot_enter(client, reader, page):
    client.force_login(reader)
    assert client.get(reverse(page)).status_code == HTTPStatus.FOUND


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_editor_and_superuser_can_use_content_pages(client, editor, superuser, page):
    for user in (editor, superuser):
        client.force_login(user)
        assert client.get(reverse(page)).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "page", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_editor_cannot_manage_users_or_groups(client, editor, superuser, page):
    client.force_login(editor)
    assert client.get(reverse(page)).status_code == HTTPStatus.FORBIDDEN
    client.force_login(superuser)
    assert client.get(reverse(page)).status_code == HTTPStatus.OK


def test_editor_can_delete_an_exercise(client, editor, exercise):
    client.force_login(editor)
    url = reverse("admin:exercises_exercise_delete", args=[exercise.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert not Exercise.objects.filter(pk=exercise.pk).exists()
    assert not Step.objects.filter(exercise_id=exercise.pk).exists()


def test_faq_answer_field_uses_the_markdown_editor(client, editor, exercise):
    client.force_login(editor)
    page = client.get(change_url(exercise)).content.decode()
    assert 'name="faqs-0-answer"' in page
    assert page.count("markdownx-editor") >= 2  # intro and the FAQ answer
    assert Faq.objects.count() == 1


def test_browser_line_endings_are_stored_as_plain_newlines(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["intro"] = "First paragraph.\r\n\r\nSecond paragraph."
    data["faqs-0-answer"] = "Line one.\r\nLine two."
    response = client.post(change_url(exercise), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    exercise.refresh_from_db()
    assert exercise.intro == "First paragraph.\n\nSecond paragraph."
    assert exercise.faqs.get().answer == "Line one.\nLine two."


def test_history_names_only_the_fields_that_changed(client, editor, exercise):
    from reversion.models import Version

    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["intro"] = data["intro"].replace("\n", "\r\n")  # as a browser sends it, unchanged
    data["difficulty_note"] = "Easy to learn."
    client.post(change_url(exercise), data)
    comment = Version.objects.get_for_object(exercise).first().revision.get_comment()
    assert "Difficulty note" in comment
    assert "Intro" not in comment


def test_an_overlong_intro_or_answer_is_a_clear_error_and_nothing_is_saved(
    client, editor, exercise
):
    client.force_login(editor)
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    page = client.get(url)
    assert b'maxlength="20000"' in page.content  # the browser stops typing there too
    data = form_data(page)
    data["intro"] = "Stretch." * 2_501  # 20,008 characters
    data["faqs-0-answer"] = "x" * 10_001
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    errors = " ".join(errors_on_page(response))
    assert "at most 20000 characters (it has 20008)" in errors
    assert "at most 10000 characters (it has 10001)" in errors
    exercise.refresh_from_db()
    assert not exercise.intro.startswith("Stretch. Stretch.")


def saved_messages(client, exercise, **changes) -> list[str]:
    data = form_data(client.get(change_url(exercise)))
    data.update(changes)
    response = client.post(change_url(exercise), data, follow=True)
    assert response.status_code == HTTPStatus.OK, errors_on_page(response)
    return [str(message) for message in response.context["messages"]]


def test_editor_is_warned_when_title_or_description_will_be_cut_off_in_search_results(
    client, editor, exercise
):
    client.force_login(editor)
    long_title = "Kneeling Back Stretch: How to Do It, Sets, Reps, Mistakes and FAQ"
    warnings = saved_messages(
        client, exercise, seo_title=long_title, meta_description="Ease a stiff back. " * 10
    )
    exercise.refresh_from_db()
    assert exercise.seo_title == long_title  # saved all the same
    assert any("is 65 characters long; search engines show about 60" in w for w in warnings)
    assert any("The meta description is 189 characters long" in w for w in warnings)


def test_editor_is_warned_when_the_intros_first_sentence_stands_in_as_a_long_description(
    client, editor, exercise
):
    client.force_login(editor)
    intro = "Kneel on the floor and " + "slowly " * 30 + "sit back. Then rise."
    warnings = saved_messages(client, exercise, intro=intro, meta_description="")
    assert any("no meta description, so search engines get the intro" in w for w in warnings)


def test_no_warning_when_title_and_description_fit(client, editor, exercise):
    client.force_login(editor)
    warnings = saved_messages(client, exercise, meta_description="Ease a stiff back.")
    assert not any("search engines show" in w for w in warnings)


# -- Finding exercises in the list -------------------------------------------------------


@pytest.mark.parametrize("query", ["Rhomboids", "latissimus", "Exercise mat", "breathe"], ids=str)
def test_the_list_search_finds_exercises_by_muscle_equipment_and_intro(
    client, editor, exercise, query
):
    from tests.factories import make_exercise

    make_exercise("Doorway Chest Stretch", intro="Open the chest.", children=0)
    other = Exercise.objects.get(slug="doorway-chest-stretch")
    other.primary_muscles.clear()
    other.secondary_muscles.clear()
    other.optional_equipment.clear()
    client.force_login(editor)
    changelist = reverse("admin:exercises_exercise_changelist")
    page = client.get(changelist, {"q": query}).content.decode()
    assert exercise.name in page
    assert "Doorway Chest Stretch" not in page


def test_the_list_links_each_exercise_on_the_site_and_says_who_edited_it_last(
    client, editor, exercise, draft
):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    client.post(change_url(exercise), data)
    page = client.get(reverse("admin:exercises_exercise_changelist")).content.decode()
    assert f'href="{exercise.get_absolute_url()}">View on site' in page
    assert f'href="{draft.get_absolute_url()}">Preview' in page
    assert "Edna, " in page  # the last editor, and when


# -- What the sanitiser removes is said, not silently dropped ----------------------------


def test_saving_says_what_the_sanitiser_removes(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["intro"] = 'Hello <script>alert(1)</script> and <a href="javascript:go()">a link</a>.'
    data["faqs-0-answer"] = '<img src="x.png" onerror="steal()"> An answer.'
    response = client.post(change_url(exercise), data, follow=True)
    page = response.content.decode()
    assert "Some of what you wrote is not shown to readers" in page
    assert "In the intro: a &lt;script&gt; element" in page
    assert "In the intro: the address of a link (javascript:…): its text is kept" in page
    assert "an event attribute (onerror) on &lt;img&gt;" in page
    # The page shows the link's text, not a link that goes nowhere.
    reader_page = client.get(exercise.get_absolute_url()).content.decode()
    assert "and a link." in reader_page


def test_saving_ordinary_markdown_says_nothing_about_the_sanitiser(client, editor, exercise):
    client.force_login(editor)
    data = form_data(client.get(change_url(exercise)))
    data["intro"] = "A [link](https://example.com/) and **bold** and a list:\n\n- one\n- two"
    page = client.post(change_url(exercise), data, follow=True).content.decode()
    assert "not shown to readers" not in page
