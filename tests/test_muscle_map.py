"""The muscle map covers the whole vocabulary: a muscle with no regions must say so."""

from io import StringIO

import pytest
from django.core.management import call_command

from exercises.models import Muscle
from exercises.muscle_map import MUSCLE_REGIONS, REGION_KEYS, REGIONS, is_mapped

pytestmark = pytest.mark.django_db


def test_every_muscle_of_the_vocabulary_is_drawn_or_marked_not_drawn():
    call_command("load_demo_content", stdout=StringIO())
    missing = [m.name for m in Muscle.objects.all() if not is_mapped(m.slug)]
    assert missing == [], (
        "Add these muscles to exercises/muscle_map.MUSCLE_REGIONS (regions, or NOT_DRAWN)"
    )


def test_every_mapped_region_exists_in_the_drawing():
    unknown = {slug: keys for slug, keys in MUSCLE_REGIONS.items() if set(keys) - REGION_KEYS}
    assert unknown == {}


def test_every_region_of_the_drawing_belongs_to_some_muscle():
    used = {key for keys in MUSCLE_REGIONS.values() for key in keys}
    assert {region.key for region in REGIONS} <= used
