from django.urls import path

from metodset.people import views

app_name = "people"

urlpatterns = [
    path("", views.index, name="list"),
]
