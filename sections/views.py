from embassy.pages import ContentPageView

from .models import Article, Section


class SectionView(ContentPageView):
    model = Section

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.object
        context["articles"] = section.articles.published()
        context["briefings"] = section.briefings.published().select_related("spokesperson")
        return context


class ArticleView(ContentPageView):
    model = Article

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(section__slug=self.kwargs["section_slug"])
            .select_related("section")
        )
