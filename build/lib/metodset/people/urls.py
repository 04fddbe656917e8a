from django.urls import path

from metodset.people import views

app_name = "people"

urlpatterns = [
    path("", views.teacher_list, name="list"),
    path("new/", views.teacher_create, name="create"),
    path("me/", views.my_profile, name="me"),
    path("<int:pk>/", views.teacher_detail, name="detail"),
    path("<int:pk>/edit/", views.teacher_edit, name="edit"),
    path("<int:pk>/delete/", views.teacher_delete, name="delete"),
    path("<int:pk>/theme/", views.theme_add, name="theme_add"),
]
