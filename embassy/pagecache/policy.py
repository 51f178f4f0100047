"""What browsers and CDNs are told they may keep, and which responses may be shared. No Django.

Public pages: browsers revalidate every time (max-age, 0 by default: the validator makes that a
304 of no body), a CDN keeps them for s-maxage (1 s by default, so an edit is visible through it
within a second; the page cache behind it is exact), may serve a stale copy while it fetches the
new one (stale-while-revalidate) and when the site fails (stale-if-error). Staff, previews and
anything carrying a secret: private, no-store.
"""

PRIVATE = "private, no-store"
NOT_KEPT = "no-cache"
STALE_IF_ERROR = 60 * 60 * 24  # a day: an outage of the site should not empty the CDN

# Response headers a stored page may vary on. Cookie: shared requests carry no session or
# message cookie, so what the page shows does not depend on them. Accept-Language: the language
# is in the address (the default language unprefixed), so the address, which keys the entry,
# decides it. Accept-Encoding: every coding is stored. Anything else is not stored.
SHAREABLE_VARY = frozenset({"cookie", "accept-language", "accept-encoding"})

# Cache-Control directives under which a response is nobody's to share.
UNSHAREABLE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})


def public(browser_seconds, cdn_seconds, stale_seconds, seconds_left=None):
    """Cache-Control of a public page; never fresh past the next scheduled change."""
    if seconds_left is not None:
        browser_seconds = min(browser_seconds, seconds_left)
        cdn_seconds = min(cdn_seconds, seconds_left)
        stale_seconds = min(stale_seconds, seconds_left)
    return (
        f"public, max-age={max(0, browser_seconds)}, s-maxage={max(0, cdn_seconds)}, "
        f"stale-while-revalidate={max(0, stale_seconds)}, stale-if-error={STALE_IF_ERROR}"
    )


def directives(cache_control):
    return {item.split("=")[0].strip().lower() for item in (cache_control or "").split(",")} - {""}


def forbids_sharing(cache_control):
    return bool(directives(cache_control) & UNSHAREABLE_DIRECTIVES)


def vary_names(vary):
    return {name.strip().lower() for name in (vary or "").split(",")} - {""}


def vary_is_shareable(vary):
    return vary_names(vary) <= SHAREABLE_VARY
