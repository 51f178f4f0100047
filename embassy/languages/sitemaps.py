"""Sitemaps that tell search engines which pages are versions of one another (hreflang).

- A language-neutral page (a section, the archive, a topic) exists in every language: Django's
  i18n sitemap lists it once per language, each with the others as alternates.
- Content written in one language (a briefing, an article) has one address; its translations
  are its alternates, read for the whole sitemap page in one query.
"""

from django.contrib.sitemaps import Sitemap


class EveryLanguageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class TranslatedContentSitemap(Sitemap):
    def versions_of(self, items):
        """{item pk: {language code: address}} for the page's items (override for exchanges)."""
        model = type(items[0])
        keys = {item.translation_key for item in items}
        versions = (
            model._default_manager.shown_on(self.mission)
            .published()
            .filter(translation_key__in=keys)
        )
        by_key = {}
        for version in self.with_address_fields(versions):
            by_key.setdefault(version.translation_key, {})[version.language] = (
                version.get_absolute_url()
            )
        return {item.pk: by_key.get(item.translation_key, {}) for item in items}

    def with_address_fields(self, versions):
        return versions

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if not urls:
            return urls
        versions = self.versions_of([url["item"] for url in urls])
        for url in urls:
            found = versions.get(url["item"].pk, {})
            if len(found) > 1:
                url["alternates"] = [
                    {"location": f"{protocol}://{domain}{address}", "lang_code": code}
                    for code, address in found.items()
                ]
        return urls
