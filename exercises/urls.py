from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, views
from .cache import cache_public_page as cached
from .feeds import NewExercisesFeed
from .sitemaps import SITEMAPS

app_name = "exercises"

urlpatterns = [
    path("", cached(views.HomeView.as_view()), name="home"),
    path("exercises/", cached(views.ExerciseListView.as_view()), name="list"),
    path("exercises/<slug:slug>/", cached(views.ExerciseDetailView.as_view()), name="detail"),
    path("body-parts/<slug:slug>/", cached(views.BodyPartView.as_view()), name="body_part"),
    path("muscles/<slug:slug>/", cached(views.MuscleView.as_view()), name="muscle"),
    path("equipment/<slug:slug>/", cached(views.EquipmentView.as_view()), name="equipment"),
    path("api/exercises/", cached(api.exercise_list), name="api_list"),
    path("api/exercises/<slug:slug>/", cached(api.exercise_detail_view), name="api_detail"),
    path("feed/", cached(NewExercisesFeed()), name="feed"),
    path("sitemap.xml", cached(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", cached(views.robots_txt), name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]
