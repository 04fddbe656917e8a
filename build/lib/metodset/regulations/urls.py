from django.urls import path

from metodset.regulations import views

app_name = "regulations"

urlpatterns = [
    path("", views.regulation_list, name="list"),
    path("upload/", views.regulation_upload, name="upload"),
    path("<int:pk>/", views.regulation_detail, name="detail"),
    path("versions/<int:version_pk>/export.yaml", views.regulation_export, name="export"),
    path("compliance/", views.matrix, name="matrix"),
]
