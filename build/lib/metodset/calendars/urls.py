from django.urls import path

from metodset.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.municipality_month, name="month"),
    path("association/<int:pk>/", views.association_month, name="association"),
    path("feeds/<int:pk>/regenerate/", views.feed_regenerate, name="feed_regenerate"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
