from django.contrib import admin
from django.urls import include, path

from . import search_page, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("search/", search_page.SearchView.as_view(), name="search"),
    path("", include("sections.urls")),
    path("", include("transcripts.urls")),
]
