"""Publishing at a set time: the publish and unpublish times editors set in the admin, the
`publish_scheduled` command that applies them, and readers, who never see a guide before
its time, whenever the command runs."""

from datetime import timedelta
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from exercises.models import Exercise, Status
from exercises.publishing import apply_schedule
from tests.admin_forms import change_url, errors_on_page, logged_in, open_form, save
from tests.factories import make_exercise
from tests.search.helpers import api

pytestmark = pytest.mark.django_db


def local(moment) -> str:
    """A time as the admin's date and time boxes take it."""
    moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y"), moment.strftime("%H:%M:%S")


def schedule(data: dict, field: str, moment) -> None:
    data[f"{field}_0"], data[f"{field}_1"] = local(moment)


@pytest.fixture
def edna(editor):
    return logged_in(editor)


@pytest.fixture
def not_live(db):
    return make_exercise("Secret Draft Stretch", status="draft")


def run_command() -> str:
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


def visible_to_readers(client, exercise) -> bool:
    return client.get(exercise.get_absolute_url()).status_code == HTTPStatus.OK


# -- Setting the times in the admin ------------------------------------------------------


def test_an_editor_schedules_a_draft_and_it_stays_hidden_until_then(client, edna, not_live):
    data = open_form(edna, not_live)
    data["status"] = "published"  # "publish it, at this time"
    schedule(data, "publish_at", timezone.now() + timedelta(days=1))
    response = save(edna, not_live, data)
    assert "will be published on" in edna.get(response["Location"]).content.decode()
    not_live.refresh_from_db()
    assert not_live.status == Status.DRAFT and not_live.publish_at is not None
    assert not visible_to_readers(client, not_live)
    assert run_command() == ""  # not due yet


def test_a_publish_time_in_the_past_is_a_clear_error(edna, not_live):
    data = open_form(edna, not_live)
    schedule(data, "publish_at", timezone.now() - timedelta(hours=1))
    response = edna.post(change_url(not_live), data)
    assert response.status_code == HTTPStatus.OK
    assert any("This time has passed" in error for error in errors_on_page(response))


def test_an_unpublish_time_before_the_publish_time_is_a_clear_error(edna, not_live):
    data = open_form(edna, not_live)
    schedule(data, "publish_at", timezone.now() + timedelta(days=2))
    schedule(data, "unpublish_at", timezone.now() + timedelta(days=1))
    response = edna.post(change_url(not_live), data)
    assert any("after the publish time" in error for error in errors_on_page(response))


def test_a_live_guide_is_changed_at_a_set_time_through_a_draft(edna, exercise):
    data = open_form(edna, exercise)
    schedule(data, "publish_at", timezone.now() + timedelta(days=1))
    response = edna.post(change_url(exercise), data)
    assert any("already live" in error for error in errors_on_page(response))

    data["intro"] = "Tomorrow's intro."
    data["_save_draft"] = "Save as draft of the live guide"
    save(edna, exercise, data)
    draft = Exercise.objects.get(draft_of=exercise)
    assert draft.publish_at is not None
    exercise.refresh_from_db()
    assert exercise.publish_at is None and exercise.is_published


# -- The command -------------------------------------------------------------------------


