"""Text handling shared by both engines: words, plain text, spelling distance, snippets.

Both engines see the same words: the query is cut into words here, never handed to the
database's own query syntax, so no input can cause a syntax error.
"""

import html
import re
import unicodedata

from django.utils.safestring import SafeString, mark_safe

# Private-use characters mark highlights inside database snippets. They are removed from
# indexed text, so the only ones in a snippet are the ones the engine put there.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKERS = str.maketrans("", "", MARK_START + MARK_END + "\x00")

# Letters and digits, in any script; underscores and punctuation separate words, as they do
# for SQLite's unicode61 tokenizer and PostgreSQL's parser.
_WORD = re.compile(r"[^\W_]+")

# Ignored in queries unless quoted: they carry no meaning for ranking, and PostgreSQL's
# English configuration drops them anyway, so both engines treat them alike.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing don down during each few for
    from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your yours yourself
    yourselves""".split()  # noqa: SIM905  (a word list reads better as text)
) | frozenset(
    # What is left of a contraction once the apostrophe splits it ("can't" is "can" "t",
    # "isn't" is "isn" "t"), as in PostgreSQL's English list: alone they are not words, and
    # a lone "t" would match, and be highlighted, everywhere.
    """s t d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn
    needn shan shouldn wasn weren won wouldn""".split()  # noqa: SIM905
)

MAX_QUERY_CHARS = 500


def fold(text: str) -> str:
    """Lower-case and without accents: 'Café' -> 'cafe', as the index stores words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of `text`, folded, in order."""
    return _WORD.findall(fold(text))


def clean(text: str) -> str:
    """Text safe to store and to hand to either database: no NUL bytes, no highlight markers."""
    return (text or "").translate(_MARKERS)


def allowed_typos(word: str) -> int:
    """One typo from five letters, two from nine: short words are too easily confused."""
    if len(word) >= 9:
        return 2
    if len(word) >= 5:
        return 1
    return 0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts as one edit), or
    `limit + 1` as soon as the distance is known to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def marked_snippet(raw: str | None) -> SafeString:
    """Escape a database snippet first, then turn its markers into <mark> elements."""
    escaped = html.escape(raw or "", quote=True)
    # A snippet cut in the middle of a highlight would leave a marker unpaired.
    if escaped.count(MARK_START) != escaped.count(MARK_END):
        escaped = escaped.translate(_MARKERS)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


SNIPPET_WORDS = 24


def plain_snippet(text: str) -> str:
    """The start of a text, cut at a word, as long as an engine's snippet."""
    cut = text.split()
    return " ".join(cut[:SNIPPET_WORDS]) + ("…" if len(cut) > SNIPPET_WORDS else "")


def normalised_query(text: str) -> str:
    """A search as editors see it in insights and pin answers to: its words, folded, so
    'Knee pain?' and 'knee  PAIN' are the same search."""
    return " ".join(words(clean(text)))[:MAX_QUERY_CHARS]
