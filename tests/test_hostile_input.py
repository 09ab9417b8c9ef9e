"""Every parser the site has, over inputs built to make it slow or crash: each one is read
or refused with a message for people, within a time limit, never an unhandled error.
(How long each takes is measured by bench/hostile_input.py.)"""

import pytest

from tests.hostile_inputs import ALL, run
from tests.test_markdown import fails_if_still_running

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("hostile", ALL, ids=lambda hostile: f"{hostile.kind}: {hostile.name}")
def test_hostile_input_is_read_or_refused_in_time(hostile):
    with fails_if_still_running():
        outcome = run(hostile)
    assert outcome == "read" or outcome.startswith("refused: ")
    if outcome != "read":
        assert len(outcome) < 400 and "Traceback" not in outcome


def test_what_must_be_refused_is_refused():
    outcomes = {
        hostile.name: run(hostile) for hostile in ALL if hostile.kind in ("image", "article")
    }
    assert "megapixels" in outcomes["PNG claiming 20000 × 20000 pixels"]
    assert "megapixels" in outcomes["PNG claiming 88 megapixels"]
    assert outcomes["SVG with a script"].startswith("refused: ")
    assert outcomes["PNG with a text-chunk bomb"].startswith("refused: ")
    assert "too deeply" in outcomes["front matter nested 1,000 deep"]
    assert "damaged or incomplete" in outcomes["truncated JPEG"]
    assert "damaged or incomplete" in outcomes["PNG whose pixel data stops short"]