def test_the_command_publishes_what_is_due_with_a_revision(client, not_live):
    Exercise.objects.filter(pk=not_live.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert not visible_to_readers(client, not_live)  # a draft until the command runs

    assert run_command().startswith("Published “Secret Draft Stretch”")
    not_live.refresh_from_db()
    assert not_live.status == Status.PUBLISHED and not_live.publish_at is None
    assert not_live.published_at is not None
    assert visible_to_readers(client, not_live)
    latest = Version.objects.get_for_object(not_live).first()
    assert latest.revision.get_comment().startswith("Published as scheduled for")
    assert latest.revision.user is None


def test_the_command_is_safe_to_run_again(not_live):
    Exercise.objects.filter(pk=not_live.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert len(apply_schedule()) == 1
    assert apply_schedule() == []
    assert Version.objects.get_for_object(not_live).count() == 1


def test_the_command_publishes_a_scheduled_draft_over_its_live_guide(client, edna, exercise):
    data = open_form(edna, exercise)
    data["intro"] = "The scheduled intro."
    data["_save_draft"] = "Save as draft of the live guide"
    save(edna, exercise, data)
    draft = Exercise.objects.get(draft_of=exercise)
    Exercise.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(minutes=1))

    assert run_command() == "Published the draft of “Kneeling Back Stretch”.\n"
    exercise.refresh_from_db()
    assert exercise.intro == "The scheduled intro."
    assert "The scheduled intro." in client.get(exercise.get_absolute_url()).content.decode()
    assert not Exercise.objects.filter(pk=draft.pk).exists()


def test_the_command_unpublishes_what_is_due(client, exercise):
    Exercise.objects.filter(pk=exercise.pk).update(
        unpublish_at=timezone.now() - timedelta(minutes=1)
    )
    assert run_command().startswith("Unpublished “Kneeling Back Stretch”")
    exercise.refresh_from_db()
    assert exercise.status == Status.DRAFT and exercise.unpublish_at is None
    assert not visible_to_readers(client, exercise)


def test_a_scheduled_change_stops_an_editor_working_from_the_old_version(edna, not_live):
    stale = open_form(edna, not_live)
    Exercise.objects.filter(pk=not_live.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    apply_schedule()
    refused = edna.post(change_url(not_live), {**stale, "publish_at_0": "", "publish_at_1": ""})
    page = refused.content.decode()
    assert "Your changes have NOT been saved" in page
    assert "Published as scheduled" in page


# -- Readers never see a guide before its time, or after it ------------------------------


def test_a_guide_is_hidden_before_its_publish_time_whatever_its_status(client, editor):
    early = make_exercise("Early Stretch", publish_at=timezone.now() + timedelta(hours=1))
    assert early.status == Status.PUBLISHED
    assert not visible_to_readers(client, early)
    assert client.get("/api/exercises/").json()["count"] == 0
    assert early.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    assert "Early Stretch" not in client.get("/feed/").content.decode()
    assert client.get("/body-parts/back/").status_code == HTTPStatus.NOT_FOUND
    assert api(client, q="question")["count"] == 0
    assert "Early Stretch" not in client.get("/").content.decode()
    staff = logged_in(editor)
    assert staff.get(early.get_absolute_url()).status_code == HTTPStatus.OK  # a preview


def test_a_guide_disappears_at_its_unpublish_time_before_the_command_runs(client, exercise):
    Exercise.objects.filter(pk=exercise.pk).update(
        unpublish_at=timezone.now() - timedelta(seconds=1)
    )
    assert not visible_to_readers(client, exercise)
    assert client.get("/api/exercises/").json()["count"] == 0


def test_a_page_cached_before_its_unpublish_time_goes_when_the_command_runs(client, exercise):
    assert visible_to_readers(client, exercise)
    assert client.get(exercise.get_absolute_url())["X-Page-Cache"] == "hit"
    Exercise.objects.filter(pk=exercise.pk).update(
        unpublish_at=timezone.now() - timedelta(seconds=1)
    )
    apply_schedule()  # every minute: the cached page lasts until then at most
    assert not visible_to_readers(client, exercise)


def test_the_page_cache_follows_a_scheduled_publication(client, not_live):
    listing = client.get("/exercises/")
    assert "Secret Draft Stretch" not in listing.content.decode()
    assert client.get("/exercises/")["X-Page-Cache"] == "hit"
    Exercise.objects.filter(pk=not_live.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    apply_schedule()
    listing = client.get("/exercises/")
    assert listing["X-Page-Cache"] == "miss"
    assert "Secret Draft Stretch" in listing.content.decode()


def test_the_list_shows_what_is_scheduled(edna, not_live, exercise):
    Exercise.objects.filter(pk=not_live.pk).update(publish_at=timezone.now() + timedelta(days=1))
    page = edna.get("/admin/exercises/exercise/").content.decode()
    assert "Scheduled: publishes" in page
    assert "Live" in page
    scheduled = edna.get("/admin/exercises/exercise/", {"state": "scheduled"}).content.decode()
    assert "Secret Draft Stretch" in scheduled and "Kneeling Back Stretch" not in scheduled
