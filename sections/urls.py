from embassy.pages.routes import content_page_urls

from . import views

app_name = "sections"

urlpatterns = [
    *content_page_urls("sections/<slug:slug>/", views.SectionView.as_view(), "section"),
    *content_page_urls(
        "sections/<slug:section_slug>/<slug:slug>/", views.ArticleView.as_view(), "article"
    ),
]
