from django.urls import path

from metodset.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.index, name="list"),
]
