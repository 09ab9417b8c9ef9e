"""Whole-page caching for anonymous readers, invalidated by one "content generation" number.

Views opt in with the `cached_page` marker. `PageCacheMiddleware` keys each page by its
address and the current generation. Any change to the content bumps the number (see
`exercises.signals`), so every page cached before the change is simply never asked for again:
no per-key deletes, and an edit on one app server is visible on the next request to every
app server that shares the cache (Redis in production).

Pages are kept as they were sent, compressed or not, with the ETag that Django's
ConditionalGetMiddleware gave them: a browser revalidating a page it has gets `304 Not
Modified` from the cache, without the database being asked.

Shared caches in front (Varnish, a CDN) are told how long they may keep each public page
(`s-maxage`, with `stale-while-revalidate` and `stale-if-error`) and what it shows (its
tags, exercises.tags); every edit purges the pages tagged with what it changed
(exercises.purge). Pages for editors, logged-in readers, drafts and anything that sets a
cookie are `private`: only the browser they were made for may keep them.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus

import pybreaker
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip  # as the gzip middleware decides
from django.urls import Resolver404, resolve
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import parse_http_date_safe
from redis import RedisError

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
MIN_GENERATION = 10**15  # any fresh generation (microseconds since 1970) is larger


CACHE_ERRORS = (RedisError, OSError)


class PauseLogger(pybreaker.CircuitBreakerListener):
    def state_change(self, breaker, old_state, new_state):
        if new_state.name == pybreaker.STATE_OPEN:
            logger.warning(
                "The cache failed %d times in a row: not asking it for %d s.",
                breaker.fail_max,
                breaker.reset_timeout,
            )
        elif new_state.name == pybreaker.STATE_CLOSED:
            logger.info("The cache answers again.")


# One per process. A Redis that hangs costs each request a timeout (DJANGO_REDIS_TIMEOUT);
# after a few failures in a row the process stops asking for a while, so readers wait
# milliseconds, not seconds, and then one request tries again.
breaker = pybreaker.CircuitBreaker(
    fail_max=settings.CACHE_FAILURES_BEFORE_PAUSE,
    reset_timeout=settings.CACHE_PAUSE_SECONDS,
    exclude=[lambda error: not isinstance(error, CACHE_ERRORS)],
    listeners=[PauseLogger()],
    name="cache",
)


def without_cache_on_failure(operation: Callable, default=None):
    """Run a cache operation; if the shared cache is unreachable, log it and go on without.

    Readers then get freshly rendered pages and editors can still save: a Redis outage
    makes the site slower, not unavailable.
    """
    try:
        return breaker.call(operation)
    except pybreaker.CircuitBreakerError:
        return default  # paused after repeated failures (logged when it began)
    except CACHE_ERRORS as error:
        logger.warning("Page cache unavailable, working without it: %s", error)
        return default


def cache_answers() -> bool:
    """Whether the cache answers now (for /healthz), without waiting while it is paused."""
    return without_cache_on_failure(lambda: cache.get("healthz") or True, default=False)


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

    The first bump lets the change's own transaction see fresh pages. A reader who renders
    the page between that bump and the commit still sees the old rows and caches them under
    the new number; the second bump retires that page too.
    """
    bump_content_generation()
    transaction.on_commit(bump_content_generation)


@dataclass(frozen=True)
class PagePolicy:
    """How a view's pages are cached: `params` are the query parameters the page
    understands. Others change nothing on the page, so they make no cache entries of
    their own: such a request is served the page without them. `tags` are what every page
    of the view shows, for shared caches (see exercises.tags)."""

    params: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def cached_page(view: Callable | None = None, *, params=(), tags=()) -> Callable:
    """Mark a view's pages as the same for every anonymous reader, to be cached whole by
    `PageCacheMiddleware`: `cached_page(view)` or
    `cached_page(view, params=["page"], tags=["lists"])`."""

    def mark(view: Callable) -> Callable:
        @wraps(view)
        def page(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        page.page_cache = PagePolicy(tuple(params), tuple(tags))
        return page

    return mark(view) if view is not None else mark


def page_policy(request: HttpRequest) -> PagePolicy | None:
    """The policy of the view this request goes to, if it is a marked page asked to be read."""
    if request.method not in ("GET", "HEAD"):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return getattr(match.func, "page_cache", None)


def is_anonymous_reader(request: HttpRequest) -> bool:
    """Readers without a session or waiting messages get the page every such reader gets;
    editors, logged-in readers and readers who just saw a message get a page of their own."""
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES)


