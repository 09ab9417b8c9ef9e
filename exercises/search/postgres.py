"""PostgreSQL engine: weighted tsvectors in a GIN index, searched through
django.contrib.postgres.search (websearch_to_tsquery, ts_rank, ts_headline) over the index's
models, and pg_trgm over the vocabulary for spelling corrections."""

from contextlib import contextmanager
from dataclasses import asdict, fields
from functools import reduce
from operator import add, and_

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Cast, Length

from ..models.search import ExerciseSearchEntry, FaqSearchEntry, SearchTerm
from .base import EXERCISE_TABLE, FAQ_TABLE, TERM_TABLE, Document, Engine
from .ranking import CANDIDATES, ORDER
from .text import MARK_END, MARK_START

# English stemming and stop words, with accents removed (as SQLite's remove_diacritics).
CONFIG = "stretchsite_search"
# An entry's words are weighted by where they stand: question (A) above answer (B) above the
# exercise's name (C); and ts_rank's weights for D, C, B and A.
DOCUMENT_SQL = " || ".join(
    f"setweight(to_tsvector('{CONFIG}', %({column})s), '{weight}')"
    for column, weight in {"question": "A", "answer": "B", "exercise_name": "C"}.items()
)
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]
MARKS = {"start_sel": MARK_START, "stop_sel": MARK_END}
# Up to two short passages of the answer around the matched words.
SNIPPET = {
    "max_words": 30,
    "min_words": 12,
    "short_word": 3,
    "max_fragments": 2,
    "fragment_delimiter": " … ",
}
DOCUMENT_FIELDS = [field.name for field in fields(Document)]


@contextmanager
def gin_index_only():
    """For queries that must use the GIN index.

    Under a LIMIT the planner likes a sequential scan when it expects matches to be
    plentiful; for a rare word that reads every row (100 ms at 100,000 entries instead of
    under 1). The setting lasts for these queries only, even inside a larger transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        # Not in a `finally`: after an error the transaction is aborted and would refuse this
        # statement, hiding the real error; the savepoint's rollback undoes SET LOCAL anyway.
        cursor.execute("SET LOCAL enable_seqscan = on")


class PostgresEngine(Engine):
    def any_of(self, phrases):
        # The reader's words reach PostgreSQL only as the text of websearch_to_tsquery, which
        # accepts any text without error.
        text = " or ".join(f'"{" ".join(p)}"' if len(p) > 1 else p[0] for p in phrases)
        return SearchQuery(text, config=CONFIG, search_type="websearch")

    def all_of(self, expressions, excluded):
        expression = reduce(and_, expressions)
        return expression & ~excluded if excluded else expression

    def fetch_documents(self, faq_ids):
        entries = FaqSearchEntry.objects.select_for_update().filter(pk__in=faq_ids)
        return [Document(*row) for row in entries.values_list(*DOCUMENT_FIELDS)]

    def delete_rows(self, faq_ids):
        FaqSearchEntry.objects.filter(pk__in=faq_ids).delete()

    # The index is written in SQL: through the ORM, a document worked out per row costs more
    # to compile than to store (a rebuild of 90,000 entries took 110 s instead of about 40),
    # and one worked out after the insert (update()) writes every row twice.

    def insert_rows(self, documents):
        if not documents:
            return
        columns = ", ".join(DOCUMENT_FIELDS)
        values = ", ".join(f"%({name})s" for name in DOCUMENT_FIELDS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FAQ_TABLE} ({columns}, document) VALUES ({values}, {DOCUMENT_SQL})",
                [asdict(d) for d in documents],
            )

    def put_exercise_names(self, exercises):
        if not exercises:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {EXERCISE_TABLE} (exercise_id, name, document) "
                f"VALUES (%(pk)s, %(name)s, to_tsvector('{CONFIG}', %(name)s)) "
                "ON CONFLICT (exercise_id) DO UPDATE "
                "SET name = excluded.name, document = excluded.document",
                [{"pk": pk, "name": name} for pk, name in exercises],
            )

    def remove_exercise_names(self, exercise_ids):
        ExerciseSearchEntry.objects.filter(pk__in=exercise_ids).delete()

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {FAQ_TABLE}, {EXERCISE_TABLE}, {TERM_TABLE}")

    def optimize(self):
        with connection.cursor() as cursor:
            for table in (FAQ_TABLE, EXERCISE_TABLE, TERM_TABLE):
                cursor.execute(f"ANALYZE {table}")

    def word_matches(self, word):
        with gin_index_only():
            return FaqSearchEntry.objects.filter(document=SearchQuery(word, config=CONFIG)).exists()

    def similar_terms(self, word):
        # pg_trgm's similarity operator (`%`, threshold 0.3) is served by the GIN index.
        terms = (
            SearchTerm.objects.filter(TrigramSimilar(F("term"), word))
            .alias(length=Length("term"))
            .filter(length__range=(len(word) - 2, len(word) + 2))
            .order_by(TrigramSimilarity("term", word).desc(), "-docs")
        )
        return list(terms.values_list("term", "docs")[:40])

    def matching(self, query, strict, body_part_id):
        entries = FaqSearchEntry.objects.filter(document=self.expression(query, strict))
        if body_part_id is not None:
            entries = entries.filter(body_part_id=body_part_id)
        return entries

    def count(self, query, strict, body_part_id, limit):
        with gin_index_only():
            return self.matching(query, strict, body_part_id)[:limit].count()

    def ranked(self, query, strict, body_part_id, many):
        candidates = self.matching(query, strict, body_part_id)
        if many:
            newest = candidates.order_by("-faq_id")[:CANDIDATES]
            candidates = FaqSearchEntry.objects.filter(pk__in=newest.values("pk"))
        if strict:
            # Every candidate matches every clause. Cast, or the constant would reach
            # PostgreSQL as "ORDER BY 1": the first column.
            clauses = Cast(Value(len(query.clauses)), IntegerField())
        else:
            clauses = reduce(
                add,
                (
                    Case(When(document=clause, then=1), default=0)
                    for clause in self.clause_expressions(query)
                ),
            )
        score = SearchRank(F("document"), self.expression(query, strict), weights=RANK_WEIGHTS)
        rows = (
            candidates.annotate(clauses=clauses, score=score)
            .order_by(*(F(measure).desc() for measure in ORDER))
            .values_list("faq_id", "score")
        )
        with gin_index_only():
            return list(rows)

    def marked(self, query, faq_ids):
        if not faq_ids:
            return {}
        expression = self.expression(query, strict=False)
        rows = FaqSearchEntry.objects.filter(pk__in=faq_ids, document=expression).values_list(
            "faq_id",
            # PostgreSQL marks the words of the rows kept only.
            SearchHeadline("question", expression, config=CONFIG, highlight_all=True, **MARKS),
            SearchHeadline("answer", expression, config=CONFIG, **SNIPPET, **MARKS),
        )
        return {faq_id: (question, snippet) for faq_id, question, snippet in rows}

    def matching_exercise_ids(self, query, limit):
        expression = self.expression(query, strict=True)
        names = ExerciseSearchEntry.objects.filter(document=expression).order_by(
            SearchRank(F("document"), expression).desc(), "name"
        )
        return list(names.values_list("exercise_id", flat=True)[:limit])
