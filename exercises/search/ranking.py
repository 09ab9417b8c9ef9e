"""The order of search results, the same on every engine: decided here, once.

The engines (sqlite.py, postgres.py) find the matching entries and measure each one under
the names below; meaning.py finds the entries closest in meaning; what comes first is
decided here, so SQLite in development shows what PostgreSQL shows in production.

- Candidates: the newest CANDIDATES matching entries, by FAQ id. A very common word matches
  tens of thousands of entries and ranking all of them is what makes a search slow; readers
  cannot page further anyway, since counts stop there ("More than 1,000").
- Keyword order (ORDER, each measure descending):
  - `clauses`: how many of the query's clauses the entry matches. When the search falls back
    to entries matching some clauses, those matching every clause lead, then those matching
    more of them: the engines' scores know nothing of rare words, and a common word alone
    must not win.
  - `score`: the engine's relevance (bm25 or ts_rank, both weighting the question above
    the answer above the exercise's name), higher is better.
  - `faq_id`: among equals, the newest entry first.
- Blending (`fuse`): the keyword order and the meaning order (closest first) are combined
  by reciprocal rank fusion: each entry scores 1 / (FUSION_K + rank) in each list it is in.
  Ranks, not raw scores, because bm25, ts_rank and cosine similarity are on scales that
  cannot be compared. An entry near the top of both lists leads; one near the top of only
  one list still comes early, so a question asked in other words finds its answer and a
  precise keyword match is not pushed down by vague neighbours in meaning.
"""

CANDIDATES = 1000
ORDER = ("clauses", "score", "faq_id")
# The usual constant: weights and other values changed the relevance set's scores by a
# query or two either way (bench/search.py), not enough to prefer them.
FUSION_K = 60


def fuse(keyword: list[int], meaning: list[int]) -> list[tuple[int, float]]:
    """[(faq_id, fused score)], best first; among equals, the keyword order decides."""
    scores: dict[int, float] = {}
    for ranked in (keyword, meaning):
        for rank, faq_id in enumerate(ranked, 1):
            scores[faq_id] = scores.get(faq_id, 0.0) + 1 / (FUSION_K + rank)
    first_seen: dict[int, int] = {}
    for faq_id in (*keyword, *meaning):
        first_seen.setdefault(faq_id, len(first_seen))
    return sorted(scores.items(), key=lambda item: (-item[1], first_seen[item[0]]))
