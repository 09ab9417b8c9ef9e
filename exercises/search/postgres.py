"""PostgreSQL engine: weighted tsvectors in a GIN index, websearch_to_tsquery, ts_rank,
ts_headline, and pg_trgm over the vocabulary for spelling corrections."""

from contextlib import contextmanager

from django.db import connection, transaction

from .base import CANDIDATES, EXERCISE_TABLE, FAQ_TABLE, TERM_TABLE, Document, Engine
from .query import Query
from .text import MARK_END, MARK_START

# English stemming and stop words, with accents removed (as SQLite's remove_diacritics).
CONFIG = "stretchsite_search"
# ts_rank weights for D, C, B, A: question (A) above answer (B) above exercise name (C).
WEIGHTS = "'{0.05, 0.2, 0.4, 1.0}'::float4[]"
MARKS = f'StartSel="{MARK_START}", StopSel="{MARK_END}"'
# The whole question, with every matched word marked.
QUESTION_HEADLINE = f"{MARKS}, HighlightAll=true"
# Up to two short passages of the answer around the matched words.
SNIPPET_HEADLINE = (
    f'{MARKS}, MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "'
)


def tsquery(query: Query, strict: bool) -> tuple[str, list[str]]:
    """SQL for the query and its parameters. The reader's words reach PostgreSQL only as
    parameters of websearch_to_tsquery, which accepts any text without error."""
    parts, params = [], []

    def alternatives(phrases) -> str:
        return " or ".join(f'"{" ".join(p)}"' if len(p) > 1 else p[0] for p in phrases)

    groups = [c.alternatives for c in query.clauses] if strict else [query.alternatives]
    for phrases in groups:
        parts.append(f"websearch_to_tsquery('{CONFIG}', %s)")
        params.append(alternatives(phrases))
    sql = "(" + " && ".join(parts) + ")"
    if query.excluded:
        sql += f" && !!websearch_to_tsquery('{CONFIG}', %s)"
        params.append(alternatives(query.excluded))
    return sql, params


def in_list(values) -> str:
    return ", ".join(str(int(v)) for v in values)


