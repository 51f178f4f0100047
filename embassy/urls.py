from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from embassy.media.serving import media_file_urls
from embassy.missions.middleware import mission_of
from embassy.operations import views as operations
from embassy.pagecache.middleware import no_page_cache
from embassy.pagecache.parameters import reads_query
from embassy.pages.pagination import page_number
from embassy.search.views import SearchView
from embassy.siteinfo.views import ContactView
from sections import sitemaps as section_sitemaps
from transcripts import sitemaps as transcript_sitemaps

from . import views

sitemaps = {
    "pages": section_sitemaps.HomeSitemap,
    "sections": section_sitemaps.SectionSitemap,
    "articles": section_sitemaps.ArticleSitemap,
    "briefings": transcript_sitemaps.BriefingSitemap,
    "exchanges": transcript_sitemaps.ExchangeSitemap,
    "side-by-side": transcript_sitemaps.SideBySideSitemap,
    "archive": transcript_sitemaps.ArchiveSitemap,
    "spokespeople": transcript_sitemaps.SpokespersonSitemap,
    "outlets": transcript_sitemaps.OutletSitemap,
    "tags": transcript_sitemaps.TagSitemap,
}


def of_the_mission(view):
    """The sitemap views with each sitemap made for the request's mission (a new instance per
    request: its mission is never shared between requests)."""

    def with_mission(request, sitemaps, **kwargs):
        mission = mission_of(request)
        made = {}
        for name, kind in sitemaps.items():
            made[name] = kind()
            made[name].mission = mission
        return view(request, sitemaps=made, **kwargs)

    return with_mission


# A database outage answers 503 with Retry-After; other errors the 500 page. A request over
# the size limits gets a page saying so (413), in the site's look.
handler500 = operations.server_error
handler400 = operations.bad_request

urlpatterns = [
    # For load balancers: outside the languages' prefixes, never cached, not in the sitemap.
    path("healthz", operations.healthz, name="healthz"),
    path("readyz", operations.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        reads_query(p=page_number)(of_the_mission(sitemap_views.index)),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        reads_query(p=page_number)(of_the_mission(sitemap_views.sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    # Files are the same in every language: no language prefix.
    path("", include("embassy.media.urls")),
    # The open data too: one address per object; a briefing's language is a field and a filter.
    path("api/", include("embassy.api.urls")),
    *media_file_urls(),
]
# The default language (English) keeps today's addresses; the others are prefixed (/zh-hans/…).
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(f"{settings.ADMIN_URL}second-factor/", include("embassy.signin.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    # Every query is its own address: not stored (the page cache would grow without end).
    path("search/", no_page_cache(SearchView.as_view()), name="search"),
    path("contact/", ContactView.as_view(), name="contact"),
    path("", include("embassy.alerts.urls")),
    path("", include("sections.urls")),
    path("", include("transcripts.urls")),
    prefix_default_language=False,
)
