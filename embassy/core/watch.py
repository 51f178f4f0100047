"""The content generations, known to each process without asking the cache on every request.

Asking Redis for the generation is a round trip per request: on a loaded machine, more than
everything else a stored page costs to serve. Instead each process listens: every change of the
generation is announced on a channel in the same step as the change (embassy/redis_cache.py),
and while nothing has been announced since the process last read the generation, the value it
read is still the current one. Listening is a poll of a socket that never waits.

The announcement reaches every listener as Redis answers the write, before the editor's own
request has finished, so a page changed through one server is current on every other one at
the next request. When in doubt the process reads again: at start, after any announcement, after
an error or a reconnection of its subscription, and at least every RECHECK_SECONDS (a connection
that died without an error, across a network, loses announcements silently: that bounds how
stale it can make a page).

Only a cache that announces (`announces = True`: embassy.redis_cache) is listened to. With
another one (local memory, in development and the tests) every lookup reads the generation,
from memory.
"""

import contextlib
import logging
import os
import threading
import time

from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger(__name__)

GENERATION_CHANNEL = "content:generation-changed"
RECHECK_SECONDS = 1.0
# After a failed subscription, how long before the next try (each try waits on the server).
RETRY_SECONDS = 1.0


class GenerationWatch:
    """What one process knows of the generations (one per scope) of one cache. Shared by the
    process's threads: its state changes under a lock. Any announcement makes it read every
    scope again: scopes change rarely, and a precise message would be one more thing to lose."""

    def __init__(self, cache):
        self.cache = cache
        self._lock = threading.Lock()
        self._pid = None
        self._announcements = None
        self._retry_at = 0.0
        self._generations = {}  # scope: as read after the last announcement; missing: read it
        self._read_at = {}
        self._ticket = 0  # changes whenever what was read before may be out of date

    def known(self, scope, since=None):
        """(the current generation of `scope`, or None if it must be read; a ticket for
        `learn`, and for `since`).

        `since`: the ticket an earlier look of the same request was given. While it is still
        the current one, nothing was heard since that look, and the subscription is not polled
        again: one request sees the generations of one moment, and polls once (a poll is a
        third of what a stored page costs to serve)."""
        with self._lock:
            now = time.monotonic()
            if not self._listening(now):
                return None, self._ticket
            changed = False
            if since is None or since != self._ticket:
                try:
                    changed = self._announcements.any_since_last_read()
                except Exception as error:
                    logger.warning("The page cache stopped listening for changes: %r", error)
                    self._stop_listening(now)
                    return None, self._ticket
            if changed:
                self._generations.clear()
                self._ticket += 1
            elif now - self._read_at.get(scope, 0.0) > RECHECK_SECONDS:
                self._generations.pop(scope, None)
            return self._generations.get(scope), self._ticket

    def forget(self):
        """This process changed a generation: its own announcement may not have arrived yet
        when it next looks, so what it knew is dropped at once."""
        with self._lock:
            self._generations.clear()
            self._ticket += 1

    def learn(self, scope, generation, ticket):
        """Keep a generation read from the cache after `known` gave `ticket`. A value read
        across an announcement (the ticket has moved on since) may be the old one: not kept."""
        with self._lock:
            if ticket == self._ticket and self._announcements is not None:
                self._generations[scope] = generation
                self._read_at[scope] = time.monotonic()

    def close(self):
        """Stop listening: the cache it listened to is no longer the site's."""
        with self._lock:
            self._stop_listening(time.monotonic())

    def _listening(self, now):
        if self._pid != os.getpid():  # forked: the parent's connection is not ours
            self._pid, self._announcements = os.getpid(), None
            self._generations.clear()
        if self._announcements is not None:
            return True
        if now < self._retry_at:
            return False
        self._ticket += 1
        try:
            self._announcements = self.cache.listen(GENERATION_CHANNEL)
        except Exception as error:
            logger.warning("The page cache cannot listen for changes: %r", error)
            self._stop_listening(now)
            return False
        return True

    def _stop_listening(self, now):
        announcements, self._announcements = self._announcements, None
        self._generations.clear()
        self._retry_at = now + RETRY_SECONDS
        self._ticket += 1
        if announcements is not None:
            with contextlib.suppress(Exception):  # the connection is already gone
                announcements.close()


# The default cache's watch, or (None,) when it cannot announce: one for the process, shared
# by its threads (a watch is safe across them), looked up once rather than through `caches`
# (a thread-local lookup, paid several times a request) until the setting changes.
_chosen = None
_chosen_lock = threading.Lock()


def of_cache():
    """The watch of the default cache, or None if that cache cannot announce. One per process
    and setting (a test that points CACHES elsewhere gets a new one)."""
    global _chosen
    chosen = _chosen
    if chosen is None:
        with _chosen_lock:
            if _chosen is None:
                cache = caches["default"]
                announces = getattr(cache, "announces", False)
                _chosen = (GenerationWatch(cache) if announces else None,)
            chosen = _chosen
    return chosen[0]


@receiver(setting_changed)
def _choose_again(*, setting, **kwargs):
    global _chosen
    if setting == "CACHES":
        with _chosen_lock:
            watch, _chosen = (_chosen or (None,))[0], None
        if watch is not None:
            watch.close()
