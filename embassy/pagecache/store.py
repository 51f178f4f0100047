"""Stored pages in Django's cache: one entry per address, read with the generation in one trip.

The entry holds the generation it was rendered under and the time it stops being true (the next
scheduled change or midnight); a lookup fetches the current generation and the entry with one
get_many, and an entry of another generation is simply overwritten by the next rendering of its
address. So the cache holds at most one entry per address.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache

from embassy.core import generation, watch
from embassy.core.memo import Memo
from embassy.pages import schedule

logger = logging.getLogger(__name__)

PAGE_KEY_PREFIX = "pagecache:page:"

# The process's own copies of stored pages: served without a round trip while the generation
# is known from announcements (embassy/core/watch.py), and kept under it, so a copy is never
# more current than the cache's.
copies = Memo(settings.PAGE_CACHE_LOCAL_BYTES)


@dataclass(slots=True)
class StoredPage:
    generation: int | tuple  # of the scope it was rendered under (generation.joined)
    expires: float  # a timestamp: the next scheduled change, midnight, or PAGE_CACHE_SECONDS
    etag: str
    last_modified: int  # a timestamp in whole seconds, as HTTP dates have them
    headers: list  # (name, value) of the rendered response, but its length and coding
    bodies: dict = field(default_factory=dict)  # by content coding: identity, gzip, br

    def is_current(self, generation, now):
        return self.generation == generation and now < self.expires

    def size(self):
        return sum(len(body) for body in self.bodies.values())


@dataclass(slots=True)
class Lookup:
    """What one round trip to the cache found for a request."""

    key: str
    scope: str  # the request's (its mission's): what the page shows
    generation: int | tuple | None
    page: StoredPage | None  # current: serve it
    stale: StoredPage | None  # of an older generation: its validators help the next one


def page_key(scheme, host, full_path):
    # The scheme and host are part of the page: print versions and feeds hold absolute links.
    address = f"{scheme}://{host}{full_path}"
    return PAGE_KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()[:40]


def look_up(key, scope, now, request=None):
    """The stored page for `key`, if current for `scope`'s generation (as `request` sees it,
    generation.known_part). A cache that fails is a miss, logged.

    A process that knows the generation (watch.py) answers from its own copy of the page
    without a round trip, and otherwise fetches the page alone; one that does not fetches the
    generation (of each part of the scope) with it."""
    listening = watch.of_cache()
    parts = generation.parts_of(scope)
    known_parts = [generation.known_part(part, request) for part in parts]
    known = generation.joined(tuple(found for found, _ticket in known_parts))
    if known is not None:
        page = copies.get(scope, known, key, now)
        if page is not None:
            return Lookup(key, scope, known, page, None)
    generation_keys = [generation.key_of(part) for part in parts]
    keys = [key] if known is not None else [*generation_keys, key]
    try:
        found = cache.get_many(keys)
    except Exception as error:
        # One line, not a traceback: with the cache down it is said on every request.
        logger.error("The page cache could not be read: %r", error)
        return None
    if known is None:
        read = tuple(found.get(generation_key) for generation_key in generation_keys)
        known = generation.joined(read)
        if listening is not None:
            for part, value, (_found, ticket) in zip(parts, read, known_parts, strict=True):
                if value is not None:
                    listening.learn(part, value, ticket)
    page = found.get(key)
    if not isinstance(page, StoredPage):
        page = None
    if page is not None and known is not None and page.is_current(known, now):
        keep_locally(page, key, scope, listening)
        return Lookup(key, scope, known, page, None)
    return Lookup(key, scope, known, None, page)


def keep_locally(page, key, scope, listening):
    if listening is not None:
        copies.put(scope, page.generation, key, page, page.size(), until=page.expires)


def generation_for(lookup):
    """The generation a page rendered for this request is stored under (read before rendering:
    a write during the rendering makes the copy stale at once)."""
    if lookup.generation is not None:
        return lookup.generation
    return generation.current(lookup.scope)


def expiry(rendered_under, scope, now):
    """When a page rendered now stops being true: the next scheduled change (read once per
    process and generation), midnight, or PAGE_CACHE_SECONDS."""
    limits = [now + settings.PAGE_CACHE_SECONDS, schedule.next_midnight()]
    next_change = schedule.next_change_of(rendered_under, scope)
    if next_change is not None:
        limits.append(next_change)
    return min(limits)


def save(lookup, page):
    timeout = max(1, math.ceil(page.expires - time.time()))
    try:
        cache.set(lookup.key, page, timeout=timeout)
    except Exception as error:
        logger.error("The page cache could not be written: %r", error)
        return
    keep_locally(page, lookup.key, lookup.scope, watch.of_cache())
