"""SQLite engine: FTS5 with porter stemming, bm25 ranking with column weights, and a
trigram index over the vocabulary for spelling corrections. FTS5 has no ORM support: this
engine is SQL."""

from django.db import connection

from .base import EXERCISE_TABLE, FAQ_TABLE, TERM_TABLE, Document, Engine
from .ranking import CANDIDATES, ORDER
from .text import MARK_END, MARK_START, SNIPPET_WORDS

TRIGRAM_TABLE = "exercises_search_term_trigram"
# Question above answer above the exercise's name (bm25 weights, one per column).
WEIGHTS = "10.0, 3.0, 1.5"


def quoted(text: str) -> str:
    """An FTS5 string: whatever it holds is matched as words, never read as syntax."""
    return '"' + text.replace('"', '""') + '"'


def in_list(values) -> str:
    return ", ".join(str(int(v)) for v in values)


class SQLiteEngine(Engine):
    def any_of(self, phrases):
        return "(" + " OR ".join(quoted(" ".join(phrase)) for phrase in phrases) + ")"

    def all_of(self, expressions, excluded):
        expression = " AND ".join(expressions)
        return f"{expression} NOT {excluded}" if excluded else expression

    def fetch_documents(self, faq_ids):
        if not faq_ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, exercise_id, body_part_id, question, answer, exercise_name "
                f"FROM {FAQ_TABLE} WHERE rowid IN ({in_list(faq_ids)})"
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

    def matching(self, query, strict, body_part_id) -> tuple[str, list]:
        """FROM and WHERE for the matching entries, and their parameters."""
        sql = f"FROM {FAQ_TABLE} WHERE {FAQ_TABLE} MATCH %s"
        params = [self.expression(query, strict)]
        if body_part_id is not None:
            sql += " AND body_part_id = %s"
            params.append(body_part_id)
        return sql, params

    def count(self, query, strict, body_part_id, limit):
        sql, params = self.matching(query, strict, body_part_id)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {sql} LIMIT %s)", [*params, limit])
            return cursor.fetchone()[0]

    def ranked(self, query, strict, body_part_id, many):
        sql, params = self.matching(query, strict, body_part_id)
        if strict:  # every candidate matches every clause
            clauses, clause_params = str(len(query.clauses)), []
        else:
            clause_params = self.clause_expressions(query)
            match = f"SELECT rowid FROM {FAQ_TABLE} WHERE {FAQ_TABLE} MATCH %s"
            clauses = " + ".join(f"(rowid IN ({match}))" for _ in clause_params)
        order = ", ".join(f"{measure} DESC" for measure in ORDER)
        # FTS5 walks its matches newest first without sorting them and scores only the ones
        # kept, so the newest are picked whether or not there are `many`; bm25 is lower for
        # better matches.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT faq_id, score FROM ("
                f"SELECT rowid AS faq_id, {clauses} AS clauses, "
                f"-bm25({FAQ_TABLE}, {WEIGHTS}) AS score {sql} "
                f"ORDER BY rowid DESC LIMIT {CANDIDATES}"
                f") ORDER BY {order}",
                [*clause_params, *params],
            )
            return cursor.fetchall()

    def marked(self, query, faq_ids):
        if not faq_ids:
            return {}
        # Only for the page shown: FTS5 would work highlights out for every candidate.
        marks = f"'{MARK_START}', '{MARK_END}'"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, highlight({FAQ_TABLE}, 0, {marks}), "
                f"snippet({FAQ_TABLE}, 1, {marks}, '…', {SNIPPET_WORDS}) FROM {FAQ_TABLE} "
                f"WHERE {FAQ_TABLE} MATCH %s AND rowid IN ({in_list(faq_ids)})",
                [self.expression(query, strict=False)],
            )
            return {faq_id: (question, snippet) for faq_id, question, snippet in cursor}

    def matching_exercise_ids(self, query, limit):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {EXERCISE_TABLE} WHERE {EXERCISE_TABLE} MATCH %s "
                "ORDER BY rank LIMIT %s",
                [self.expression(query, strict=True), limit],
            )
            return [row[0] for row in cursor.fetchall()]
