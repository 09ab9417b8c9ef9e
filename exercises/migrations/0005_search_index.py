"""The FAQ search index, in the database's own full-text engine.

SQLite: FTS5 tables with porter stemming, and a trigram index over the vocabulary.
PostgreSQL: weighted tsvectors with GIN indexes, an English configuration without accents
(unaccent), and pg_trgm over the vocabulary. The SQL is written out here, frozen, as
migrations should be; exercises/search/ reads and writes these tables.
"""

from django.db import migrations

TOKENIZER = "porter unicode61 remove_diacritics 2"

SQLITE = [
    f"""CREATE VIRTUAL TABLE exercises_search_faq USING fts5(
        question, answer, exercise_name, exercise_id UNINDEXED, body_part_id UNINDEXED,
        tokenize = '{TOKENIZER}')""",
    f"""CREATE VIRTUAL TABLE exercises_search_exercise USING fts5(
        name, tokenize = '{TOKENIZER}')""",
    """CREATE TABLE exercises_search_term (
        id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, docs INTEGER NOT NULL)""",
    """CREATE VIRTUAL TABLE exercises_search_term_trigram USING fts5(
        term, content = 'exercises_search_term', content_rowid = 'id', tokenize = 'trigram')""",
    """CREATE TRIGGER exercises_search_term_added AFTER INSERT ON exercises_search_term BEGIN
        INSERT INTO exercises_search_term_trigram (rowid, term) VALUES (new.id, new.term);
        END""",
    """CREATE TRIGGER exercises_search_term_removed AFTER DELETE ON exercises_search_term BEGIN
        INSERT INTO exercises_search_term_trigram (exercises_search_term_trigram, rowid, term)
        VALUES ('delete', old.id, old.term);
        END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS exercises_search_term_removed",
    "DROP TRIGGER IF EXISTS exercises_search_term_added",
    "DROP TABLE IF EXISTS exercises_search_term_trigram",
    "DROP TABLE IF EXISTS exercises_search_term",
    "DROP TABLE IF EXISTS exercises_search_exercise",
    "DROP TABLE IF EXISTS exercises_search_faq",
]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION stretchsite_search (COPY = english)",
    """ALTER TEXT SEARCH CONFIGURATION stretchsite_search
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem""",
    """CREATE TABLE exercises_search_faq (
        faq_id bigint PRIMARY KEY,
        exercise_id bigint NOT NULL,
        body_part_id bigint,
        question text NOT NULL,
        answer text NOT NULL,
        exercise_name text NOT NULL,
        document tsvector NOT NULL)""",
    "CREATE INDEX exercises_search_faq_document ON exercises_search_faq USING gin (document)",
    "CREATE INDEX exercises_search_faq_exercise ON exercises_search_faq (exercise_id)",
    """CREATE TABLE exercises_search_exercise (
        exercise_id bigint PRIMARY KEY, name text NOT NULL, document tsvector NOT NULL)""",
    """CREATE INDEX exercises_search_exercise_document
        ON exercises_search_exercise USING gin (document)""",
    "CREATE TABLE exercises_search_term (term text PRIMARY KEY, docs integer NOT NULL)",
    """CREATE INDEX exercises_search_term_trigram
        ON exercises_search_term USING gin (term gin_trgm_ops)""",
]
POSTGRESQL_REVERSE = [
    "DROP TABLE IF EXISTS exercises_search_term",
    "DROP TABLE IF EXISTS exercises_search_exercise",
    "DROP TABLE IF EXISTS exercises_search_faq",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS stretchsite_search",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"FAQ search supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}."
            )
        for sql in statements:
            schema_editor.execute(sql, params=None)

    return operation


def fill_index(apps, schema_editor):
    """Index the content that is already there (an existing site gaining search)."""
    from exercises.search.base import Document
    from exercises.search.index import engine
    from exercises.search.text import clean, markdown_to_text

    Faq = apps.get_model("exercises", "Faq")
    Exercise = apps.get_model("exercises", "Exercise")
    faqs = Faq.objects.filter(exercise__status="published").select_related("exercise")
    documents = (
        Document(
            faq.pk,
            faq.exercise_id,
            faq.exercise.body_part_id,
            clean(faq.question),
            markdown_to_text(faq.answer),
            clean(faq.exercise.name),
        )
        for faq in faqs.iterator()
    )
    exercises = Exercise.objects.filter(status="published").values_list("pk", "name")
    engine().rebuild(documents, [(pk, clean(name)) for pk, name in exercises])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0004_synonym_editors_and_starters")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.RunPython(fill_index, migrations.RunPython.noop),
    ]
