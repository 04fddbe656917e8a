from django.urls import path

from metodset.documents import views

app_name = "documents"

urlpatterns = [
    path("plan/<int:pk>/docx/", views.plan_docx, name="plan_docx"),
    path("plan/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("minutes/<int:pk>/docx/", views.minutes_docx, name="minutes_docx"),
    path("minutes/<int:pk>/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path("notice/<int:pk>/docx/", views.notice_docx, name="notice_docx"),
    path("notice/<int:pk>/pdf/", views.notice_pdf, name="notice_pdf"),
    path("order-creation/<int:pk>/docx/", views.order_creation_docx, name="order_creation_docx"),
    path("order-creation/<int:pk>/pdf/", views.order_creation_pdf, name="order_creation_pdf"),
    path("order-head/<int:pk>/docx/", views.order_head_docx, name="order_head_docx"),
    path("order-head/<int:pk>/pdf/", views.order_head_pdf, name="order_head_pdf"),
    path("templates/", views.template_index, name="template_index"),
    path("templates/<int:pk>/", views.municipality_templates, name="templates"),
    path("templates/builtin/<str:kind>.docx", views.template_builtin, name="template_builtin"),
    path("templates/<int:pk>/<str:kind>/file/", views.template_file, name="template_file"),
    path("templates/<int:pk>/<str:kind>/upload/", views.template_upload, name="template_upload"),
    path("templates/<int:pk>/<str:kind>/revert/", views.template_revert, name="template_revert"),
]
