from django.urls import path

from metodset.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/register/", views.register_self, name="register"),
    path("<int:pk>/register-member/", views.register_member, name="register_member"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("participation/<int:pk>/cancel/", views.participation_cancel, name="cancel"),
    path("participation/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("<int:pk>/materials/add/", views.material_add, name="material_add"),
    path("materials/<int:pk>/", views.material_file, name="material"),
    path("<int:pk>/competition/", views.competition, name="competition"),
    path(
        "<int:pk>/competition/<slug:action>/", views.competition_update, name="competition_update"
    ),
    path("certificates/verify/", views.verify, name="verify"),
]
