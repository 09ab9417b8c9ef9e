"""Whole-page caching for anonymous readers, invalidated by one "content generation" number.

Every cached page key contains the current generation. Any change to the content bumps the
number (see `exercises.signals`), so every page cached before the change is simply never
asked for again: no per-key deletes, and an edit on one app server is visible on the next
request to every app server that shares the cache (Redis in production).
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip  # as the gzip middleware decides
from django.utils.cache import patch_cache_control
from redis import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
PAGE_KEY_PREFIX = "page"
WIRE_KEY_PREFIX = "wire"
MIN_GENERATION = 10**15  # any fresh generation (microseconds since 1970) is larger


def without_cache_on_failure(operation: Callable, default=None):
    """Run a cache operation; if the shared cache is unreachable, log it and go on without.

    Readers then get freshly rendered pages and editors can still save: a Redis outage
    makes the site slower, not unavailable.
    """
    try:
        return operation()
    except (RedisError, OSError) as error:
        logger.warning("Page cache unavailable, working without it: %s", error)
        return default


def _fresh_generation() -> int:
    # Microseconds since the epoch: if the cache loses the number (restart, eviction), the new
    # one is still larger than any number used before, so no old page can come back to life.
    return time.time_ns() // 1000


def content_generation() -> int:
    """The current content generation; part of every cached page's key."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_content_generation() -> None:
    """Make every cached page stale (call after any content change)."""
    without_cache_on_failure(_bump)


def _bump() -> None:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:  # the number is not in the cache (yet, or any more)
        generation = None
    # Redis creates a missing key at 1 if it vanished between the backend's exists() check
    # and INCR; start again from a fresh (larger than ever used) number instead.
    if generation is None or generation < MIN_GENERATION:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def bump_content_generation_now_and_on_commit() -> None:
    """Bump now, and once more when the surrounding transaction commits.

    The first bump makes the change's own request and anything after it miss the cache. A
    reader who renders the page between that bump and the commit still sees the old rows and
    caches them under the new number; the second bump retires that page too.
    """
    bump_content_generation()
    connection = transaction.get_connection()
    # One after-commit bump per transaction is enough, however many rows an admin save
    # touches (each queued callback would be another round trip to Redis).
    already_queued = any(entry[1] is bump_content_generation for entry in connection.run_on_commit)
    if not already_queued:
        transaction.on_commit(bump_content_generation)


def page_cache_timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def page_cache_key(request: HttpRequest, generation: int, prefix: str = PAGE_KEY_PREFIX) -> str:
    # Scheme and host are part of the key: canonical links and sitemaps contain them.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"{prefix}:{generation}:{digest}"


def is_cacheable_request(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD requests with no flash messages waiting to be shown."""
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not (hasattr(request, "_messages") and len(get_messages(request)))


def is_cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == HTTPStatus.OK
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_public_page(view: Callable) -> Callable:
    """Serve anonymous readers a whole cached copy of the page, keyed by URL and generation.

    Staff and other logged-in users always get a freshly rendered page (drafts, banners).
    Only 200 responses are stored: 404s for drafts and errors are never cached.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = None
        # When PageCacheMiddleware has looked for this page, it also keeps it as it is sent: a
        # second copy here would only add a lookup and a store to every miss.
        if not getattr(request, "page_cache_middleware_keeps_it", False):
            # Read the generation before the view reads the database: see
            # bump_content_generation_now_and_on_commit for why the order matters.
            key = without_cache_on_failure(lambda: page_cache_key(request, content_generation()))
            if key is None:
                return view(request, *args, **kwargs)
            cached = without_cache_on_failure(lambda: cache.get(key))
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = view(request, *args, **kwargs)
        if "Cache-Control" not in response:
            # Browsers must ask again each time (we answer from the cache, fast), or an
            # edit would hide behind a copy they kept, e.g. from the sitemap's Last-Modified.
            patch_cache_control(response, max_age=0, must_revalidate=True)
        if request.method == "GET" and is_cacheable_response(response):

            def store(rendered):
                if is_cacheable_response(rendered):
                    without_cache_on_failure(lambda: cache.set(key, rendered, page_cache_timeout()))

            if key is not None and hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(store)
            elif key is not None:
                store(response)
            # Tells PageCacheMiddleware that this page may also be kept as sent.
            response.public_page = True
        response["X-Page-Cache"] = "miss"
        return response

    return wrapped


class PageCacheMiddleware:
    """Serve cached pages to cookie-less readers before sessions, auth, CSRF and compression
    run, as the exact bytes that were sent the first time (already gzipped if the reader
    accepts it).

    It stores only responses that `cache_public_page` marked as public, so the views stay the
    one place that decides what may be cached. Anyone with a session or message cookie
    (editors, readers who just saw a message) passes through to the views as before. Sits
    below SecurityMiddleware and WhiteNoise, above FastGZipMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if not self.may_use_cache(request):
            return self.get_response(request)
        key = without_cache_on_failure(lambda: self.wire_key(request))
        if key is None:
            return self.get_response(request)
        cached = without_cache_on_failure(lambda: cache.get(key))
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        request.page_cache_middleware_keeps_it = request.method == "GET"
        response = self.get_response(request)
        if (
            request.method == "GET"
            and getattr(response, "public_page", False)
            and is_cacheable_response(response)
        ):
            without_cache_on_failure(lambda: cache.set(key, response, page_cache_timeout()))
        return response

    @staticmethod
    def may_use_cache(request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def wire_key(request: HttpRequest) -> str:
        # Read the generation first, as cache_public_page does. Compressed and plain copies
        # are kept apart.
        generation = content_generation()
        encoding = (
            "gzip"
            if re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
            else "identity"
        )
        return page_cache_key(request, generation, prefix=f"{WIRE_KEY_PREFIX}:{encoding}")
