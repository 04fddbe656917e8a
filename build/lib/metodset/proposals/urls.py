from django.urls import path

from metodset.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/decide/", views.proposal_decide, name="decide"),
    path("drafts/", views.draft_list, name="drafts"),
    path("drafts/new/", views.draft_open, name="draft_open"),
    path("drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("drafts/<int:pk>/file/", views.draft_file, name="draft_file"),
    path("drafts/<int:pk>/comment/", views.comment_add, name="comment_add"),
    path(
        "drafts/<int:pk>/position/<int:association_pk>/",
        views.position_compile,
        name="position",
    ),
    path("positions/<int:pk>/adopt/", views.position_adopt, name="position_adopt"),
    path("drafts/<int:pk>/positions.docx", views.positions_docx, name="positions_docx"),
    path("drafts/<int:pk>/positions.xlsx", views.positions_xlsx, name="positions_xlsx"),
]
