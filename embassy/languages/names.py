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


def fallback_order(spec, languages, default):
    """LANGUAGE_FALLBACKS for settings: {code: [the other offered codes, in the order a reader
    of `code` is shown them when nothing is written in their language]}.

    `spec` is "vi:en,zh-hans;zh-hans:en": a language not named falls back to the default
    language first, then the others as LANGUAGES lists them; a list that leaves out a language
    gets it at the end (a reader is never kept from what exists).
    """
    codes = [code for code, _name in languages]
    order = {code: [default] + [c for c in codes if c not in (code, default)] for code in codes}
    order[default] = [c for c in codes if c != default]
    for part in (spec or "").split(";"):
        if not part.strip():
            continue
        reader, _colon, fallbacks = part.partition(":")
        reader = reader.strip().lower()
        named = [code.strip().lower() for code in fallbacks.split(",") if code.strip()]
        unknown = [code for code in [reader, *named] if code not in codes]
        if not _colon or unknown:
            raise ImproperlyConfigured(
                f"LANGUAGE_FALLBACKS {part.strip()!r}: write reader:fallback,fallback with "
                f"offered languages ({', '.join(codes)})"
                + (f"; not offered: {', '.join(unknown)}" if unknown else "")
                + "."
            )
        named = [code for code in dict.fromkeys(named) if code != reader]
        order[reader] = named + [c for c in order[reader] if c not in named]
    return order
