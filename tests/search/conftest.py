import pytest
from django.core.management import call_command

from exercises.models import BodyPart, Exercise, Faq
from tests.search.corpus import EXTRA_EXERCISES


def load_corpus() -> None:
    """The demo exercises plus our extra FAQ entries, all published and indexed."""
    call_command("load_demo_content", verbosity=0)
    for data in EXTRA_EXERCISES:
        body_part, _ = BodyPart.objects.get_or_create(name=data["body_part"])
        exercise = Exercise.objects.create(
            name=data["name"],
            slug=data["name"].lower().replace("'", "").replace(" ", "-"),
            status="published",
            body_part=body_part,
        )
        for order, (question, answer) in enumerate(data["faqs"]):
            Faq.objects.create(exercise=exercise, order=order, question=question, answer=answer)


@pytest.fixture
def corpus(db):
    load_corpus()


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)
