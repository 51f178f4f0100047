from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from sections.models import Article
from transcripts.models import Briefing

LATEST_BRIEFINGS = 5
ARTICLES_PER_SECTION = 3


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_briefings"] = Briefing.objects.published().select_related("spokesperson")[
            :LATEST_BRIEFINGS
        ]
        # The newest few articles of every section, in one query however many sections there are.
        context["latest_articles"] = (
            Article.objects.published()
            .select_related("section")
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section"),
                    order_by=[F("publish_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=ARTICLES_PER_SECTION)
            .order_by("section__menu_group", "section__position", "section__title", "rank")
        )
        return context


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        # Print versions and suggest forms repeat the pages they belong to.
        "Disallow: /*/print/",
        "Disallow: /*/suggest/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
