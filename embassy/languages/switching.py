"""Where the language switcher and the hreflang links of a page lead.

A page that exists in one language only (a briefing, an article) lists its translations: the
view puts `translations` ({language code: address}) in the context. Any other page (a section,
the archive, a search) is the same page in every language: its address in another language is
the same address under that language's prefix. A language without the page leads to the
page's address under that language's prefix when the page says there that it is written in
another language and links its versions (a briefing, an article); else to that language's
home page, which then says plainly that the page was not available.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from embassy.core.addresses import address

# The home page reads this to say "the page you were reading is not in this language".
UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class Version:
    code: str
    name: str
    url: str | None  # this page in that language, or None when there is none
    home: str  # that language's home page
    current: bool
    absolute_url: str | None = None  # for hreflang, which wants full addresses
    elsewhere: str | None = None  # the page saying it is not in that language, with links

    @property
    def link(self):
        """Where the switcher leads: the page, the page saying it is written in other
        languages, or the home page with the plain note."""
        return self.url or self.elsewhere or f"{self.home}?{UNTRANSLATED}=1"


def home_in(code):
    return address("home", language=code)


def page_versions(request, translations=None, says_when_elsewhere=False):
    """A Version per offered language for the page `request` asked for.

    `translations` is None for a language-neutral page, else {code: address} of the versions
    that exist (this one included); `says_when_elsewhere`: the page's address under another
    language's prefix says it is not written there, and links its versions.
    """
    current = translation.get_language()
    path = request.get_full_path()
    versions = []
    for code, name in settings.LANGUAGES:
        if translations is not None:
            url = translations.get(code)
        elif code == current:
            url = path
        else:
            url = translate_url(path, code)
            if url == path:  # the address resolves to nothing (a 404): no such page there
                url = None
        elsewhere = None
        if url is None and says_when_elsewhere:
            elsewhere = translate_url(request.path, code)
        versions.append(
            Version(
                code=code,
                name=name,
                url=url,
                home=home_in(code),
                current=code == current,
                absolute_url=request.build_absolute_uri(url) if url else None,
                elsewhere=elsewhere,
            )
        )
    return versions
