"""Addresses of content, reversed once per process rather than once per link.

reverse() walks the URL patterns and quotes each argument every time (20 to 60 µs here), and a
page links to dozens of things: its versions, neighbours, spokesperson, section, the home page
in each language. What it returns depends on nothing but its arguments, the language (the
prefix of i18n_patterns), the script prefix and the URL patterns, and the patterns are fixed
while a process runs. So the address is kept under exactly those, and a changed slug or date is
another key, never a stale answer. Tests that change settings (the patterns among them) start
from an empty memo.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as reverse_now
from django.utils import translation

from .lru import LeastRecentlyUsed

# About 200 bytes each with its key: the addresses of the pages read most, within a megabyte.
MOST_KEPT = 5000

_kept = LeastRecentlyUsed(MOST_KEPT)


def address(viewname, kwargs=None, language=None):
    """reverse(viewname, kwargs=kwargs) under `language`'s prefix (the active one by default)."""
    language = language or translation.get_language()
    key = (
        viewname,
        tuple(kwargs.items()) if kwargs else (),
        language,
        get_script_prefix(),
        get_urlconf(settings.ROOT_URLCONF),
    )
    url = _kept.get(key)
    if url is None:
        with translation.override(language):
            url = reverse_now(viewname, kwargs=kwargs)
        _kept.put(key, url)
    return url


@receiver(setting_changed)
def forget_addresses(**kwargs):
    _kept.clear()
