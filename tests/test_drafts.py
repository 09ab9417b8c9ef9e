"""A draft of a live guide: an editor changes a published guide without readers seeing the
changes until an editor publishes them (exercises.publishing)."""

from http import HTTPStatus

import pytest
from django.test import Client
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
from tests.factories import make_exercise, stored_image
from tests.search.helpers import api

pytestmark = pytest.mark.django_db

DRAFT_INTRO = "The intro of the draft, not for readers yet."
DRAFT_ANSWER = "An answer only the draft has: zebra."


def publish_url(draft):
    return reverse("admin:exercises_exercise_publish_draft", args=[draft.pk])


def discard_url(draft):
    return reverse("admin:exercises_exercise_discard_draft", args=[draft.pk])


def preview_url(exercise):
    return reverse("exercises:draft_preview", args=[exercise.slug])


@pytest.fixture
def edna(editor):
    return logged_in(editor)


@pytest.fixture
def live(db):
    return make_exercise("Thread the Needle", children=2)


def save_as_draft(client, exercise, **changes):
    data = open_form(client, exercise)
    data.update(changes)
    data["_save_draft"] = "Save as draft of the live guide"
    response = save(client, exercise, data)
    return Exercise.objects.get(draft_of=exercise), response


@pytest.fixture
def draft(edna, live):
    data = open_form(edna, live)
    data["intro"] = DRAFT_INTRO
    data["faqs-1-answer"] = DRAFT_ANSWER
    data["steps-0-DELETE"] = "on"
    add_row(data, "faqs", question="Is it safe every day?", answer="Yes, gently.")
    data["_save_draft"] = "Save as draft of the live guide"
    save(edna, live, data)
    return Exercise.objects.get(draft_of=live)


def test_saving_as_a_draft_leaves_the_live_guide_as_it_was(edna, live, draft):
    live.refresh_from_db()
    assert live.intro == "Sit back slowly.\n\nThen **breathe**."
    assert live.steps.count() == 4 and live.faqs.count() == 2
    assert draft.intro == DRAFT_INTRO
    assert draft.steps.count() == 3
    assert [f.question for f in draft.faqs.all()] == [
        "Question 0?",
        "Question 1?",
        "Is it safe every day?",
    ]
    assert draft.faqs.get(question="Question 1?").answer == DRAFT_ANSWER
    # The draft's rows keep the live guide's order.
    assert [s.text for s in draft.steps.all()] == [s.text for s in live.steps.all()][1:]


def test_saving_as_a_draft_takes_the_editor_to_the_draft_and_says_what_happened(edna, live):
    _draft, response = save_as_draft(edna, live, intro=DRAFT_INTRO)
    page = edna.get(response["Location"]).content.decode()
    assert "saved as a draft of the live guide" in page
    assert "This is a draft of the live guide" in page
    assert "Preview the draft" in page and "Publish the draft" in page


def test_readers_see_only_the_live_guide_everywhere(client, live, draft):
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Sit back slowly." in page and DRAFT_INTRO not in page
    assert client.get(f"/api/exercises/{live.slug}/").json()["faqs"][1]["answer_html"] == (
        "<p>Answer <em>1</em>.</p>"
    )
    assert client.get("/api/exercises/").json()["count"] == 1
    assert client.get("/sitemap.xml").content.decode().count(live.get_absolute_url()) == 1
    assert client.get("/feed/").content.decode().count(f"<title>{live.name}</title>") == 1
    assert api(client, q="zebra")["count"] == 0
    assert client.get(preview_url(live)).status_code == HTTPStatus.NOT_FOUND


def test_staff_on_the_guides_address_see_the_live_guide(edna, live, draft):
    page = edna.get(live.get_absolute_url()).content.decode()
    assert "Sit back slowly." in page and DRAFT_INTRO not in page


def test_staff_preview_the_draft_as_the_whole_page_with_a_banner(edna, live, draft):
    response = edna.get(preview_url(live))
    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Draft of the live guide." in page
    assert DRAFT_INTRO in page and "Is it safe every day?" in page
    assert '<meta name="robots" content="noindex' in page
    # The same templates as the live page: every section the guide shows, in order.
    live_page = edna.get(live.get_absolute_url()).content.decode()
    for section in ("overview", "sets-reps", "setup", "execution", "tips", "faq", "equipment"):
        assert (f'id="{section}"' in page) == (f'id="{section}"' in live_page)


