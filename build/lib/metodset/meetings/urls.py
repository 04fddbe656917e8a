from django.urls import path

from metodset.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_index, name="list"),
    path("settings/", views.minutes_settings, name="settings"),
    path("association/<int:pk>/", views.association_meetings, name="association"),
    path("association/<int:pk>/new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/delete/", views.meeting_delete, name="delete"),
    path("<int:pk>/sign/", views.minutes_sign, name="sign"),
    path("<int:pk>/attendance/", views.attendance_save, name="attendance"),
    path("<int:pk>/guests/add/", views.guest_add, name="guest_add"),
    path("guests/<int:pk>/remove/", views.guest_remove, name="guest_remove"),
    path("<int:pk>/agenda/add/", views.agenda_add, name="agenda_add"),
    path("agenda/<int:pk>/", views.agenda_row, name="agenda_row"),
    path("agenda/<int:pk>/edit/", views.agenda_edit, name="agenda_edit"),
    path("agenda/<int:pk>/move/<str:direction>/", views.agenda_move, name="agenda_move"),
    path("agenda/<int:pk>/decision/", views.decision_follow, name="decision"),
    path("agenda/<int:pk>/decision/report/", views.decision_report, name="decision_report"),
    path("agenda/<int:pk>/delete/", views.agenda_delete, name="agenda_delete"),
    path("<int:pk>/attachments/add/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
]
