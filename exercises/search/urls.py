from django.urls import path

from ..cache import cached_page
from ..tags import SEARCH
from . import views

app_name = "search"

# Readers repeat common questions: answers are cached per query like any public page, and
# any content or synonym change retires them (exercises/signals.py), in shared caches too
# (tagged "search", exercises/tags.py).
urlpatterns = [
    path(
        "search/",
        cached_page(views.search_page, params=("q", "part", "page", "spelling"), tags=(SEARCH,)),
        name="page",
    ),
    path(
        "api/search/",
        cached_page(views.search_api, params=("q", "part", "limit", "spelling"), tags=(SEARCH,)),
        name="api",
    ),
    path("search/record/", views.record_search, name="record"),
]
