from django.urls import path

from metodset.growth import views

app_name = "growth"

urlpatterns = [
    path("me/", views.my_growth, name="me"),
    path("teacher/<int:pk>/", views.teacher_growth, name="teacher"),
    path("teacher/<int:pk>/add/<slug:kind>/", views.record_add, name="add"),
    path("<slug:kind>/<int:record_pk>/delete/", views.record_delete, name="delete"),
    path("courses/<int:pk>/certificate/", views.certificate_file, name="certificate"),
    path("routes/<int:route_pk>/steps/add/", views.route_step_add, name="step_add"),
    path("attestation/", views.attestation_schedule, name="attestation"),
    path("courses/", views.course_schedule, name="courses"),
    path("young/", views.young_teachers, name="young"),
    path("needs/", views.needs, name="needs"),
]
