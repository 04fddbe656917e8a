from django.urls import path

from metodset.core import views

app_name = "autocomplete"

urlpatterns = [
    path("<slug:kind>/", views.autocomplete, name="search"),
]
