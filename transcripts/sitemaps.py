"""Sitemaps of every public page about briefings: briefings, exchanges, spokespeople, outlets,
topics and the archive."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Briefing, Exchange, Outlet, Spokesperson
from .tagging import public_tags

# Search engines accept 50,000 addresses per file; smaller files keep each response quick.
SITEMAP_PAGE_SIZE = 5000


class BriefingSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Briefing.objects.published()
            .order_by("held_at", "pk")
            .only("slug", "held_at", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at


class ExchangeSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            Exchange.objects.published()
            .select_related("briefing")
            .only("pk", "briefing__slug", "briefing__held_at", "briefing__updated_at")
            .order_by("briefing__held_at", "briefing_id", "position", "pk")
        )

    def lastmod(self, item):
        return item.briefing.updated_at


class SpokespersonSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Spokesperson.objects.with_published_briefings()


class OutletSitemap(Sitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Outlet.objects.with_published_exchanges()


class TagSitemap(Sitemap):
    """The topics that have at least one public page."""

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return public_tags()

    def location(self, item):
        return reverse("transcripts:tag", kwargs={"slug": item.slug})


class ArchiveSitemap(Sitemap):
    """The archive's index and one page per year and per month that has briefings."""

    def items(self):
        months = Briefing.objects.published().datetimes("held_at", "month")
        years = sorted({month.year for month in months})
        return (
            [("transcripts:archive", {})]
            + [("transcripts:archive-year", {"year": year}) for year in years]
            + [("transcripts:archive-month", {"year": m.year, "month": m.month}) for m in months]
        )

    def location(self, item):
        name, kwargs = item
        return reverse(name, kwargs=kwargs)
