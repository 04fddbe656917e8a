from django.urls import path

from metodset.privacy import views

app_name = "privacy"

urlpatterns = [
    path("access-log/", views.access_log, name="log"),
    path("teacher/<int:pk>/export.json", views.teacher_export_json, name="export_json"),
    path("teacher/<int:pk>/export.xlsx", views.teacher_export_xlsx, name="export_xlsx"),
    path("teacher/<int:pk>/anonymise/", views.teacher_anonymise, name="anonymise"),
    path("consent/<int:pk>/", views.consent_text, name="consent_text"),
]
