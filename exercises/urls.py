from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, offline, views
from .cache import cached_page
from .feeds import NewExercisesFeed
from .filters import ExerciseFilterForm
from .sitemaps import SITEMAPS
from .tags import LISTS

app_name = "exercises"

# The query parameters each cached page understands (exercises/cache.py): any others are
# ignored, and make no cache entries of their own.
LISTING = ("page",)
FILTERED_LISTING = (*ExerciseFilterForm.FIELDS, "page")
# Pages that show which exercises are published are tagged for shared caches and purged
# with every such change; the exercise pages tag themselves with what they show
# (exercises/tags.py).
SHOWS_LISTS = (LISTS,)

urlpatterns = [
    path("", cached_page(views.HomeView.as_view(), tags=SHOWS_LISTS), name="home"),
    path(
        "exercises/",
        cached_page(views.ExerciseListView.as_view(), params=FILTERED_LISTING, tags=SHOWS_LISTS),
        name="list",
    ),
    path("exercises/<slug:slug>/", cached_page(views.ExerciseDetailView.as_view()), name="detail"),
    *(
        path(
            f"{way.prefix}/",
            cached_page(views.TaxonomyIndexView.as_view(browse=way)),
            name=way.index_name,
        )
        for way in views.BROWSE
    ),
    # Staff only, never cached: a draft of the live guide at this address.
    path("exercises/<slug:slug>/draft/", views.DraftPreviewView.as_view(), name="draft_preview"),
    path(
        "body-parts/<slug:slug>/",
        cached_page(views.BodyPartView.as_view(), params=LISTING, tags=SHOWS_LISTS),
        name="body_part",
    ),
    path(
        "muscles/<slug:slug>/",
        cached_page(views.MuscleView.as_view(), params=LISTING, tags=SHOWS_LISTS),
        name="muscle",
    ),
    path(
        "equipment/<slug:slug>/",
        cached_page(views.EquipmentView.as_view(), params=LISTING, tags=SHOWS_LISTS),
        name="equipment",
    ),
    path(
        "api/exercises/",
        cached_page(api.exercise_list, params=(*FILTERED_LISTING, "page_size"), tags=SHOWS_LISTS),
        name="api_list",
    ),
    path("api/exercises/<slug:slug>/", cached_page(api.exercise_detail_view), name="api_detail"),
    path("feed/", cached_page(NewExercisesFeed(), tags=SHOWS_LISTS), name="feed"),
    path(
        "sitemap.xml",
        cached_page(sitemap, params=("p",), tags=SHOWS_LISTS),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "about/images/",
        cached_page(views.ImageLicenceView.as_view()),
        name="image_licence",
    ),
    path("robots.txt", cached_page(views.robots_txt), name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", cached_page(offline.manifest), name="manifest"),
    # At the root, so that the worker's scope is the whole site.
    path("service-worker.js", cached_page(offline.service_worker), name="service_worker"),
    path("offline/", cached_page(offline.offline), name="offline"),
]
