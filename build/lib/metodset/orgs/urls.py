from django.urls import path

from metodset.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path("<int:pk>/delete/", views.organisation_delete, name="delete"),
    path("authority/", views.authority_heads, name="authority_heads"),
    path("authority/new/", views.authority_head_create, name="authority_head_create"),
    path("authority/<int:pk>/edit/", views.authority_head_edit, name="authority_head_edit"),
    path("authority/<int:pk>/delete/", views.authority_head_delete, name="authority_head_delete"),
]
