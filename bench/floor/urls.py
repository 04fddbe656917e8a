"""The project's URLs plus the floor (ROOT_URLCONF of bench/pages.py only)."""

from django.urls import include, path

from floor import views

urlpatterns = [
    path("bench-floor/", views.teachers, name="bench-floor"),
    path("", include("metodset.urls")),
]
