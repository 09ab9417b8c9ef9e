"""Keeping the index in step with the content: one entry per FAQ of a published exercise."""

from collections.abc import Iterator

from django.db import connection

from ..markdown import markdown_to_text
from ..models import Exercise, Faq
from ..models.search import FaqMeaning
from . import meaning
from .base import FAQ_TABLE, Document, Engine
from .text import clean


def engine() -> Engine:
    """The engine for the database in use, chosen by its vendor."""
    if connection.vendor == "postgresql":
        from .postgres import PostgresEngine

        return PostgresEngine()
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteEngine

        return SQLiteEngine()
    raise NotImplementedError(f"No search engine for the {connection.vendor} database.")


def document(faq: Faq, exercise: Exercise) -> Document:
    return Document(
        faq_id=faq.pk,
        exercise_id=faq.exercise_id,
        body_part_id=exercise.body_part_id,
        question=clean(faq.question),
        answer=clean(markdown_to_text(faq.answer)),
        exercise_name=clean(exercise.name),
    )


def reindex_exercise(exercise_id: int) -> None:
    """Index a published exercise's FAQ entries and name, or drop a draft's."""
    exercise = (
        Exercise.objects.filter(pk=exercise_id)
        # What `is_published` reads: the status, a draft's link to its guide, the times.
        .only("name", "status", "body_part", "draft_of", "publish_at", "unpublish_at")
        .first()
    )
    faqs = list(Faq.objects.filter(exercise_id=exercise_id))
    current = engine()
    if exercise is not None and exercise.is_published:
        current.put_documents([document(faq, exercise) for faq in faqs])
        current.put_exercise_names([(exercise.pk, clean(exercise.name))])
    else:
        current.remove_documents([faq.pk for faq in faqs])
        current.remove_exercise_names([exercise_id])


def reindex_faq(faq_id: int) -> None:
    faq = Faq.objects.filter(pk=faq_id).select_related("exercise").first()
    if faq is None:
        remove_faq(faq_id)
    elif faq.exercise.is_published:
        engine().put_documents([document(faq, faq.exercise)])
    else:
        remove_faq(faq_id)


def remove_faq(faq_id: int) -> None:
    engine().remove_documents([faq_id])


def remove_exercise(exercise_id: int) -> None:
    engine().remove_exercise_names([exercise_id])


def published_documents() -> Iterator[Document]:
    rows = (
        Faq.objects.published()
        .select_related("exercise")
        .only("question", "answer", "exercise_id", "exercise__name", "exercise__body_part")
        .order_by("pk")
    )
    for faq in rows.iterator(chunk_size=2000):
        yield document(faq, faq.exercise)


def rebuild_index() -> int:
    """Rebuild everything from the published content; returns the number of entries."""
    exercises = Exercise.objects.published().values_list("pk", "name")
    return engine().rebuild(published_documents(), [(pk, clean(name)) for pk, name in exercises])


def rebuild_if_out_of_step() -> bool:
    """Rebuild when the index does not hold one entry per published FAQ entry (a cheap
    check; it catches tables emptied behind the index's back). Returns whether it did."""
    tables = connection.introspection.table_names()
    if FAQ_TABLE not in tables:
        return False  # migrated back to before the index existed
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FAQ_TABLE}")
        indexed = cursor.fetchone()[0]
    published = Faq.objects.published().count()
    # Vectors are missing after the migration that added them, or when the model could
    # not load while entries were saved: fill them in once the model is there.
    # The counts first: loading the model takes a while, and most migrates need nothing.
    vectors_missing = (
        FaqMeaning._meta.db_table in tables
        and FaqMeaning.objects.count() != published
        and meaning.model() is not None
    )
    if indexed == published and not vectors_missing:
        return False
    rebuild_index()
    return True
