"""The order of search results, the same on every engine: decided here, once.

The engines (sqlite.py, postgres.py) find the matching entries and measure each one under
the names below; what comes first is decided here, so SQLite in development shows what
PostgreSQL shows in production.

- Candidates: the newest CANDIDATES matching entries, by FAQ id. A very common word matches
  tens of thousands of entries and ranking all of them is what makes a search slow; readers
  cannot page further anyway, since counts stop there ("More than 1,000").
- Order (ORDER, each measure descending):
  - `clauses`: how many of the query's clauses the entry matches. When the search falls back
    to entries matching some clauses, those matching every clause lead, then those matching
    more of them: the engines' scores know nothing of rare words, and a common word alone
    must not win.
  - `score`: the engine's relevance (bm25 or ts_rank, both weighting the question above
    the answer above the exercise's name), higher is better.
  - `faq_id`: among equals, the newest entry first.
"""

CANDIDATES = 1000
ORDER = ("clauses", "score", "faq_id")
