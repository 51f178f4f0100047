"""Sitemaps of the home page, the sections and their published articles."""

from django.urls import reverse

from embassy.languages.sitemaps import EveryLanguageSitemap, TranslatedContentSitemap

from .models import Article, Section


class HomeSitemap(EveryLanguageSitemap):
    priority = 1.0
    changefreq = "daily"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class SectionSitemap(EveryLanguageSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Section.objects.shown_on(self.mission).order_by("pk")


class ArticleSitemap(TranslatedContentSitemap):
    limit = 5000
    changefreq = "monthly"

    def items(self):
        return (
            Article.objects.shown_on(self.mission)
            .published()
            .select_related("section")
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.updated_at

    def with_address_fields(self, versions):
        return versions.select_related("section")
