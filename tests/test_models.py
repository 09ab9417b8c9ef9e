import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exercises.models import Equipment, Exercise, Faq, RecommendedEquipment, Status
from exercises.page import ExercisePage
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def test_published_queryset_hides_drafts(exercise, draft):
    assert list(Exercise.objects.published()) == [exercise]


def test_staff_see_drafts_and_readers_do_not(exercise, draft, editor, reader):
    assert set(Exercise.objects.visible_to(editor)) == {exercise, draft}
    assert list(Exercise.objects.visible_to(reader)) == [exercise]
    assert list(Exercise.objects.visible_to(AnonymousUser())) == [exercise]


def test_first_publication_time_is_kept_when_republished(draft):
    assert draft.published_at is None
    draft.status = Status.PUBLISHED
    draft.save()
    first = draft.published_at
    assert first is not None
    draft.status = Status.DRAFT
    draft.save()
    draft.status = Status.PUBLISHED
    draft.save()
    assert draft.published_at == first


def test_slug_must_be_unique(exercise):
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.create(name="Another name", slug=exercise.slug)


def test_faq_anchor_comes_from_question_and_survives_rewording(exercise):
    faq = Faq.objects.create(exercise=exercise, question="Where should I feel it?", answer="x")
    assert faq.anchor == "where-should-i-feel-it"
    faq.question = "Where exactly should I feel the stretch?"
    faq.save()
    assert faq.anchor == "where-should-i-feel-it"
    assert faq.get_absolute_url().endswith("#faq-where-should-i-feel-it")


def test_same_question_twice_gets_distinct_anchors(exercise):
    first = Faq.objects.create(exercise=exercise, question="Is it safe?", answer="Yes.")
    second = Faq.objects.create(exercise=exercise, question="Is it safe?", answer="Mostly.")
    assert first.anchor != second.anchor


def test_faq_anchor_unique_within_one_exercise(exercise):
    Faq.objects.create(exercise=exercise, question="A?", answer="a", anchor="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        Faq.objects.create(exercise=exercise, question="B?", answer="b", anchor="same")
    other = make_exercise(name="Other Stretch")
    Faq.objects.create(exercise=other, question="A?", answer="a", anchor="same")


def test_recommended_equipment_needs_a_name_or_an_entry(exercise):
    item = RecommendedEquipment(exercise=exercise, why="Helps.")
    with pytest.raises(ValidationError, match="Pick an equipment entry or type a name"):
        item.full_clean()
    item.equipment = Equipment.objects.create(name="Foam roller")
    item.full_clean()
    item.save()
    assert item.display_name == "Foam roller"


def test_exercise_page_keeps_editor_order(exercise):
    Faq.objects.create(exercise=exercise, question="Last?", answer="z", order=50)
    Faq.objects.create(exercise=exercise, question="First?", answer="a", order=-1 + 1)
    page = ExercisePage(Exercise.objects.for_detail_page().get(pk=exercise.pk))
    questions = [faq.question for faq in page.rows("faq")]
    assert questions[-1] == "Last?"
    assert questions.index("First?") < questions.index("Last?")


def test_taxonomy_entry_gets_slug_from_name():
    assert Equipment.objects.create(name="Yoga Block").slug == "yoga-block"
