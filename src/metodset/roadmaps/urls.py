from django.urls import path

from metodset.roadmaps import views

app_name = "roadmaps"

urlpatterns = [
    path("", views.roadmap_list, name="list"),
    path("new/", views.roadmap_create, name="create"),
    path("<int:pk>/", views.roadmap_detail, name="detail"),
    path("<int:pk>/measures/add/", views.measure_add, name="measure_add"),
    path("measures/<int:pk>/", views.measure_edit, name="measure_edit"),
]
