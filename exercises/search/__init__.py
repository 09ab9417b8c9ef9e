"""FAQ search on the database's own full-text engine (SQLite FTS5 or PostgreSQL).

    from exercises import search
    results = search.search("herniatd disk", page=1)

The index is derived data: `exercises.search.signals` keeps it in step with every save and
delete, and `manage.py rebuild_search_index` rebuilds it from scratch.
"""

from .index import (
    engine,
    rebuild_index,
    reindex_exercise,
    reindex_faq,
    remove_exercise,
    remove_faq,
)
from .service import SearchResults, search

__all__ = [
    "SearchResults",
    "engine",
    "rebuild_index",
    "reindex_exercise",
    "reindex_faq",
    "remove_exercise",
    "remove_faq",
    "search",
]
