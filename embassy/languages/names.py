"""The languages a site may offer and their names, written in each language itself.

Plain data read by settings.py (before Django is set up): no models, no translation calls.
"""

from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

# A reader looks for their own language under its own name. Django's own table names Chinese
# "简体中文"; the embassy's menu says "中文", as the issue and the seed page do.
OWN_NAMES = {"en": "English", "zh-hans": "中文", "vi": "Tiếng Việt"}


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
