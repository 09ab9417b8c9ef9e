from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from exercises.models import BodyPart, Exercise, Muscle, Status

pytestmark = pytest.mark.django_db


def test_demo_content_carries_both_source_article_shapes():
    call_command("load_demo_content", stdout=StringIO())
    kneeling = Exercise.objects.get(slug="dynamic-back-stretch-kneeling")
    assert kneeling.status == Status.PUBLISHED
    assert kneeling.sets_reps.count() == 4
    phases = [step.phase for step in kneeling.steps.all()]
    assert phases.count("setup") == 5 and phases.count("execution") == 6
    assert {tip.kind for tip in kneeling.tips.all()} == {"tip", "mistake"}
    assert kneeling.faqs.count() == 5
    assert kneeling.recommended_equipment.count() == 5
    assert kneeling.setup_tip and kneeling.equipment_tip and kneeling.progression_rule

    standing = Exercise.objects.get(slug="dynamic-back-stretch-standing")
    assert standing.steps.filter(phase="setup").count() == 0
    assert standing.steps.filter(phase="execution").count() == 6
    assert standing in kneeling.variations.all()


def test_loading_twice_changes_nothing():
    call_command("load_demo_content", stdout=StringIO())
    counts = (Exercise.objects.count(), Muscle.objects.count(), BodyPart.objects.count())
    faq_anchors = sorted(Exercise.objects.values_list("faqs__anchor", flat=True))
    call_command("load_demo_content", stdout=StringIO())
    assert (Exercise.objects.count(), Muscle.objects.count(), BodyPart.objects.count()) == counts
    assert sorted(Exercise.objects.values_list("faqs__anchor", flat=True)) == faq_anchors


def test_demo_logins_are_created_once_and_printed(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo_content", "--with-demo-users", stdout=out)
    assert "admin / stretchsite-admin" in out.getvalue()
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert editor.check_password("stretchsite-editor")
    call_command("load_demo_content", "--with-demo-users", stdout=StringIO())
    assert get_user_model().objects.count() == 2


def test_demo_logins_are_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development only"):
        call_command("load_demo_content", "--with-demo-users", stdout=StringIO())
    assert not get_user_model().objects.exists()
    assert not Exercise.objects.exists()
