from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from embassy.languages.switching import UNTRANSLATED
from embassy.missions.middleware import mission_of
from sections.models import Article
from transcripts.models import Briefing

LATEST_BRIEFINGS = 5
ARTICLES_PER_SECTION = 3


class HomeView(TemplateView):
    template_name = "embassy/home.html"
    # Any value of ?untranslated is the one note (embassy/pagecache/parameters.py).
    query_parameters = {UNTRANSLATED: lambda value: "1"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Arrived from the language switcher on a page that has no version in this language.
        context["untranslated_note"] = UNTRANSLATED in self.request.GET
        mission = mission_of(self.request)
        context["latest_briefings"] = (
            Briefing.objects.shown_on(mission)
            .published()
            .for_reader()
            .select_related("spokesperson")
        )[:LATEST_BRIEFINGS]
        context["latest_articles"] = (
            Article.objects.shown_on(mission)
            .published()
            .for_reader()
            .in_menu_sections()
            .latest_per_section(ARTICLES_PER_SECTION)
        )
        return context


@require_GET
def robots_txt(request):
    # A moved admin (ADMIN_URL) is not announced here: robots.txt is public.
    admin = ["Disallow: /admin/"] if settings.ADMIN_URL == "admin/" else []
    lines = [
        "User-agent: *",
        *admin,
        "Disallow: /search/",
        "Disallow: /healthz",
        "Disallow: /readyz",
        # Print versions and suggest forms repeat the pages they belong to.
        "Disallow: /*/print/",
        "Disallow: /*/suggest/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
