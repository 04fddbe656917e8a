from django.urls import path

from metodset.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", views.targets, name="targets"),
    path("<slug:code>/association/<int:association_pk>/", views.drill, name="drill"),
]
