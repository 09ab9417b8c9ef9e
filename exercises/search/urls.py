from django.urls import path

from ..cache import cache_public_page as cached
from . import views

app_name = "search"

# Readers repeat common questions: answers are cached per query like any public page, and
# any content or synonym change retires them (exercises/signals.py).
urlpatterns = [
    path("search/", cached(views.search_page), name="page"),
    path("api/search/", cached(views.search_api), name="api"),
]
