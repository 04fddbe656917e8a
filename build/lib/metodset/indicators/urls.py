from django.urls import path

from metodset.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("targets/", views.targets, name="targets"),
    path("monitoring/", views.monitoring, name="monitoring"),
    path("association/<int:pk>/", views.association_dashboard, name="association"),
    path("<slug:code>/association/<int:association_pk>/", views.drill, name="drill"),
    path("<slug:code>/association/<int:association_pk>/assess/", views.assess, name="assess"),
    path("<slug:code>/municipality/<int:pk>/", views.drill_municipality, name="drill_municipality"),
]
