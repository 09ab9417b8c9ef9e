"""`reverse()` with a memory: the same view and arguments always give the same address.

Django's reverse() costs about 40 µs on our servers, and an exercise page links to some 25
addresses (taxonomy terms, neighbours, breadcrumbs, the menus): reversing them was a fifth
of the cost of rendering an uncached page. An address depends only on the URLconf, the
script prefix (where the site is mounted) and the arguments, so those make the memo's key.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_url(viewname: str, *args, **kwargs) -> str:
    """reverse(viewname, args=args, kwargs=kwargs), remembered."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(urlconf, get_script_prefix(), viewname, args, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=8192)
def _reverse(urlconf, script_prefix: str, viewname: str, args: tuple, kwargs: tuple) -> str:
    # script_prefix is part of the key only: reverse() reads the same prefix itself.
    return reverse(viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)
