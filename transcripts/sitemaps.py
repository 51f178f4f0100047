"""Sitemaps of every public page about briefings: briefings, exchanges, spokespeople, outlets,
topics and the archive."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from embassy.languages.sitemaps import EveryLanguageSitemap, TranslatedContentSitemap

from .models import Briefing, Exchange, Outlet, Spokesperson
from .tagging import public_tags

# Search engines accept 50,000 addresses per file; smaller files keep each response quick.
SITEMAP_PAGE_SIZE = 5000


class BriefingSitemap(TranslatedContentSitemap):
    limit = SITEMAP_PAGE_SIZE
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Briefing.objects.shown_on(self.mission)
            .published()
            .order_by("held_at", "pk")
            .only("slug", "held_at", "held_in_zone", "updated_at", "language", "translation_key")
        )

    def lastmod(self, item):
        return item.updated_at


class ExchangeSitemap(TranslatedContentSitemap):
    limit = SITEMAP_PAGE_SIZE
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return (
            Exchange.objects.shown_on(self.mission)
            .published()
            .select_related("briefing")
            .only(
                "pk",
                "position",
                "briefing__slug",
                "briefing__held_at",
                "briefing__held_in_zone",
                "briefing__updated_at",
                "briefing__language",
                "briefing__translation_key",
            )
            .order_by("briefing__held_at", "briefing_id", "position", "pk")
        )

    def lastmod(self, item):
        return item.briefing.updated_at

    def versions_of(self, items):
        """The exchange in the same place of each version of its briefing."""
        keys = {item.briefing.translation_key for item in items}
        places = {}
        for other in self.items().filter(briefing__translation_key__in=keys):
            place = (other.briefing.translation_key, other.position)
            places.setdefault(place, {})[other.briefing.language] = other.get_absolute_url()
        return {
            item.pk: places.get((item.briefing.translation_key, item.position), {})
            for item in items
        }


class SideBySideSitemap(Sitemap):
    """Each published briefing beside each of its published versions in another language."""

    limit = SITEMAP_PAGE_SIZE
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        shown = Briefing.objects.shown_on(self.mission).published()
        versions = (
            shown.filter(translation_key__in=shown.translated())
            .order_by("held_at", "pk")
            .only("slug", "held_at", "held_in_zone", "updated_at", "language", "translation_key")
        )
        by_key = {}
        for version in versions:
            by_key.setdefault(version.translation_key, []).append(version)
        return [
            (version, other)
            for group in by_key.values()
            for version in group
            for other in group
            if other.language != version.language
        ]

    def location(self, item):
        version, other = item
        return version.side_by_side_url(other.language)

    def lastmod(self, item):
        return max(version.updated_at for version in item)


class SpokespersonSitemap(EveryLanguageSitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Spokesperson.objects.with_published_briefings()


class OutletSitemap(EveryLanguageSitemap):
    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return Outlet.objects.with_published_exchanges()


class TagSitemap(EveryLanguageSitemap):
    """The topics that have at least one public page."""

    limit = SITEMAP_PAGE_SIZE

    def items(self):
        return public_tags()

    def location(self, item):
        return reverse("transcripts:tag", kwargs={"slug": item.slug})


class ArchiveSitemap(Sitemap):
    """Per language: the archive's index and one page per year and month that has briefings
    in that language (each language's archive lists its own briefings)."""

    def items(self):
        items = []
        for code, _name in settings.LANGUAGES:
            # The months the archive lists: by the day where each briefing was held.
            counted = (
                Briefing.objects.shown_on(self.mission)
                .published()
                .in_language(code)
                .counted_by("month")
            )
            months = [month for month, _count in counted]
            years = sorted({month.year for month in months})
            items += [(code, "transcripts:archive", {})]
            items += [(code, "transcripts:archive-year", {"year": year}) for year in years]
            items += [
                (code, "transcripts:archive-month", {"year": m.year, "month": m.month})
                for m in months
            ]
        return items

    def location(self, item):
        code, name, kwargs = item
        with translation.override(code):
            return reverse(name, kwargs=kwargs)
