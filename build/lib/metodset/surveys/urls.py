from django.urls import path

from metodset.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_index, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/delete/", views.survey_delete, name="delete"),
    path("<int:pk>/open/", views.survey_open, name="open"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    path("<int:pk>/links/", views.survey_links, name="links"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("questions/<int:pk>/", views.question_row, name="question_row"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/move/<str:direction>/", views.question_move, name="question_move"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("s/<str:slug>/", views.survey_answer, name="answer"),
]
