from django.urls import path

from . import views

app_name = "exercises"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("exercises/", views.ExerciseListView.as_view(), name="list"),
    path("exercises/<slug:slug>/", views.ExerciseDetailView.as_view(), name="detail"),
    path("body-parts/<slug:slug>/", views.BodyPartView.as_view(), name="body_part"),
    path("muscles/<slug:slug>/", views.MuscleView.as_view(), name="muscle"),
    path("equipment/<slug:slug>/", views.EquipmentView.as_view(), name="equipment"),
]
