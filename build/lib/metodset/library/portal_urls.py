from django.urls import path

from metodset.library import portal

app_name = "bank"

urlpatterns = [
    path("", portal.bank, name="index"),
    path("materials/<int:pk>/", portal.material, name="material"),
    path("practices/<int:pk>/", portal.practice, name="practice"),
    path("news/<int:pk>/", portal.news, name="news"),
    path("files/<int:pk>/", portal.public_file, name="file"),
    path("rss/", portal.NewsFeed(), name="rss"),
    path("atom/", portal.AtomFeed(), name="atom"),
]