def test_the_exercise_list_shows_the_guide_once_with_its_waiting_draft(edna, live, draft):
    page = edna.get(reverse("admin:exercises_exercise_changelist")).content.decode()
    assert page.count(f"{live.name}</a>") == 1
    assert "Draft waiting" in page
    assert change_url(draft) in page
    searched = edna.get(reverse("admin:exercises_exercise_changelist"), {"q": "Needle"})
    assert "2 total" not in searched.content.decode()  # the draft is not counted as a guide


def test_publishing_the_draft_replaces_the_live_guide_at_the_same_address(
    client, edna, live, draft
):
    anchors = {faq.question: faq.anchor for faq in live.faqs.all()}
    assert client.get(live.get_absolute_url())["X-Page-Cache"] == "miss"
    page = edna.get(publish_url(draft)).content.decode()
    assert "Intro" in page and "FAQ" in page  # what changes
    response = edna.post(publish_url(draft))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == change_url(live)

    live.refresh_from_db()
    assert live.intro == DRAFT_INTRO and live.status == "published"
    assert live.steps.count() == 3
    assert live.faqs.get(question="Question 1?").answer == DRAFT_ANSWER
    assert {f.question: f.anchor for f in live.faqs.all()} == {
        **anchors,
        "Is it safe every day?": "is-it-safe-every-day",
    }
    assert not Exercise.objects.filter(pk=draft.pk).exists()
    # Readers get the new guide at once: the cached page is retired.
    reader = client.get(live.get_absolute_url())
    assert DRAFT_INTRO in reader.content.decode()
    assert api(client, q="zebra")["count"] == 1
    latest = Version.objects.get_for_object(live).first()
    assert latest.revision.get_comment().startswith("Published the draft of the live guide")
    assert latest.revision.user.username == "edna"


def test_discarding_the_draft_leaves_the_live_guide_and_its_history_says_so(edna, live, draft):
    assert "Discard the draft" in edna.get(discard_url(draft)).content.decode()
    response = edna.post(discard_url(draft))
    assert response["Location"] == change_url(live)
    assert not Exercise.objects.filter(pk=draft.pk).exists()
    live.refresh_from_db()
    assert live.intro == "Sit back slowly.\n\nThen **breathe**."
    latest = Version.objects.get_for_object(live).first()
    assert latest.revision.get_comment().startswith("Discarded the draft of the live guide")


def test_every_save_of_a_draft_is_a_revision_of_it(edna, draft):
    before = Version.objects.get_for_object(draft).count()
    assert before == 1  # saving the live guide as a draft
    save(edna, draft, {**open_form(edna, draft), "intro": "Reworded in the draft."})
    assert Version.objects.get_for_object(draft).count() == 2
    draft.refresh_from_db()
    assert draft.intro == "Reworded in the draft." and draft.is_pending_draft


def test_a_guide_has_one_draft_at_a_time(edna, live, draft):
    page = edna.get(change_url(live)).content.decode()
    assert "This guide has a draft waiting to be published" in page
    assert 'name="_save_draft"' not in page
    data = {**open_form(edna, live), "_save_draft": "Save as draft of the live guide"}
    edna.post(change_url(live), data)
    assert Exercise.objects.filter(draft_of=live).count() == 1


def test_a_draft_only_exercise_has_no_save_as_draft_button(edna, db):
    not_live = make_exercise("Secret Draft Stretch", status="draft")
    assert 'name="_save_draft"' not in edna.get(change_url(not_live)).content.decode()


def test_a_drafts_links_are_its_own_until_it_is_published(edna, live):
    puppy = make_exercise("Puppy Pose")
    draft, _response = save_as_draft(edna, live, related=[str(puppy.pk)])
    assert list(draft.related.all()) == [puppy]
    assert list(puppy.related.all()) == []  # no guide links to a draft
    assert list(live.related.all()) == []
    edna.post(publish_url(draft))
    assert list(live.related.all()) == [puppy]
    assert list(puppy.related.all()) == [live]
    latest = Version.objects.get_for_object(puppy).first()
    assert latest.field_dict["related"] == [live.pk]