def page_cache_key(request: HttpRequest, policy: PagePolicy, generation: int) -> str:
    """Scheme and host (canonical links and sitemaps contain them), path, the understood
    query parameters in a stable order, and the encoding the reader accepts."""
    query = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name in policy.params
        for value in values
    )
    encoding = "gzip" if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")) else ""
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}#{encoding}"
    return f"page:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def has_only_understood_params(request: HttpRequest, policy: PagePolicy) -> bool:
    return all(name in policy.params for name in request.GET)


def is_storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == HTTPStatus.OK
        and not response.cookies
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def not_modified_or(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A 304 when the browser already has this version of the page, else the page."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def for_every_reader(response: HttpResponse, tags: set[str], shared: bool) -> None:
    """A public page's headers. Browsers ask again each time (answered from a cache, often
    with a 304), or an edit would hide behind a copy they kept. When `shared`, caches in
    front may keep it for DJANGO_SHARED_CACHE_SECONDS, since every edit purges what it
    changed there, and serve it stale for a while when the app servers are slow or away.
    Its tags go in every header a cache in front reads them from."""
    if shared and settings.SHARED_CACHE_SECONDS > 0:
        patch_cache_control(
            response,
            max_age=0,
            s_maxage=settings.SHARED_CACHE_SECONDS,
            stale_while_revalidate=settings.STALE_WHILE_REVALIDATE_SECONDS,
            stale_if_error=settings.STALE_IF_ERROR_SECONDS,
        )
    else:
        patch_cache_control(response, max_age=0, must_revalidate=True)
    # The same address shows editors and logged-in readers another page.
    patch_vary_headers(response, ["Cookie"])
    if tags:
        for header in settings.CACHE_TAG_HEADERS:
            # Cloudflare's Cache-Tag is a comma-separated list; xkey and Surrogate-Key
            # are separated by spaces.
            separator = "," if header.lower() == "cache-tag" else " "
            response[header] = separator.join(sorted(tags))


def for_this_reader_only(response: HttpResponse) -> None:
    """A page for one reader (an editor, someone logged in): never kept by a shared cache,
    checked again by the browser each time."""
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(response, max_age=0, must_revalidate=True)
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])


class PageCacheMiddleware:
    """Serve cached pages to anonymous readers before sessions, auth, CSRF and compression
    run, as the exact bytes that were sent the first time (already gzipped if the reader
    accepts it), and say how shared caches in front may keep each response. Sits below
    SecurityMiddleware and WhiteNoise, above GZipMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.respond(request)
        if response.cookies:
            # A response that sets a cookie is for this browser alone.
            patch_cache_control(response, private=True)
        return response

    def respond(self, request: HttpRequest):
        policy = page_policy(request)
        if policy is None:
            return self.get_response(request)
        if not is_anonymous_reader(request):
            response = self.get_response(request)
            for_this_reader_only(response)
            return response
        # Read the generation before the view reads the database: see
        # bump_content_generation_now_and_on_commit for why the order matters.
        generation = None
        if settings.PAGE_CACHE_SECONDS or settings.SHARED_CACHE_SECONDS:
            generation = without_cache_on_failure(content_generation)
        key = None
        if generation is not None and settings.PAGE_CACHE_SECONDS:
            key = page_cache_key(request, policy, generation)
            cached = without_cache_on_failure(lambda: cache.get(key))
            if cached is not None:
                response = not_modified_or(request, cached)
                response["X-Page-Cache"] = "hit"
                return response
        request.cache_tags = set(policy.tags)  # views add what they show (exercises.tags)
        response = self.get_response(request)
        if "Cache-Control" not in response:  # unless the view said otherwise
            if is_storable(response):
                shared = not changed_since(generation)
                for_every_reader(response, request.cache_tags, shared=shared)
            else:
                patch_cache_control(response, max_age=0, must_revalidate=True)
        if (
            key
            and request.method == "GET"
            and has_only_understood_params(request, policy)
            and is_storable(response)
        ):
            without_cache_on_failure(lambda: cache.set(key, response, settings.PAGE_CACHE_SECONDS))
        response["X-Page-Cache"] = "miss"
        return response


def changed_since(generation: int | None) -> bool:
    """Whether the content changed while this page was drawn: the page may show rows from
    before an edit whose purge has already gone out, so shared caches must not keep it.
    (The page cache keys it by the old generation, which retires it.)"""
    if not settings.SHARED_CACHE_SECONDS or generation is None:
        return False
    return without_cache_on_failure(content_generation) != generation
