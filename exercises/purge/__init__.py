"""Telling the shared caches in front (Varnish, Cloudflare, Fastly) to drop what changed.

Every content change names the tags of the responses it may change (exercises/tags.py) with
`purge_after_commit` (exercises/signals.py). When the transaction commits, those tags go to
every configured cache (`caches.py`: how each one is asked), in the background, retried when
a cache fails, never failing or holding up an editor's save for long (`delivery.py`).
`manage.py purge_http_cache` purges everything, e.g. after a deploy.
"""

from .caches import PurgeFailed, caches, purging_is_on
from .delivery import purge_after_commit, purge_with_retries, send_purges

__all__ = [
    "PurgeFailed",
    "caches",
    "purge_after_commit",
    "purge_with_retries",
    "purging_is_on",
    "send_purges",
]
