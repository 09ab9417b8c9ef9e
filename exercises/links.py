"""`reverse()` with a memory: the same view and arguments always give the same address.

Django's reverse() costs about 40 µs on our servers, and an exercise page links to some 25
addresses (taxonomy terms, neighbours, breadcrumbs, the menus): reversing them was a fifth
of the cost of rendering an uncached page. An address depends only on the URLconf, the
script prefix (where the site is mounted) and the arguments, so those make the memo's key.

Reading the URLconf and the script prefix (asgiref locals) costs about 5 µs, more than the
memo itself, so `RequestLocationMiddleware` reads them once per request. StretchSite has no
per-request URLconfs (`request.urlconf`); one set by a later middleware would not be seen.
"""

from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# (URLconf, script prefix) of the request being served, if any.
_request_location: ContextVar[tuple[str, str] | None] = ContextVar("request_location", default=None)


def reverse_url(viewname: str, *args, **kwargs) -> str:
    """reverse(viewname, args=args, kwargs=kwargs), remembered."""
    urlconf, script_prefix = _request_location.get() or _current_location()
    return _reverse(urlconf, script_prefix, viewname, args, tuple(sorted(kwargs.items())))


def _current_location() -> tuple[str, str]:
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()


@lru_cache(maxsize=8192)
def _reverse(urlconf, script_prefix: str, viewname: str, args: tuple, kwargs: tuple) -> str:
    # script_prefix is part of the key only: reverse() reads the same prefix itself.
    return reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


class RequestLocationMiddleware:
    """Reads the URLconf and script prefix once per request, for `reverse_url`. First in
    MIDDLEWARE, so every address a request asks for (the admin's CSP prefix too) uses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_location.set(_current_location())
        try:
            return self.get_response(request)
        finally:
            _request_location.reset(token)
