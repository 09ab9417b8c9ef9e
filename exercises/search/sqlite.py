"""SQLite engine: FTS5 with porter stemming, bm25 ranking with column weights, and a
trigram index over the vocabulary for spelling corrections."""

from django.db import connection

from .base import CANDIDATES, EXERCISE_TABLE, FAQ_TABLE, TERM_TABLE, Document, Engine
from .query import Phrase, Query
from .text import MARK_END, MARK_START

TRIGRAM_TABLE = "exercises_search_term_trigram"
# Question above answer above the exercise's name (bm25 weights, one per column).
WEIGHTS = "10.0, 3.0, 1.5"
SNIPPET_WORDS = 24


def quoted(text: str) -> str:
    """An FTS5 string: whatever it holds is matched as words, never read as syntax."""
    return '"' + text.replace('"', '""') + '"'


def phrase_expression(phrase: Phrase) -> str:
    return quoted(" ".join(phrase))


def match_expression(query: Query, strict: bool) -> str:
    if strict:
        groups = [
            "(" + " OR ".join(phrase_expression(p) for p in clause.alternatives) + ")"
            for clause in query.clauses
        ]
        expression = " AND ".join(groups)
    else:
        expression = "(" + " OR ".join(phrase_expression(p) for p in query.alternatives) + ")"
    if query.excluded:
        excluded = " OR ".join(phrase_expression(p) for p in query.excluded)
        expression = f"{expression} NOT ({excluded})"
    return expression


def in_list(values) -> str:
    return ", ".join(str(int(v)) for v in values)


class SQLiteEngine(Engine):
    def fetch_documents(self, faq_ids):
        if not faq_ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, exercise_id, body_part_id, question, answer, exercise_name "
                f"FROM {FAQ_TABLE} "
                f"WHERE rowid IN ({in_list(faq_ids)})"
            )
            return [Document(*row) for row in cursor.fetchall()]

    def delete_rows(self, faq_ids):
        if faq_ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FAQ_TABLE} WHERE rowid IN ({in_list(faq_ids)})")

    def insert_rows(self, documents):
        if documents:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FAQ_TABLE} "
                    "(rowid, exercise_id, body_part_id, question, answer, exercise_name) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        (
                            d.faq_id,
                            d.exercise_id,
                            d.body_part_id,
                            d.question,
                            d.answer,
                            d.exercise_name,
                        )
                        for d in documents
                    ],
                )

    def put_exercise_names(self, exercises):
        if exercises:
            self.remove_exercise_names([pk for pk, _ in exercises])
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {EXERCISE_TABLE} (rowid, name) VALUES (%s, %s)", exercises
                )

    def remove_exercise_names(self, exercise_ids):
        if exercise_ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {EXERCISE_TABLE} WHERE rowid IN ({in_list(exercise_ids)})"
                )

    def clear(self):
        with connection.cursor() as cursor:
            # 'delete-all' empties an FTS5 table at once; the triggers keep the trigram
            # table in step with the vocabulary.
            cursor.execute(f"DELETE FROM {FAQ_TABLE}")
            cursor.execute(f"DELETE FROM {EXERCISE_TABLE}")
            cursor.execute(f"DELETE FROM {TERM_TABLE}")
            cursor.execute(f"INSERT INTO {TRIGRAM_TABLE} ({TRIGRAM_TABLE}) VALUES ('rebuild')")

    def optimize(self):
        with connection.cursor() as cursor:
            for table in (FAQ_TABLE, EXERCISE_TABLE, TRIGRAM_TABLE):
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")

    def word_matches(self, word):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {FAQ_TABLE} WHERE {FAQ_TABLE} MATCH %s LIMIT 1", [quoted(word)]
            )
            return cursor.fetchone() is not None

    def similar_terms(self, word):
        grams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not grams:
            return []
        expression = " OR ".join(quoted(g) for g in sorted(grams))
        spread = 2
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT t.term, t.docs FROM {TRIGRAM_TABLE} "
                f"JOIN {TERM_TABLE} t ON t.id = {TRIGRAM_TABLE}.rowid "
                f"WHERE {TRIGRAM_TABLE} MATCH %s AND length(t.term) BETWEEN %s AND %s "
                f"ORDER BY {TRIGRAM_TABLE}.rank LIMIT 40",
                [expression, len(word) - spread, len(word) + spread],
            )
            return cursor.fetchall()

    def _filtered(self, body_part_id):
        sql = f"FROM {FAQ_TABLE} WHERE {FAQ_TABLE} MATCH %s"
        if body_part_id is not None:
            sql += f" AND body_part_id = {int(body_part_id)}"
        return sql

    def count(self, query, strict, body_part_id, limit):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {self._filtered(body_part_id)} LIMIT %s)",
                [match_expression(query, strict), limit],
            )
            return cursor.fetchone()[0]

    def ranked_ids(self, query, strict, body_part_id, offset, limit, many=True):
        expression = match_expression(query, strict)
        where = self._filtered(body_part_id)
        # A very common word matches tens of thousands of entries, and bm25 over all of them
        # is what makes a search slow: rank the newest CANDIDATES matches only. Finding
        # where they start walks the index without ranking, which is cheap.
        if many:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid {where} ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                    [expression, CANDIDATES - 1],
                )
                oldest = cursor.fetchone()
            if oldest is not None:
                where += f" AND rowid >= {int(oldest[0])}"
        params = [expression]
        order = "score"
        if not strict:
            # Entries that match every clause come first, then those matching some.
            order = (
                f"{FAQ_TABLE}.rowid IN (SELECT rowid FROM {FAQ_TABLE} "
                f"WHERE {FAQ_TABLE} MATCH %s) DESC, score"
            )
            params.append(match_expression(query, strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {FAQ_TABLE}.rowid, bm25({FAQ_TABLE}, {WEIGHTS}) AS score "
                f"{where} ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
        # bm25 is negative and lower is better; readers and the API get higher = better.
        return [(faq_id, float(f"{-score:.6g}")) for faq_id, score in rows]

    def highlights(self, query, faq_ids):
        if not faq_ids:
            return {}
        marks = f"'{MARK_START}', '{MARK_END}'"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, highlight({FAQ_TABLE}, 0, {marks}), "
                f"snippet({FAQ_TABLE}, 1, {marks}, '…', {SNIPPET_WORDS}) "
                f"FROM {FAQ_TABLE} WHERE {FAQ_TABLE} MATCH %s AND rowid IN ({in_list(faq_ids)})",
                [match_expression(query, strict=False)],
            )
            return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}

    def matching_exercise_ids(self, query, limit):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {EXERCISE_TABLE} WHERE {EXERCISE_TABLE} MATCH %s "
                "ORDER BY rank LIMIT %s",
                [match_expression(query, strict=True), limit],
            )
            return [row[0] for row in cursor.fetchall()]
