"""The languages a site may offer and their names, written in each language itself.

Plain data read by settings.py (before Django is set up): no models; the names written in the
page's language are lazy, translated when a page shows them.
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext, pgettext_lazy

# A reader looks for their own language under its own name. Django's own table names Chinese
# "简体中文"; the embassy's menu says "中文", as the issue and the seed page do.
OWN_NAMES = {"en": "English", "zh-hans": "中文", "vi": "Tiếng Việt"}


# Inside a sentence of the page a language is named in the page's language: "与英文版对照",
# "Đối chiếu với bản tiếng Anh", not "与English版对照". The menu's switcher keeps the own names.
NAMES_IN_PAGE_LANGUAGE = {
    "en": pgettext_lazy("a language, named in a sentence", "English"),
    "zh-hans": pgettext_lazy("a language, named in a sentence", "Chinese"),
    "vi": pgettext_lazy("a language, named in a sentence", "Vietnamese"),
}


def name_in_page_language(code):
    """The language `code` named in the active language; one the site has no name for takes
    Django's own (its catalogues translate every language's English name)."""
    if code in NAMES_IN_PAGE_LANGUAGE:
        return str(NAMES_IN_PAGE_LANGUAGE[code])
    return gettext(LANG_INFO[code]["name"]) if code in LANG_INFO else code


def own_name(code):
    if code in OWN_NAMES:
        return OWN_NAMES[code]
    return LANG_INFO[code]["name_local"]


def offered_languages(codes, default):
    """LANGUAGES for settings: (code, own name) for each code, the default language first."""
    codes = [code.strip().lower() for code in codes if code.strip()]
    unknown = [code for code in codes if code not in LANG_INFO]
    if unknown:
        raise ImproperlyConfigured(
            f"LANGUAGES names languages Django does not know: {', '.join(unknown)} "
            "(use codes such as en, zh-hans, vi, th)."
        )
    if default not in codes:
        raise ImproperlyConfigured(
            f"LANGUAGE_CODE {default!r} must be one of LANGUAGES ({', '.join(codes)})."
        )
    ordered = [default] + [code for code in dict.fromkeys(codes) if code != default]
    return [(code, own_name(code)) for code in ordered]
