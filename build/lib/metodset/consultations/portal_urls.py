from django.urls import path

from metodset.consultations import portal

app_name = "consultations_portal"

urlpatterns = [
    path("", portal.ask, name="ask"),
    path("sent/", portal.sent, name="sent"),
]
