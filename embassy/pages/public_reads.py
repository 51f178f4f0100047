"""What the public reads from the database to render a page, kept per process: the rows an
address names, a briefing's versions and neighbours, a page's corrections.

Kept for one content generation and until the next scheduled change of visibility, which are
the only two things that change what such a read returns: every write to the content changes
the generation (embassy/pagecache/invalidation.py), and a published row appears or goes, with
nothing written, only at its scheduled times (embassy/pagecache/schedule.py). So what is kept is
what the query would read now, and a page rendered from it is as exact as one rendered from the
database. The first reader after an edit reads from the database; each reader still gets the
page rendered for them.

Only reads that are the same for every reader belong here: a previewer's drafts depend on who
they are and are read each time (the views decide, see embassy/pages/views.py). With DEBUG on,
or the cache unreachable (no generation to trust), nothing is kept.
"""

import copy
import threading
import time

from django.conf import settings
from django.db.models import Model
from django.urls import get_script_prefix

from embassy.pagecache import schedule
from embassy.pagecache.invalidation import generation_of

from .lru import LeastRecentlyUsed

# Reads of the pages readers open at once: a few kilobytes each.
MOST_KEPT = 5000


class KeptReads:
    """Values by key for one generation, until `until` (a timestamp; None: no scheduled change).
    Shared by the threads of a process."""

    def __init__(self, most):
        self.generation = None
        self.until = None
        self.kept = LeastRecentlyUsed(most)
        self._lock = threading.Lock()

    def is_current(self, generation, now):
        return generation == self.generation and (self.until is None or now < self.until)

    def start(self, generation):
        """Forget everything; keep from now on for `generation`, until the next scheduled
        change (read before the rows it bounds: a change scheduled in between ends it at once)."""
        with self._lock:
            self.kept.clear()
            self.until = schedule.next_change_of(generation)
            self.generation = generation

    def read(self, generation, key, read):
        """What `read()` returns, kept under `key` for `generation`."""
        if generation is None or settings.DEBUG:
            return read()
        if not self.is_current(generation, time.time()):
            self.start(generation)
        value = self.kept.get(key)
        if value is None:
            value = read()
            # Not if another request has started a newer generation meanwhile.
            if generation == self.generation:
                self.kept.put(key, value)
        return fresh(value)


def fresh(value):
    """Each request its own model objects and dicts (a view may set attributes on an object
    for its template, or add to a dict); the rest is read, never changed."""
    if isinstance(value, Model):
        return copy.copy(value)
    if isinstance(value, tuple):
        return tuple(fresh(item) for item in value)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    return value


kept = KeptReads(MOST_KEPT)


def read(request, key, read):
    """What `read()` returns for the public, kept for the content generation `request` is
    rendered under. `key` says everything the read depends on. Without a request (a template
    rendered outside one) nothing is kept."""
    if request is None:
        return read()
    # Addresses read are under the site's prefix (one per deployment, as a rule).
    return kept.read(generation_of(request), (get_script_prefix(), *key), read)
