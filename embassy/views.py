from django.views.generic import TemplateView

from sections.models import Article
from transcripts.models import Briefing


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_briefings"] = Briefing.objects.published().select_related("spokesperson")[
            :10
        ]
        context["latest_articles"] = Article.objects.published().select_related("section")[:10]
        return context
