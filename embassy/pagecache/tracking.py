"""Query parameters that links carry for someone else's statistics: a newsletter's `utm_*`,
Facebook's `fbclid` on every link followed from it, an advert's `gclid`.

No page of the site reads them, and most are unique to one click: a briefing shared on a social
network would otherwise be a new address for every reader, rendered and stored anew each time,
which is exactly when the page cache is needed. They are taken out of a GET or HEAD request
before anything else sees it, so the page rendered is the one its plain address shows, and the
page cache answers every such link from the one stored page.
"""

from urllib.parse import unquote_plus

TRACKING_NAMES = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",  # Microsoft Ads
        "twclid",  # X
        "igshid",  # Instagram
        "mc_cid",  # Mailchimp
        "mc_eid",
        "yclid",  # Yandex
        "_ga",  # Google Analytics' cross-site linker
        "_gl",
    }
)
TRACKING_PREFIXES = ("utm_",)


def is_tracking(name):
    name = name.lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


def without_tracking(query_string):
    """`query_string` without its tracking parameters; the others as they came, in order."""
    kept = [
        part
        for part in query_string.split("&")
        if part and not is_tracking(unquote_plus(part.partition("=")[0]))
    ]
    return "&".join(kept)


def drop_tracking(request):
    """Take the tracking parameters out of `request` (a GET or HEAD)."""
    query_string = request.META.get("QUERY_STRING", "")
    if not query_string:
        return
    kept = without_tracking(query_string)
    if kept != query_string:
        request.META["QUERY_STRING"] = kept
        request.__dict__.pop("GET", None)  # parsed lazily, once: parsed again from what is kept
