from django.urls import path

from metodset.compliance import views

app_name = "compliance"

urlpatterns = [
    path("", views.index, name="matrix"),
]
