"""The search readers use: parse, correct spelling, rank, highlight."""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils.safestring import SafeString

from ..cache import without_cache_on_failure
from ..markdown import markdown_to_text
from ..models import Exercise, Faq, Promotion, Synonym
from . import meaning
from .base import Engine
from .index import engine
from .query import MAX_CLAUSES, Clause, Query, SynonymIndex, parse
from .ranking import CANDIDATES, fuse
from .text import marked_snippet, normalised_query, plain_snippet

# Below this many entries matching every word, entries matching some words are added.
FEW_RESULTS = 3
MAX_NAME_MATCHES = 5
NAME_CANDIDATES = 500  # name matches looked at when a body part narrows them


@dataclass(frozen=True)
class Result:
    faq: Faq
    score: float
    question_html: SafeString
    snippet_html: SafeString
    recommended: bool = False  # an editor pinned it to this search (Promotion)

    @property
    def exercise(self) -> Exercise:
        return self.faq.exercise

    @property
    def url(self) -> str:
        return self.faq.get_absolute_url()

    def as_json(self) -> dict:
        return {
            "exercise": self.exercise.slug,
            "exercise_name": self.exercise.name,
            "question": self.faq.question,
            "snippet": str(self.snippet_html),
            "url": self.url,
            "score": self.score,
            "recommended": self.recommended,
        }


SYNONYMS_CACHE_KEY = "search:synonyms"


def synonym_index() -> SynonymIndex:
    """Editors' synonyms, cached (shared through Redis when configured); the cache entry is
    dropped on every synonym save or delete (signals.py), and expires after a minute in
    case another process's in-memory cache missed that."""
    groups = without_cache_on_failure(lambda: cache.get(SYNONYMS_CACHE_KEY))
    if groups is None:
        groups = [
            Synonym(terms=t).term_list for t in Synonym.objects.values_list("terms", flat=True)
        ]
        without_cache_on_failure(lambda: cache.set(SYNONYMS_CACHE_KEY, groups, 60))
    return SynonymIndex(groups)


