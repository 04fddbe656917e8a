from django.urls import path

from metodset.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.index, name="index"),
    path("results/", views.result_list, name="results"),
    path("risk/", views.risk_list, name="risk"),
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/risk/add/", views.risk_criterion_add, name="risk_criterion_add"),
    path("criteria/risk/<int:pk>/", views.risk_criterion_edit, name="risk_criterion_edit"),
    path("criteria/form/add/", views.form_criterion_add, name="form_criterion_add"),
    path("criteria/form/<int:pk>/", views.form_criterion_edit, name="form_criterion_edit"),
    path("support/", views.support_dashboard, name="support"),
    path("support/add/", views.plan_add, name="plan_add"),
    path("support/<int:pk>/", views.plan_detail, name="plan"),
    path("support/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("support/<int:pk>/measures/add/", views.measure_add, name="measure_add"),
    path("measures/<int:pk>/", views.measure_edit, name="measure_edit"),
    path("support/<int:pk>/visits/add/", views.visit_add, name="visit_add"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/observations/add/", views.observation_add, name="observation_add"),
    path("observations/<int:pk>/", views.observation_detail, name="observation"),
    path("observations/<int:pk>/edit/", views.observation_edit, name="observation_edit"),
    path(
        "observations/<int:pk>/acknowledge/",
        views.observation_acknowledge,
        name="observation_acknowledge",
    ),
    # the observed teacher's own lessons
    path("observations/mine/", views.my_observations, name="mine"),
    path("observations/mine/<int:pk>/", views.my_observation, name="mine_detail"),
]
