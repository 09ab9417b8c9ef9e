import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from exercises.models import BodyPart, Exercise, Faq
from exercises.search.service import SYNONYMS_CACHE_KEY
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


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    """Synonyms are cached; a test's rolled-back changes must not reach the next test."""
    cache.delete(SYNONYMS_CACHE_KEY)
    yield
    cache.delete(SYNONYMS_CACHE_KEY)


@pytest.fixture
def corpus(db):
    load_corpus()


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """The demo content, loaded once per test module (loading it takes a second or more)
    inside a transaction that is rolled back after the module's last test. Each test still
    runs in its own savepoint, so what one test changes the next does not see."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo_content", verbosity=0)
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_for_module, db):
    """Use only in modules where every test uses it: the data stays for the module."""


@pytest.fixture
def keyword_only(settings):
    """Search by keywords alone: for tests of the keyword index and its order, where an
    entry close in meaning (a surgeon's answer for "surgery") would be a fair extra result."""
    settings.SEARCH_MEANING = False
