from django.urls import path

from metodset.associations import views

app_name = "associations"

urlpatterns = [
    path("", views.index, name="list"),
]
