from django.urls import path

from metodset.acts import views

app_name = "acts"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_create, name="create"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_edit, name="edit"),
    path("<int:pk>/delete/", views.order_delete, name="delete"),
    path("<int:pk>/file/", views.order_file, name="file"),
]
