from django.urls import path

from metodset.analysis import views

app_name = "analysis"

urlpatterns = [
    path("", views.analysis_index, name="list"),
    path("association/<int:pk>/", views.association_analyses, name="association"),
    path("association/<int:pk>/new/", views.analysis_create, name="create"),
    path("association/<int:pk>/evaluation/", views.evaluation_add, name="evaluation_add"),
    path("service/<int:pk>/new/", views.service_analysis_create, name="service_create"),
    path("<int:pk>/", views.analysis_detail, name="detail"),
    path("<int:pk>/refresh/", views.analysis_refresh, name="refresh"),
    path("<int:pk>/delete/", views.analysis_delete, name="delete"),
    path("<int:pk>/adopt/", views.analysis_adopt, name="adopt"),
    path("<int:pk>/submit/", views.analysis_submit, name="submit"),
    path("<int:pk>/accept/", views.analysis_accept, name="accept"),
    path("<int:pk>/return/", views.analysis_return, name="return"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("evaluations/<int:pk>/delete/", views.evaluation_delete, name="evaluation_delete"),
]
