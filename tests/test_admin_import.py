"""The admin's "Import article" page: paste or upload, preview, save as a draft."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

import exercises.sections
from exercises.models import Exercise
from exercises.sections import Section
from tests.admin_forms import form_data
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:exercises_exercise_import")
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
FULL = (FIXTURES / "thread-the-needle.txt").read_text()


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def preview(client, text=None, upload=None):
    data = {"text": text or "", "preview": "Preview"}
    if upload is not None:
        data["upload"] = upload
    response = client.post(IMPORT_URL, data)
    assert response.status_code == HTTPStatus.OK
    return response


def save(client, previewed_response):
    data = form_data(previewed_response, form_id="import-form")
    data["save"] = "Save as draft"
    return client.post(IMPORT_URL, data)


def test_the_change_list_links_to_the_import_page(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:exercises_exercise_changelist"))
    assert f'href="{IMPORT_URL}"' in response.content.decode()
    assert "Import article" in page_text(response)


def test_staff_without_exercise_permissions_cannot_import(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="pw-clerk-123", is_staff=True)
    client.force_login(clerk)
    assert client.get(IMPORT_URL).status_code == HTTPStatus.FORBIDDEN
    assert client.post(IMPORT_URL, {"text": FULL, "preview": "1"}).status_code == 403
    assert Exercise.objects.count() == 0


def test_readers_are_sent_to_the_login_page(client, reader):
    client.force_login(reader)
    response = client.get(IMPORT_URL)
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("admin:login") in response["Location"]


def test_the_empty_form(client, editor):
    client.force_login(editor)
    response = client.get(IMPORT_URL)
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", id="import-form")
    assert form["enctype"] == "multipart/form-data"
    assert form.find("textarea", attrs={"name": "text"})
    assert form.find("input", attrs={"type": "file", "name": "upload"})
    assert not form.find("input", attrs={"name": "save"})  # nothing to save before a preview


def test_preview_shows_every_section_with_counts_and_saves_nothing(client, editor):
    client.force_login(editor)
    response = preview(client, FULL)
    soup = BeautifulSoup(response.content, "html.parser")
    counts = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in soup.select(".import-toc tbody tr")
    }
    # The page's own section titles, from exercises/sections.py.
    assert counts == {
        "Intro": "2 paragraphs",
        "Quick Overview": "5 facts",
        "Sets & Reps by Goal": "3",
        "Setup / Starting Position": "3",
        "Execution, Step by Step": "5",
        "Pro Tips & Common Mistakes": "6 (Tip: 3, Common mistake: 3)",
        "Easier and Harder": "none found",
        "No Equipment? Try Instead": "none found",
        "FAQ": "3",
        "Recommended Equipment": "3",
        "Images": "none found",
    }
    text = page_text(response)
    assert "Read as web copy from pasted text" in text
    assert "Thread the Needle: Proper Form, Sets, Benefits, Tips & FAQ" in text
    assert "Don't shift the hips sideways:" in text
    assert "New entries that saving will add" in text and "Muscle “Thoracic rotators”" in text
    assert soup.find("input", attrs={"name": "save"})
    assert soup.find("textarea", attrs={"name": "text"}).text.strip() == FULL.strip()
    assert Exercise.objects.count() == 0


def test_save_as_draft_opens_the_new_exercise_with_its_history(client, editor):
    client.force_login(editor)
    response = save(client, preview(client, FULL))
    exercise = Exercise.objects.get(slug="thread-the-needle")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("admin:exercises_exercise_change", args=[exercise.pk])
    assert exercise.status == "draft"
    assert exercise.faqs.count() == 3 and exercise.tips.filter(kind="mistake").count() == 3
    revision = Version.objects.get_for_object(exercise).get().revision
    assert revision.get_comment() == "Imported from pasted text"
    assert revision.user == editor
    followed = client.get(response["Location"])
    assert "was imported as a draft" in page_text(followed)


def test_a_problem_is_shown_on_the_page_and_the_text_stays(client, editor):
    client.force_login(editor)
    text = "Quick Overview\n| Body Part | Back |\n"
    response = preview(client, text)
    shown = page_text(response)
    assert "The article could not be read. Nothing was saved." in shown
    assert "Line 1: The first line is the section title “Quick Overview”" in shown
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("textarea", attrs={"name": "text"}).text.strip() == text.strip()
    assert not soup.find("input", attrs={"name": "save"})


def test_front_matter_nested_a_thousand_deep_is_shown_as_a_problem(client, editor):
    client.force_login(editor)
    text = "---\nname: Deep Stretch\nrelated: " + "[" * 1000 + "]" * 1000 + "\n---\n"
    shown = page_text(preview(client, text))  # answers 200, not a server error
    assert "The article could not be read. Nothing was saved." in shown
    assert "Line 3: The front matter nests values too deeply" in shown
    assert Exercise.objects.count() == 0


def test_an_empty_submission_asks_for_text(client, editor):
    client.force_login(editor)
    assert "Paste an article into the box, or choose a file." in page_text(preview(client, "  "))


def test_an_uploaded_file_is_previewed_in_the_box_and_named_in_history(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("childs-pose.md", (FIXTURES / "childs-pose-side-reach.md")
                                .read_bytes(), content_type="text/markdown")  # fmt: skip
    response = preview(client, upload=upload)
    assert "Read as markdown from childs-pose.md" in page_text(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("textarea", attrs={"name": "text"}).text.lstrip().startswith("---\nname:")
    save(client, response)
    exercise = Exercise.objects.get(slug="childs-pose-side-reach")
    comment = Version.objects.get_for_object(exercise).get().revision.get_comment()
    assert comment == "Imported from childs-pose.md"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "line 3: This is a binary file"),
        ("Café\n".encode("latin-1"), "line 1: The file is not UTF-8 text"),
        (b"Big\n" + b"x" * (1024 * 1024), "is 1.0 MB; an article can be at most 1 MB."),
    ],
)
def test_unreadable_uploads_are_explained(client, editor, content, message):
    client.force_login(editor)
    response = preview(client, upload=SimpleUploadedFile("bad.txt", content))
    assert message in page_text(response)
    assert Exercise.objects.count() == 0


def test_text_changed_after_the_preview_is_previewed_again(client, editor):
    client.force_login(editor)
    data = form_data(preview(client, FULL), form_id="import-form")
    data["text"] = data["text"].replace("Thread the Needle\n", "Thread the Needle Twice\n", 1)
    data["save"] = "Save as draft"
    response = client.post(IMPORT_URL, data)
    assert response.status_code == HTTPStatus.OK
    assert "The text changed after the preview" in page_text(response)
    assert Exercise.objects.count() == 0


def test_importing_over_a_published_exercise_warns_first(client, editor):
    published = make_exercise(name="Thread the Needle", slug="thread-the-needle")
    client.force_login(editor)
    response = preview(client, FULL)
    text = page_text(response)
    assert "An exercise at this address already exists" in text
    assert "turns it back into a draft" in text
    assert re.search(r"Saving replaces its .*intro.*FAQ \(1 → 3\)", text)
    save(client, response)
    published.refresh_from_db()
    assert published.status == "draft"
    assert published.faqs.count() == 3
    assert Exercise.objects.count() == 1


def test_an_article_the_database_refuses_is_shown_not_crashed(client, editor):
    make_exercise(name="Thread the Needle", slug="someone-elses-slug")
    client.force_login(editor)
    response = preview(client, FULL)
    assert "Another exercise is already called “Thread the Needle”" in page_text(response)


def test_a_declared_section_without_a_form_of_its_own_is_previewed_as_a_table(
    client, editor, monkeypatch
):
    gear = Section("gear", "Gear to Bring", rows="recommended_equipment", note="equipment_tip")
    declared = [gear if s.anchor == "equipment" else s for s in exercises.sections.SECTIONS]
    monkeypatch.setattr(exercises.sections, "SECTIONS", tuple(declared))
    client.force_login(editor)
    text = (
        "---\nname: Wall Angel\n---\n\n## Gear to Bring\n\n| Equipment | Name | Why it helps |\n"
        "|---|---|---|\n| Resistance band |  | A light one |\n\nTip: Any band will do.\n"
    )
    soup = BeautifulSoup(preview(client, text).content, "html.parser")
    contents = {row.th.get_text(strip=True): row.td.get_text(strip=True)
                for row in soup.select(".import-toc tbody tr")}  # fmt: skip
    assert contents["Gear to Bring"] == "1"
    table = soup.find(id="preview-gear").find_next("table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Equipment", "Name", "Why it helps", "Link"
    ]  # fmt: skip
    assert [td.get_text() for td in table.select("tbody td")] == [
        "Resistance band", "", "A light one", ""
    ]  # fmt: skip
    assert "Equipment tip: Any band will do." in page_text(preview(client, text))
