from django.urls import path

from metodset.associations import views

app_name = "associations"

urlpatterns = [
    path("", views.association_list, name="list"),
    path("new/", views.association_create, name="create"),
    path("<int:pk>/", views.association_detail, name="detail"),
    path("<int:pk>/edit/", views.association_edit, name="edit"),
    path("<int:pk>/liquidate/", views.association_liquidate, name="liquidate"),
    path("<int:pk>/members/add/", views.member_add, name="member_add"),
    path("<int:pk>/head/", views.head_appoint, name="head_appoint"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
]