class SearchResults:
    """A sliceable, countable result list (Django's Paginator takes it as it is)."""

    def __init__(self, text: str, body_part_id: int | None = None, as_typed: bool = False):
        """`as_typed`: no spelling corrections (the reader asked for their own words)."""
        self.body_part_id = body_part_id
        synonyms = synonym_index()
        self.query: Query = parse(text or "", synonyms)
        self.engine: Engine = engine()
        if self.query and not as_typed:
            correct_spelling(self.query, self.engine, synonyms)

    @property
    def text(self) -> str:
        return self.query.text

    @property
    def suggestion(self) -> str | None:
        return self.query.suggestion

    @property
    def message(self) -> str:
        """Why there is nothing to show, when the query itself is the reason."""
        if not self.query.text:
            return "Type a word or a question to search the answers in our exercise guides."
        if not self.query:
            if self.query.excluded:
                return "Add at least one word to look for, not only words to leave out."
            return (
                "Your search only has very common words (like 'how' or 'the') or no letters "
                "at all. Try a more specific word, such as 'knee' or 'hamstring stretch'."
            )
        if self.query.truncated:
            return f"That is a long search: only the first {MAX_CLAUSES} words were used."
        return ""

    @property
    def reading(self) -> str:
        """How an unusual query was read, when the reader could not know."""
        if self.query.unclosed_phrase:
            return (
                f"The closing quote was missing: “{self.query.unclosed_phrase}” was searched "
                "as one phrase."
            )
        return ""

    @property
    def strict(self) -> bool:
        """Whether only entries matching every clause are shown."""
        return self._counted[0]

    def count(self) -> int:
        if self.capped:
            return CANDIDATES
        return len(self._ranked)

    def __len__(self) -> int:
        return self.count()

    @property
    def capped(self) -> bool:
        """Whether there are more matches than were counted."""
        return self._counted[1] > CANDIDATES

    @cached_property
    def _counted(self) -> tuple[bool, int]:
        """(strict, count): entries matching every clause, or when there are fewer than a
        few of those, entries matching any clause. Counting every match of a very common
        word costs more than it tells: past CANDIDATES readers see "more than 1,000" (and
        up to 100 pages), so one more than that is all the count needs."""
        if not self.query:
            return True, 0
        count = self.engine.count(self.query, True, self.body_part_id, CANDIDATES + 1)
        if count >= FEW_RESULTS or len(self.query.clauses) <= 1:
            return True, count
        return False, self.engine.count(self.query, False, self.body_part_id, CANDIDATES + 1)

    @property
    def meaning_text(self) -> str:
        """What is compared by meaning: the reader's words, spelling corrected."""
        return self.query.suggestion or self.query.text

    @cached_property
    def recommended(self) -> list[int]:
        """The entries editors pinned to this search, published ones only, in their order."""
        if not self.query:
            return []
        promotions = Promotion.objects.published().filter(query=normalised_query(self.text))
        if self.body_part_id is not None:
            promotions = promotions.filter(faq__exercise__body_part_id=self.body_part_id)
        return list(dict.fromkeys(promotions.values_list("faq_id", flat=True)))

    @cached_property
    def _ranked(self) -> list[tuple[int, float]]:
        """[(faq_id, score)]: the recommended entries, then keyword matches and entries
        close in meaning, blended."""
        if not self.query:
            return []
        keyword = self.engine.ranked(self.query, self.strict, self.body_part_id, self.capped)
        # Meaning cannot leave words out: a search with "-word" is read by keywords only.
        close = [] if self.query.excluded else meaning.closest(self.meaning_text, self.body_part_id)
        ranked = fuse([faq_id for faq_id, _ in keyword], [faq_id for faq_id, _ in close])
        pinned = set(self.recommended)
        first = [(faq_id, 1.0) for faq_id in self.recommended]
        return [*first, *(hit for hit in ranked if hit[0] not in pinned)][:CANDIDATES]

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        if not self.query or stop <= start:
            return []
        hits = self._ranked[start:stop]
        ids = [faq_id for faq_id, _ in hits]
        faqs = (
            Faq.objects.published().select_related("exercise", "exercise__body_part").in_bulk(ids)
        )
        marked = self.engine.marked(self.query, ids)
        results = []
        for faq_id, score in hits:
            if faq_id not in faqs:
                continue  # changed behind the index's back (bulk updates); a rebuild fixes it
            faq = faqs[faq_id]
            if faq_id in marked:
                question, snippet = marked[faq_id]
            else:
                # Found by meaning alone: no word of the query to mark, so none is marked.
                question, snippet = faq.question, plain_snippet(markdown_to_text(faq.answer))
            results.append(
                Result(
                    faq=faq,
                    score=float(f"{score:.6g}"),
                    question_html=marked_snippet(question or faq.question),
                    snippet_html=marked_snippet(snippet),
                    recommended=faq_id in self.recommended,
                )
            )
        return results

    @cached_property
    def exercises(self) -> list[Exercise]:
        """Published exercises whose name matches every word, best first."""
        if not self.query:
            return []
        exercises = Exercise.objects.published().select_related("body_part")
        if self.body_part_id is None:
            ids = self.engine.matching_exercise_ids(self.query, MAX_NAME_MATCHES)
        else:
            # Narrow by body part before keeping the best few, not after.
            ids = self.engine.matching_exercise_ids(self.query, NAME_CANDIDATES)
            exercises = exercises.filter(body_part_id=self.body_part_id)
        found = exercises.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found][:MAX_NAME_MATCHES]


def correct_spelling(query: Query, engine: Engine, synonyms: SynonymIndex) -> None:
    """Replace words the index has never seen by the closest word it has (typo tolerance),
    remembering each replacement for "Showing results for …"."""
    synonym_words = synonyms.words()
    candidates = [
        clause.alternatives[0][0]
        for clause in query.clauses
        if clause.correctable and clause.alternatives[0][0] not in synonym_words
    ]
    single_word_synonyms = {p[0] for p in synonyms.lookup if len(p) == 1}
    for word in engine.unknown_words(candidates):
        replacement = engine.correction(word, single_word_synonyms)
        if replacement:
            query.corrections[word] = replacement
    if not query.corrections:
        return
    clauses = []
    for clause in query.clauses:
        word = clause.alternatives[0][0] if clause.correctable else None
        if word in query.corrections:
            replacement = query.corrections[word]
            group = synonyms.group_for((replacement,))
            clause = Clause(group or ((replacement,),))
        clauses.append(clause)
    query.clauses = list(dict.fromkeys(clauses))


def search(text: str, body_part_id: int | None = None, as_typed: bool = False) -> SearchResults:
    return SearchResults(text, body_part_id, as_typed)


def popular_faqs(limit: int = 5) -> list[Faq]:
    """The first question of each of the most recently published exercises: editors put the
    most asked question first, so these make a fair starting point when a search finds
    nothing."""
    newest = list(
        Exercise.objects.published()
        .filter(Exists(Faq.objects.filter(exercise=OuterRef("pk"))))
        .order_by("-published_at", "name")
        .values_list("pk", flat=True)[:limit]
    )
    first: dict[int, Faq] = {}
    for faq in Faq.objects.filter(exercise__in=newest).select_related("exercise"):
        first.setdefault(faq.exercise_id, faq)  # entries come in the editors' order
    return [first[pk] for pk in newest]
