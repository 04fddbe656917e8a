from django.urls import path

from metodset.documents import views
from metodset.documents.kinds import DOCUMENTS

app_name = "documents"

urlpatterns = [
    path("templates/", views.template_index, name="template_index"),
    path("templates/<int:pk>/", views.municipality_templates, name="templates"),
    path("templates/builtin/<str:kind>.docx", views.template_builtin, name="template_builtin"),
    path("templates/<int:pk>/<str:kind>/file/", views.template_file, name="template_file"),
    path("templates/<int:pk>/<str:kind>/upload/", views.template_upload, name="template_upload"),
    path("templates/<int:pk>/<str:kind>/revert/", views.template_revert, name="template_revert"),
]

# A DOCX and a PDF download of every generated document (DOCUMENT_KINDS in extensions.py).
urlpatterns += [
    path(
        f"{source.path}/<int:pk>/{fmt}/",
        views.download,
        {"kind": kind, "fmt": fmt},
        name=f"{kind}_{fmt}",
    )
    for kind, source in DOCUMENTS.items()
    for fmt in ("docx", "pdf")
]
