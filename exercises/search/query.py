"""From what a reader typed to a structured query both engines can run safely.

A query is a list of clauses. Every clause must match (the strict reading); each clause
has one or more alternatives (a synonym group, or a corrected spelling), and each
alternative is a phrase of one or more words. Nothing the reader types reaches the
database's query syntax: only words (letters and digits) do.
"""

import re
from dataclasses import dataclass, field

from .text import MAX_QUERY_CHARS, STOPWORDS, allowed_typos, clean, fold, words

MAX_CLAUSES = 10
Phrase = tuple[str, ...]

# A quoted phrase (a missing closing quote runs to the end), a word with a leading minus
# (excluded), or any other run of text.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?<!\S)-(?P<excluded>[^\s"]+)|(?P<plain>[^\s"]+)')


@dataclass(frozen=True)
class Clause:
    alternatives: tuple[Phrase, ...]
    # A single word the reader typed that may be corrected when the index lacks it.
    correctable: bool = False

    @property
    def words(self) -> list[str]:
        return [word for phrase in self.alternatives for word in phrase]


@dataclass
class Query:
    text: str
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[Phrase] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.clauses)

    @property
    def alternatives(self) -> list[Phrase]:
        return [phrase for clause in self.clauses for phrase in clause.alternatives]

    @property
    def unclosed_phrase(self) -> str:
        """The words after a quote that was never closed (read as a phrase to the end)."""
        if self.text.count('"') % 2 == 0:
            return ""
        return " ".join(self.text.rsplit('"', 1)[1].split())

    @property
    def suggestion(self) -> str | None:
        """The reader's own text with the misspelt words replaced ("Showing results for …").

        Words are matched after folding, so 'Hamstrngs' is replaced like 'hamstrngs'."""
        if not self.corrections:
            return None

        def fix(match: re.Match) -> str:
            return self.corrections.get(fold(match.group(0)), match.group(0))

        return re.sub(r"[^\W_]+", fix, self.text)


def parse(raw: str, synonyms: "SynonymIndex | None" = None) -> Query:
    """Split the reader's text into clauses, applying editors' synonyms."""
    text = " ".join(clean(raw).split())
    query = Query(text=text[:MAX_QUERY_CHARS], truncated=len(text) > MAX_QUERY_CHARS)
    synonyms = synonyms or SynonymIndex([])
    plain_run: list[str] = []

    def flush_plain():
        query.clauses.extend(synonyms.clauses_for(plain_run))
        plain_run.clear()

    for match in _TOKEN.finditer(query.text):
        if match.group("phrase") is not None:
            flush_plain()
            phrase = tuple(words(match.group("phrase")))
            if meaningful(phrase):
                query.clauses.append(Clause((phrase,)))
        elif match.group("excluded") is not None:
            flush_plain()
            phrase = tuple(words(match.group("excluded")))
            if meaningful(phrase):
                query.excluded.append(phrase)
        else:
            plain_run.extend(words(match.group("plain")))
    flush_plain()

    # The same clause twice adds nothing; very long queries keep their first clauses.
    unique = list(dict.fromkeys(query.clauses))
    if len(unique) > MAX_CLAUSES:
        query.truncated = True
    query.clauses = unique[:MAX_CLAUSES]
    query.excluded = list(dict.fromkeys(query.excluded))[:MAX_CLAUSES]
    return query


def meaningful(phrase: Phrase) -> bool:
    """Whether a phrase has a word besides stop words (PostgreSQL ignores those even when
    quoted; both engines must agree)."""
    return any(word not in STOPWORDS for word in phrase)


class SynonymIndex:
    """Editors' synonym groups, ready to match against runs of query words."""

    def __init__(self, groups: list[list[str]]):
        self.groups: list[tuple[Phrase, ...]] = []
        self.lookup: dict[Phrase, int] = {}
        for terms in groups:
            phrases = tuple(dict.fromkeys(p for p in (tuple(words(t)) for t in terms) if p))
            if len(phrases) < 2:
                continue
            for phrase in phrases:
                self.lookup.setdefault(phrase, len(self.groups))
            self.groups.append(phrases)
        self.longest = max((len(p) for p in self.lookup), default=0)

    def group_for(self, phrase: Phrase) -> tuple[Phrase, ...] | None:
        index = self.lookup.get(phrase)
        return None if index is None else self.groups[index]

    def clauses_for(self, run: list[str]) -> list[Clause]:
        """Clauses for a run of unquoted words: the longest synonym match wins at each
        position; other words stand alone, and stop words are dropped."""
        clauses, i = [], 0
        while i < len(run):
            for size in range(min(self.longest, len(run) - i), 0, -1):
                group = self.group_for(tuple(run[i : i + size]))
                if group:
                    clauses.append(Clause(group))
                    i += size
                    break
            else:
                word = run[i]
                if word not in STOPWORDS:
                    clauses.append(Clause(((word,),), correctable=allowed_typos(word) > 0))
                i += 1
        return clauses

    def words(self) -> set[str]:
        return {word for phrase in self.lookup for word in phrase}
