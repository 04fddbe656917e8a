from django.urls import path

from metodset.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_index, name="list"),
    path("association/<int:pk>/", views.association_plans, name="association"),
    path("association/<int:pk>/new/", views.plan_create, name="create"),
    path("association/<int:pk>/copy/", views.plan_copy, name="copy"),
    path("service/<int:pk>/", views.service_plans, name="service"),
    path("service/<int:pk>/new/", views.service_plan_create, name="service_create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/delete/", views.plan_delete, name="delete"),
    path("<int:pk>/adopt/", views.plan_adopt, name="adopt"),
    path("<int:pk>/agree/", views.plan_agree, name="agree"),
    path("<int:pk>/approve/", views.plan_approve, name="approve"),
    path("<int:pk>/publish/", views.plan_publish, name="publish"),
    path("<int:pk>/return/", views.plan_return, name="return"),
    path("<int:pk>/items/add/", views.item_add, name="item_add"),
    path("items/<int:pk>/", views.item_row, name="item_row"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/status/", views.item_status, name="item_status"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/meeting/", views.item_meeting, name="item_meeting"),
]
