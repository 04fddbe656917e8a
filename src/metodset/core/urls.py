from django.urls import path

from metodset.core import views

app_name = "core"

urlpatterns = [path("", views.home, name="home")]
