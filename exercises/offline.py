"""Offline reading and installing the site as an app: the web app manifest, the service
worker and the page it shows offline for pages the reader has not opened before.

The service worker is served from the site's root, so that its scope covers every page. Its
version is a hash of what it stores up front (the stylesheet, scripts, icons and the
offline page's templates), so every change to them installs a new worker, which replaces
the stored copies.
"""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .seo import SITE_NAME

# Stored when the worker installs: what every page needs, and the offline page's own files.
PRECACHED_STATIC = (
    "css/site.css",
    "js/site.js",
    "js/timer.js",
    "favicon.svg",
    "icons/icon-192.png",
)
ICONS = (
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/maskable-512.png", "512x512", "maskable"),
)
OFFLINE_TEMPLATES = ("base.html", "offline.html", "service-worker.js")
THEME_COLOR = "#0f766e"
BACKGROUND_COLOR = "#f7f8f6"


@require_safe
def manifest(request):
    data = {
        "id": "/",
        "name": SITE_NAME,
        "short_name": SITE_NAME,
        "description": "Step-by-step stretching and mobility guides, with a hold and rep "
        "timer; guides you have opened are there offline.",
        "lang": get_language(),
        "dir": "ltr",
        "start_url": reverse("exercises:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "categories": ["health", "fitness", "education"],
        "icons": [
            {"src": staticfiles_storage.url(name), "sizes": sizes, "type": "image/png",
             "purpose": purpose}
            for name, sizes, purpose in ICONS
        ],
    }  # fmt: skip
    return JsonResponse(data, content_type="application/manifest+json")


def _precached_urls() -> list[str]:
    return [reverse("exercises:offline"), *map(staticfiles_storage.url, PRECACHED_STATIC)]


def _version() -> str:
    digest = hashlib.sha256()
    for url in _precached_urls():
        digest.update(url.encode())
    for name in PRECACHED_STATIC:
        path = finders.find(name)
        with open(path, "rb") as file:
            digest.update(file.read())
    for name in OFFLINE_TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _released_version() -> str:
    # Static files and templates change only with a release (a restart) in production.
    return _version()


def worker_version() -> str:
    """Changes whenever anything the worker stores up front changes."""
    return _version() if settings.DEBUG else _released_version()


@require_safe
def service_worker(request):
    context = {
        "version": worker_version(),
        "precache": json.dumps(_precached_urls()),
        "offline_url": json.dumps(reverse("exercises:offline")),
        "static_prefix": json.dumps(staticfiles_storage.base_url),
        "never_stored": json.dumps([reverse("admin:index"), "/api/", "/healthz"]),
    }
    response = render(request, "service-worker.js", context, content_type="text/javascript")
    # Browsers check for a new worker on every visit; they must ask, never assume.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline(request):
    return render(
        request,
        "offline.html",
        {
            "page_title": "You are offline",
            "page_description": "This page is not saved on this device yet. Guides you "
            "have opened before are still here to read without a connection.",
            "robots_noindex": True,
        },
    )