def test_a_draft_named_like_another_guide_is_not_published(edna, live, draft):
    make_exercise("Puppy Pose")
    save(edna, draft, {**open_form(edna, draft), "name": "Puppy Pose"})
    response = edna.post(publish_url(draft), follow=True)
    assert "Another exercise is already called “Puppy Pose”" in response.content.decode()
    assert Exercise.objects.filter(pk=draft.pk).exists()


def test_a_draft_keeps_the_guides_address(edna, draft):
    page = edna.get(change_url(draft)).content.decode()
    assert 'name="slug"' not in page
    assert 'name="status"' not in page


def test_a_stale_draft_form_is_a_conflict_like_any_other(edna, second_editor, draft):
    otto = logged_in(second_editor)
    ednas, ottos = open_form(edna, draft), open_form(otto, draft)
    save(edna, draft, {**ednas, "intro": "Edna's draft."})
    refused = otto.post(change_url(draft), {**ottos, "intro": "Otto's draft."})
    assert "Edna saved this exercise" in refused.content.decode()
    save(otto, draft, form_data(refused))
    draft.refresh_from_db()
    assert draft.intro == "Otto's draft."


def test_publishing_is_refused_to_readers_and_needs_a_post(client, reader, live, draft):
    for who in (Client(), logged_in(reader)):
        response = who.post(publish_url(draft))
        assert response.status_code == HTTPStatus.FOUND
        assert reverse("admin:login") in response["Location"]
    assert Exercise.objects.filter(pk=draft.pk).exists()


def test_the_draft_preview_is_the_view_on_site_link_of_the_draft(edna, live, draft):
    page = edna.get(change_url(draft)).content.decode()
    assert preview_url(live) in page


def test_saving_as_a_draft_with_a_mistake_shows_the_mistake_and_makes_no_draft(edna, live):
    data = {**open_form(edna, live), "name": "", "_save_draft": "Save as draft"}
    response = edna.post(change_url(live), data)
    assert response.status_code == HTTPStatus.OK
    assert errors_on_page(response)
    assert not Exercise.objects.filter(draft_of=live).exists()


def test_an_import_updates_the_live_guide_not_its_draft(live, draft):
    from exercises.importers.save import save_article
    from exercises.importers.source import parse_text

    text = "---\nslug: thread-the-needle\n---\n# Thread the Needle\n\nAn imported intro.\n"
    save_article(parse_text(text), source="import.md")
    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.intro == "An imported intro."
    assert draft.intro == DRAFT_INTRO and draft.is_pending_draft


def test_linking_a_guide_in_the_drafts_own_form_leaves_that_guide_alone(edna, live, draft):
    puppy = make_exercise("Puppy Pose")
    save(edna, draft, {**open_form(edna, draft), "variations": [str(puppy.pk)]})
    assert list(draft.variations.all()) == [puppy]
    assert list(puppy.variations.all()) == []
    assert not Version.objects.get_for_object(puppy).exists()


def test_an_export_writes_the_live_guide_not_its_draft(tmp_path, live, draft):
    from exercises.importers.export import export_to_folder

    written = export_to_folder(tmp_path)
    assert [path.name for path in written] == ["thread-the-needle.md"]
    text = written[0].read_text()
    assert "Sit back slowly." in text and DRAFT_INTRO not in text


def test_step_pictures_follow_their_steps_into_the_draft_and_back(edna, live):
    """A picture beside a step belongs to that step in the draft, and to the new step of
    the live guide once the draft is published; a deleted step takes its picture along."""
    first, second = live.steps.all()[:2]
    stored_image(live, step=first, alt="Picture of the first step")
    stored_image(live, step=second, alt="Picture of the second step")

    draft, response = save_as_draft(edna, live, **{"steps-1-DELETE": "on"})
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    pictured = {image.alt: image.step for image in draft.images.all()}
    assert list(pictured) == ["Picture of the first step"]
    assert pictured["Picture of the first step"].exercise == draft
    assert live.images.count() == 2  # the live guide is untouched

    assert edna.post(publish_url(draft)).status_code == HTTPStatus.FOUND
    (image,) = live.images.all()
    assert image.step.exercise == live and image.step.text == first.text
    assert "Picture of the first step" in Client().get(live.get_absolute_url()).content.decode()
