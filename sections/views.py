from embassy.missions.middleware import mission_of
from embassy.pages.pagination import PAGINATED, paginate
from embassy.pages.views import ContentPageView

from .models import Article, Section


class SectionView(ContentPageView):
    """A section's intro and its content, newest first: briefings where the section holds them
    (Spokesperson's Remarks), articles everywhere else."""

    model = Section
    query_parameters = PAGINATED

    def get_queryset(self):
        return super().get_queryset().select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.object
        # The section holds briefings in whichever language; it lists each once, the reader's
        # version where there is one, else the first of their fall-back languages'.
        shown = section.briefings_shown_on(mission_of(self.request))
        holds_briefings = shown.published().exists()
        briefings = shown.published().for_reader().select_related("spokesperson")
        articles = section.articles.published().for_reader()
        context["holds_briefings"] = holds_briefings
        context["page_obj"] = paginate(self.request, briefings if holds_briefings else articles)
        context["subsections"] = section.children.filter(show_in_menu=True)
        context["current_section"] = section
        return context


class ArticleView(ContentPageView):
    model = Article
    language_field = "language"
    says_when_elsewhere = True

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(section__slug=self.kwargs["section_slug"])
            .select_related("section__parent", "lead_image")
            .prefetch_related("tags", "lead_image__renditions")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_section"] = self.object.section
        return context
