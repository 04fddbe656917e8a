from django.urls import path

from metodset.acts import views

app_name = "acts"

urlpatterns = [
    path("", views.index, name="list"),
]
