from django.urls import path

from metodset.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("passport/<int:pk>/publish/", views.passport_publish, name="publish"),
    path("passport/<int:pk>/unpublish/", views.passport_unpublish, name="unpublish"),
    path("<slug:slug>/", views.municipality, name="municipality"),
    path("<slug:slug>/results/", views.results_page, name="results"),
    path("<slug:slug>/associations/<int:pk>/", views.passport, name="passport"),
    path(
        "<slug:slug>/associations/<int:pk>/passport.<str:fmt>",
        views.passport_document,
        name="passport_document",
    ),
    path("<slug:slug>/plans/<int:pk>/", views.plan, name="plan"),
]
