from django.urls import path

from metodset.core import views

app_name = "core"

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("read/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/read/", views.notification_read, name="notification_read"),
    path("settings/", views.notification_settings, name="notification_settings"),
]
