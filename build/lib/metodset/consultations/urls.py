from django.urls import path

from metodset.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("ask/", views.request_ask, name="ask"),
    path("log/", views.consultation_log, name="log"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/answer/", views.request_answer, name="answer"),
    path("<int:pk>/decline/", views.request_decline, name="decline"),
    path("<int:pk>/close/", views.request_close, name="close"),
]
