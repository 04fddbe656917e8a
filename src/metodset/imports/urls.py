from django.urls import path

from metodset.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_upload, name="upload"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/columns/", views.import_columns, name="columns"),
    path("<int:pk>/apply/", views.import_apply, name="apply"),
    path("<int:pk>/retry/", views.import_retry, name="retry"),
    path("<int:pk>/file/", views.import_file, name="file"),
    path("template/<slug:kind>.xlsx", views.import_template, name="template"),
]
