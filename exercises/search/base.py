"""What both engines share: keeping the index and its spelling vocabulary in step, and the
shape of the questions they answer.

An engine stores one index row per FAQ entry of a published exercise (question, answer as
plain text, exercise name), one row per published exercise name, and a vocabulary of the
words in the FAQ index with the number of entries each appears in (for spelling corrections).
Migration 0005 creates these tables; on PostgreSQL they are also models
(exercises/models/search.py).
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, transaction

from . import meaning
from .query import Phrase, Query
from .text import allowed_typos, edit_distance, words

FAQ_TABLE = "exercises_search_faq"
EXERCISE_TABLE = "exercises_search_exercise"
TERM_TABLE = "exercises_search_term"
REBUILD_BATCH = 2000


def batched(items, size: int):
    """Lists of `size` items (the last one shorter) from any iterable."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True)
class Document:
    faq_id: int
    exercise_id: int
    body_part_id: int | None
    question: str
    answer: str
    exercise_name: str

    def vocabulary(self) -> set[str]:
        text = f"{self.question} {self.answer} {self.exercise_name}"
        return {w for w in words(text) if 4 <= len(w) <= 40 and not w.isdigit()}


class Engine:
    # Index upkeep ---------------------------------------------------------------------

    def put_documents(self, documents: list[Document]) -> None:
        """Index new and changed entries; entries indexed as they are stay untouched."""
        with transaction.atomic():
            old = {d.faq_id: d for d in self.fetch_documents([d.faq_id for d in documents])}
            changed = [d for d in documents if old.get(d.faq_id) != d]
            replaced = [old[d.faq_id] for d in changed if d.faq_id in old]
            self.delete_rows([d.faq_id for d in replaced])
            self.insert_rows(changed)
            self.adjust_vocabulary(replaced, changed)
            meaning.put(changed)

    def remove_documents(self, faq_ids: list[int]) -> None:
        with transaction.atomic():
            old = self.fetch_documents(faq_ids)
            self.delete_rows([d.faq_id for d in old])
            self.adjust_vocabulary(old, [])
            meaning.remove(faq_ids)

    def adjust_vocabulary(self, old: list[Document], new: list[Document]) -> None:
        delta: Counter = Counter()
        for document in old:
            delta.subtract(document.vocabulary())
        for document in new:
            delta.update(document.vocabulary())
        changes = [(term, n) for term, n in delta.items() if n]
        if not changes:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TERM_TABLE} (term, docs) VALUES (%s, %s) "
                f"ON CONFLICT (term) DO UPDATE SET docs = {TERM_TABLE}.docs + excluded.docs",
                changes,
            )
            if any(n < 0 for _, n in changes):
                cursor.execute(f"DELETE FROM {TERM_TABLE} WHERE docs <= 0")

    def rebuild(self, documents, exercises: list[tuple[int, str]]) -> int:
        """Replace the whole index. `documents` may be any iterable (a generator)."""
        self.clear()
        meaning.clear()
        vocabulary: Counter = Counter()
        count = 0
        # The model works out a batch's vectors (one call for the whole batch) in a thread of
        # its own while the database indexes the batch's words: both spend most of their
        # time outside Python's lock, so on two cores the vectors add little to a rebuild.
        # Only this thread touches the database.
        with ThreadPoolExecutor(max_workers=1) as model_thread:
            for batch in batched(documents, REBUILD_BATCH):
                vectors = model_thread.submit(meaning.rows, batch)
                for document in batch:
                    vocabulary.update(document.vocabulary())
                self.insert_rows(batch)
                meaning.insert(vectors.result())
                count += len(batch)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TERM_TABLE} (term, docs) VALUES (%s, %s)",
                sorted(vocabulary.items()),
            )
        self.put_exercise_names(exercises)
        self.optimize()
        return count

    def optimize(self) -> None:
        pass

    # Spelling -------------------------------------------------------------------------

    def unknown_words(self, candidates: list[str]) -> list[str]:
        """The words that match nothing in the index, even after stemming."""
        if not candidates:
            return []
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(candidates))
            cursor.execute(
                f"SELECT term FROM {TERM_TABLE} WHERE term IN ({placeholders})", candidates
            )
            known = {row[0] for row in cursor.fetchall()}
        return [w for w in candidates if w not in known and not self.word_matches(w)]

    def correction(self, word: str, extra_words: set[str]) -> str | None:
        """The closest vocabulary word within the allowed number of typos; among equally
        close words, the one in most entries."""
        limit = allowed_typos(word)
        if not limit or len(word) > 40:  # no indexed word is longer
            return None
        scored = []
        for term, docs in [*self.similar_terms(word), *((w, 0) for w in extra_words)]:
            if term == word:
                continue
            distance = edit_distance(word, term, limit)
            if distance <= limit:
                scored.append((distance, -docs, term))
        return min(scored)[2] if scored else None

    # Match expressions: the same query, built in each engine's own terms ---------------

    def expression(self, query: Query, strict: bool):
        """Entries matching every clause (strict) or any clause, and no excluded phrase."""
        if strict:
            groups = [self.any_of(clause.alternatives) for clause in query.clauses]
        else:
            groups = [self.any_of(query.alternatives)]
        return self.all_of(groups, self.any_of(query.excluded) if query.excluded else None)

    def clause_expressions(self, query: Query) -> list:
        """One expression per clause, to count the clauses an entry matches."""
        return [self.any_of(clause.alternatives) for clause in query.clauses]

    # Engine-specific ------------------------------------------------------------------

    def any_of(self, phrases: list[Phrase]):
        """An expression matching entries that contain any of the phrases."""
        raise NotImplementedError

    def all_of(self, expressions: list, excluded):
        """An expression matching entries that match every expression but not `excluded`."""
        raise NotImplementedError

    def fetch_documents(self, faq_ids: list[int]) -> list[Document]:
        """The indexed entries among `faq_ids`, locked until the transaction ends."""
        raise NotImplementedError

    def delete_rows(self, faq_ids: list[int]) -> None:
        raise NotImplementedError

    def insert_rows(self, documents: list[Document]) -> None:
        raise NotImplementedError

    def put_exercise_names(self, exercises: list[tuple[int, str]]) -> None:
        raise NotImplementedError

    def remove_exercise_names(self, exercise_ids: list[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def word_matches(self, word: str) -> bool:
        raise NotImplementedError

    def similar_terms(self, word: str) -> list[tuple[str, int]]:
        raise NotImplementedError

    def count(self, query: Query, strict: bool, body_part_id: int | None, limit: int) -> int:
        """How many entries match, counting no further than `limit`."""
        raise NotImplementedError

    def ranked(
        self, query: Query, strict: bool, body_part_id: int | None, many: bool
    ) -> list[tuple[int, float]]:
        """[(faq_id, score)]: the newest CANDIDATES matching entries in the ORDER that
        ranking.py sets out (the engine supplies each entry's measures). `many`: more than
        CANDIDATES entries match (when not, all are candidates)."""
        raise NotImplementedError

    def marked(self, query: Query, faq_ids: list[int]) -> dict[int, tuple[str, str]]:
        """{faq_id: (question, answer snippet)} with markers around the query's words, for
        those of `faq_ids` that match any of them."""
        raise NotImplementedError

    def matching_exercise_ids(self, query: Query, limit: int) -> list[int]:
        raise NotImplementedError
