from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, views
from .cache import cached_page
from .feeds import NewExercisesFeed
from .filters import ExerciseFilterForm
from .sitemaps import SITEMAPS

app_name = "exercises"

# The query parameters each cached page understands (exercises/cache.py): any others are
# ignored, and make no cache entries of their own.
LISTING = ("page",)
FILTERED_LISTING = (*ExerciseFilterForm.FIELDS, "page")

urlpatterns = [
    path("", cached_page(views.HomeView.as_view()), name="home"),
    path(
        "exercises/",
        cached_page(views.ExerciseListView.as_view(), params=FILTERED_LISTING),
        name="list",
    ),
    path("exercises/<slug:slug>/", cached_page(views.ExerciseDetailView.as_view()), name="detail"),
    # Staff only, never cached: a draft of the live guide at this address.
    path("exercises/<slug:slug>/draft/", views.DraftPreviewView.as_view(), name="draft_preview"),
    path(
        "body-parts/<slug:slug>/",
        cached_page(views.BodyPartView.as_view(), params=LISTING),
        name="body_part",
    ),
    path(
        "muscles/<slug:slug>/",
        cached_page(views.MuscleView.as_view(), params=LISTING),
        name="muscle",
    ),
    path(
        "equipment/<slug:slug>/",
        cached_page(views.EquipmentView.as_view(), params=LISTING),
        name="equipment",
    ),
    path(
        "api/exercises/",
        cached_page(api.exercise_list, params=(*FILTERED_LISTING, "page_size")),
        name="api_list",
    ),
    path("api/exercises/<slug:slug>/", cached_page(api.exercise_detail_view), name="api_detail"),
    path("feed/", cached_page(NewExercisesFeed()), name="feed"),
    path(
        "sitemap.xml", cached_page(sitemap, params=("p",)), {"sitemaps": SITEMAPS}, name="sitemap"
    ),
    path("robots.txt", cached_page(views.robots_txt), name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
