from django.urls import path

from metodset.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="list"),
]
