"""The FAQ search index, in the database's own full-text engine.

SQLite: FTS5 tables with porter stemming, and a trigram index over the vocabulary.
PostgreSQL: weighted tsvectors with GIN indexes, an English configuration without accents
(unaccent), and pg_trgm over the vocabulary. The SQL, and how the content already there is
indexed, are written out here, frozen, as migrations should be: nothing is imported from the
app. exercises/search/ reads and writes these tables (on PostgreSQL as the models declared
at the end).
"""

import html
import re
import unicodedata
from collections import Counter
from itertools import islice

import markdown
import nh3
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models
from django.utils.html import strip_tags

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


# How the existing content was indexed when this migration was written, frozen here as
# migrations should be: the app's own code (exercises/search/) may change after it.
MARKERS = str.maketrans("", "", "\ue000\ue001\x00")  # highlight markers and NUL bytes
WORD = re.compile(r"[^\W_]+")
PLAIN = re.compile(r"(?:[^\W_]|[ ,.;:?!()%/])*")  # reads the same as Markdown and as text
MARKDOWN_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
BATCH = 2000

TERM_INSERT = "INSERT INTO exercises_search_term (term, docs) VALUES (%(term)s, %(docs)s)"
FILL = {
    "sqlite": {
        "faq": """INSERT INTO exercises_search_faq
            (rowid, exercise_id, body_part_id, question, answer, exercise_name)
            VALUES (%(faq_id)s, %(exercise_id)s, %(body_part_id)s, %(question)s, %(answer)s,
                %(exercise_name)s)""",
        "exercise": """INSERT INTO exercises_search_exercise (rowid, name)
            VALUES (%(exercise_id)s, %(name)s)""",
        "optimize": [
            "INSERT INTO exercises_search_faq (exercises_search_faq) VALUES ('optimize')",
            """INSERT INTO exercises_search_exercise (exercises_search_exercise)
                VALUES ('optimize')""",
            """INSERT INTO exercises_search_term_trigram (exercises_search_term_trigram)
                VALUES ('optimize')""",
        ],
    },
    "postgresql": {
        "faq": """INSERT INTO exercises_search_faq
            (faq_id, exercise_id, body_part_id, question, answer, exercise_name, document)
            VALUES (%(faq_id)s, %(exercise_id)s, %(body_part_id)s, %(question)s, %(answer)s,
                %(exercise_name)s,
                setweight(to_tsvector('stretchsite_search', %(question)s), 'A')
                || setweight(to_tsvector('stretchsite_search', %(answer)s), 'B')
                || setweight(to_tsvector('stretchsite_search', %(exercise_name)s), 'C'))""",
        "exercise": """INSERT INTO exercises_search_exercise (exercise_id, name, document)
            VALUES (%(exercise_id)s, %(name)s, to_tsvector('stretchsite_search', %(name)s))""",
        "optimize": [
            "ANALYZE exercises_search_faq",
            "ANALYZE exercises_search_exercise",
            "ANALYZE exercises_search_term",
        ],
    },
}


def clean(text):
    return (text or "").translate(MARKERS)


def markdown_to_text(text):
    """What a reader saw of a Markdown answer, as plain text."""
    text = text or ""
    if PLAIN.fullmatch(text):
        return clean(text).strip()
    rendered = markdown.markdown(
        text, extensions=["extra", "sane_lists", "smarty"], output_format="html"
    )
    safe = nh3.clean(rendered, tags=MARKDOWN_TAGS, strip_comments=True)
    return clean(html.unescape(strip_tags(safe))).strip()


def vocabulary(text):
    """The words kept for spelling corrections: folded, 4 to 40 letters, not numbers."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return {w for w in WORD.findall(folded) if 4 <= len(w) <= 40 and not w.isdigit()}


def insert(cursor, sql, rows):
    """Run `sql` once for each row (a dict of parameters), a batch at a time."""
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        cursor.executemany(sql, batch)


def entries(faqs, terms: Counter):
    """The index rows of `faqs`, counting their words in `terms` on the way."""
    for faq in faqs.iterator(chunk_size=BATCH):
        entry = {
            "faq_id": faq.pk,
            "exercise_id": faq.exercise_id,
            "body_part_id": faq.exercise.body_part_id,
            "question": clean(faq.question),
            "answer": markdown_to_text(faq.answer),
            "exercise_name": clean(faq.exercise.name),
        }
        terms.update(vocabulary(f"{entry['question']} {entry['answer']} {entry['exercise_name']}"))
        yield entry


def fill_index(apps, schema_editor):
    """Index the content that is already there (an existing site gaining search)."""
    sql = FILL[schema_editor.connection.vendor]
    faqs = apps.get_model("exercises", "Faq").objects.filter(exercise__status="published")
    exercises = apps.get_model("exercises", "Exercise").objects.filter(status="published")
    terms = Counter()
    with schema_editor.connection.cursor() as cursor:
        insert(cursor, sql["faq"], entries(faqs.select_related("exercise"), terms))
        insert(cursor, TERM_INSERT, ({"term": t, "docs": n} for t, n in sorted(terms.items())))
        names = exercises.values_list("pk", "name")
        insert(cursor, sql["exercise"], ({"exercise_id": pk, "name": clean(n)} for pk, n in names))
        for statement in sql["optimize"]:
            cursor.execute(statement)


def index_table(name, table, fields):
    """The index tables on PostgreSQL, as models the search reads and writes; Django does not
    manage them (on SQLite they are FTS5 tables of the same names)."""
    options = {"db_table": table, "managed": False, "default_permissions": ()}
    return migrations.CreateModel(name=name, fields=fields, options=options)


INDEX_MODELS = [
    index_table(
        "ExerciseSearchEntry",
        "exercises_search_exercise",
        [
            ("exercise_id", models.BigIntegerField(primary_key=True, serialize=False)),
            ("name", models.TextField()),
            ("document", SearchVectorField()),
        ],
    ),
    index_table(
        "FaqSearchEntry",
        "exercises_search_faq",
        [
            ("faq_id", models.BigIntegerField(primary_key=True, serialize=False)),
            ("exercise_id", models.BigIntegerField()),
            ("body_part_id", models.BigIntegerField(null=True)),
            ("question", models.TextField()),
            ("answer", models.TextField()),
            ("exercise_name", models.TextField()),
            ("document", SearchVectorField()),
        ],
    ),
    index_table(
        "SearchTerm",
        "exercises_search_term",
        [
            ("term", models.TextField(primary_key=True, serialize=False)),
            ("docs", models.IntegerField()),
        ],
    ),
]


class Migration(migrations.Migration):
    dependencies = [("exercises", "0004_synonym_editors_and_starters")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
        migrations.RunPython(fill_index, migrations.RunPython.noop),
        *INDEX_MODELS,
    ]
