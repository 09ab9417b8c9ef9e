"""Give a test its own empty in-process cache.

Pages are cached per content generation, and rolled-back test data never bumps it, so a page
cached by one test could be served to the next. A shared Redis (REDIS_URL set) is also shared
by the xdist workers, where one worker's cache.clear() would empty the other's cache. The
cache's failure breaker starts closed, and readers are not paused, so one test's broken
cache or database does not pause the next.
"""

import uuid

from exercises.availability import ReaderPause
from exercises.cache import breaker


def use_isolated_cache(settings) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4()}",
        }
    }
    breaker.close()
    ReaderPause.end()
