from django.urls import path

from metodset.pdorders import views

app_name = "pdorders"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("requests/add/", views.request_add, name="request_add"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/propose/", views.request_propose, name="propose"),
    path("requests/<int:pk>/lines/add/", views.line_add, name="line_add"),
    path("requests/<int:pk>/request.xlsx", views.request_xlsx, name="request_xlsx"),
    path("requests/<int:pk>/request.docx", views.request_docx, name="request_docx"),
    path("lines/<int:pk>/", views.line_edit, name="line_edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="line_delete"),
    path("courses/", views.course_list, name="courses"),
    path("courses/add/", views.course_add, name="course_add"),
    path("courses/<int:pk>/", views.course_detail, name="course"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("enrolments/<int:pk>/remove/", views.unenrol, name="unenrol"),
    path("competences/", views.competence_list, name="competences"),
    path("competences/add/", views.competence_add, name="competence_add"),
    path("mine/", views.my_enrolments, name="mine"),
]
