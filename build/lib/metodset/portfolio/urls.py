from django.urls import path

from metodset.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.yearend, name="yearend"),
    path("needs/", views.head_needs, name="needs"),
    path("<int:pk>/", views.association_portfolio, name="association"),
    path("<int:pk>/zip/", views.portfolio_download, name="zip"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/items/<slug:code>/", views.item_download, name="item"),
    path("<int:pk>/items/<slug:code>/upload/", views.item_upload, name="upload"),
    path("<int:pk>/items/<slug:code>/clear/", views.item_clear, name="clear"),
    path("<int:pk>/databank/", views.databank_page, name="databank"),
    path("<int:pk>/databank/xlsx/", views.databank_download, name="databank_xlsx"),
    path("<int:pk>/curricula/add/", views.curriculum_add, name="curriculum_add"),
    path("curricula/<int:pk>/delete/", views.curriculum_delete, name="curriculum_delete"),
]
