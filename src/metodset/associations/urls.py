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
    path("<int:pk>/network/", views.network_edit, name="network_edit"),
    path("<int:pk>/network/report/", views.network_report, name="network_report"),
    path("<int:pk>/network/report/file/", views.network_report_file, name="network_report_file"),
    path("<int:pk>/composition/", views.composition_approve, name="composition_approve"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
]