@contextmanager
def gin_cursor():
    """A cursor for queries that must use the GIN index.

    Under a LIMIT the planner likes a sequential scan when it expects matches to be
    plentiful; for a rare word that reads every row (100 ms at 100,000 entries instead of
    under 1). The setting lasts for these queries only, even inside a larger transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield cursor
        # Not in a `finally`: after an error the transaction is aborted and would refuse this
        # statement, hiding the real error; the savepoint's rollback undoes SET LOCAL anyway.
        cursor.execute("SET LOCAL enable_seqscan = on")


class PostgresEngine(Engine):
    def fetch_documents(self, faq_ids):
        if not faq_ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT faq_id, exercise_id, body_part_id, question, answer, exercise_name "
                f"FROM {FAQ_TABLE} WHERE faq_id IN ({in_list(faq_ids)}) FOR UPDATE"
            )
            return [Document(*row) for row in cursor.fetchall()]

    def delete_rows(self, faq_ids):
        if faq_ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FAQ_TABLE} WHERE faq_id IN ({in_list(faq_ids)})")

    def insert_rows(self, documents):
        if documents:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FAQ_TABLE} "
                    "(faq_id, exercise_id, body_part_id, question, answer, exercise_name, "
                    "document) VALUES (%s, %s, %s, %s, %s, %s, "
                    f"setweight(to_tsvector('{CONFIG}', %s), 'A') || "
                    f"setweight(to_tsvector('{CONFIG}', %s), 'B') || "
                    f"setweight(to_tsvector('{CONFIG}', %s), 'C'))",
                    [
                        (
                            d.faq_id,
                            d.exercise_id,
                            d.body_part_id,
                            d.question,
                            d.answer,
                            d.exercise_name,
                            d.question,
                            d.answer,
                            d.exercise_name,
                        )
                        for d in documents
                    ],
                )

    def put_exercise_names(self, exercises):
        if exercises:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {EXERCISE_TABLE} (exercise_id, name, document) "
                    f"VALUES (%s, %s, to_tsvector('{CONFIG}', %s)) "
                    "ON CONFLICT (exercise_id) DO UPDATE "
                    "SET name = excluded.name, document = excluded.document",
                    [(pk, name, name) for pk, name in exercises],
                )

    def remove_exercise_names(self, exercise_ids):
        if exercise_ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {EXERCISE_TABLE} WHERE exercise_id IN ({in_list(exercise_ids)})"
                )

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {FAQ_TABLE}, {EXERCISE_TABLE}, {TERM_TABLE}")

    def optimize(self):
        with connection.cursor() as cursor:
            for table in (FAQ_TABLE, EXERCISE_TABLE, TERM_TABLE):
                cursor.execute(f"ANALYZE {table}")

    def word_matches(self, word):
        with gin_cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {FAQ_TABLE} "
                f"WHERE document @@ plainto_tsquery('{CONFIG}', %s) LIMIT 1",
                [word],
            )
            return cursor.fetchone() is not None

    def similar_terms(self, word):
        with connection.cursor() as cursor:
            # `%` is pg_trgm's similarity operator (threshold 0.3), served by the GIN index.
            cursor.execute(
                f"SELECT term, docs FROM {TERM_TABLE} WHERE term %% %s "
                "AND length(term) BETWEEN %s AND %s "
                "ORDER BY similarity(term, %s) DESC, docs DESC LIMIT 40",
                [word, len(word) - 2, len(word) + 2, word],
            )
            return cursor.fetchall()

    def _filtered(self, tsquery_sql, body_part_id):
        sql = f"FROM {FAQ_TABLE} s WHERE s.document @@ ({tsquery_sql})"
        if body_part_id is not None:
            sql += f" AND s.body_part_id = {int(body_part_id)}"
        return sql

    def count(self, query, strict, body_part_id, limit):
        sql, params = tsquery(query, strict)
        with gin_cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {self._filtered(sql, body_part_id)} LIMIT %s) t",
                [*params, limit],
            )
            return cursor.fetchone()[0]

    def ranked_ids(self, query, strict, body_part_id, offset, limit, many=True):
        sql, params = tsquery(query, strict)
        order, order_params = "score DESC", []
        if not strict:
            # Entries that match every clause come first, then those matching more of them:
            # ts_rank has no notion of rare words, so a common word alone must not win.
            every_sql, order_params = tsquery(query, strict=True)
            covered = []
            for clause in query.clauses:
                clause_sql, clause_params = tsquery(Query(query.text, [clause]), strict=True)
                covered.append(f"(s.document @@ ({clause_sql}))::int")
                order_params += clause_params
            order = f"(s.document @@ ({every_sql})) DESC, ({' + '.join(covered)}) DESC, score DESC"
        with gin_cursor() as cursor:
            # A very common word matches tens of thousands of entries, and ranking all of
            # them is what makes a search slow: rank the first CANDIDATES matches only.
            cursor.execute(
                f"SELECT s.faq_id, ts_rank({WEIGHTS}, s.document, ({sql})) AS score "
                f"FROM (SELECT faq_id, document {self._filtered(sql, body_part_id)} "
                f"LIMIT {CANDIDATES}) s ORDER BY {order}, s.faq_id LIMIT %s OFFSET %s",
                [*params, *params, *order_params, limit, offset],
            )
            return [(faq_id, float(f"{score:.6g}")) for faq_id, score in cursor.fetchall()]

    def highlights(self, query, faq_ids):
        if not faq_ids:
            return {}
        sql, params = tsquery(query, strict=False)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT faq_id, ts_headline('{CONFIG}', question, ({sql}), %s), "
                f"ts_headline('{CONFIG}', answer, ({sql}), %s) FROM {FAQ_TABLE} "
                f"WHERE faq_id IN ({in_list(faq_ids)})",
                [*params, QUESTION_HEADLINE, *params, SNIPPET_HEADLINE],
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}

    def matching_exercise_ids(self, query, limit):
        sql, params = tsquery(query, strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT n.exercise_id FROM {EXERCISE_TABLE} n WHERE n.document @@ ({sql}) "
                f"ORDER BY ts_rank(n.document, ({sql})) DESC, n.name LIMIT %s",
                [*params, *params, limit],
            )
            return [row[0] for row in cursor.fetchall()]
