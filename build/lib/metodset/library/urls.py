from django.urls import path

from metodset.library import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("materials/new/", views.material_create, name="material_create"),
    path("materials/<int:pk>/", views.material_detail, name="material"),
    path("materials/<int:pk>/edit/", views.material_edit, name="material_edit"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
    path("files/<int:pk>/", views.material_file, name="file"),
    path("practices/", views.practice_list, name="practices"),
    path("practices/new/", views.practice_submit, name="practice_submit"),
    path("practices/<int:pk>/", views.practice_detail, name="practice"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/experts/", views.practice_experts, name="practice_experts"),
    path("practices/<int:pk>/accept/", views.practice_accept, name="practice_accept"),
    path("practices/<int:pk>/publish/", views.practice_publish, name="practice_publish"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("criteria/", views.criteria, name="criteria"),
    path("news/", views.news_list, name="news"),
    path("news/new/", views.news_create, name="news_create"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
]
