"""The one memo: values derived from content, kept in this process under (scope, generation, key).

Every value a page derives from the content (the rows an address names, a briefing's rendered
transcript, the menu, the site profile, the frame's kept blocks, copies of stored pages) is kept
here or not at all. The generation is part of the key, so there is nothing to check and nothing
to race: a value computed by a request that read generation G is found only by requests that read
G too, and a write makes a new generation that finds nothing of the old one, which the least
recently used bound then drops. The caller reads the generation before it reads the rows (the
request does, once: generation.of_request), so a value is never newer in its key than its rows.

A value may also end at a time (`until`): what is published by time appears or goes at its
scheduled moment with nothing written, so a value that depends on it ends there.

With DEBUG on (templates and code edited on disk) nothing is kept.
"""

import time

from django.conf import settings

from .lru import LeastRecentlyUsed

_MISSING = object()


class Memo:
    """Values by (scope, generation, key), within `budget` (the sum of the sizes they are given:
    bytes, roughly). Shared by the threads of a process; the store changes under its lock."""

    def __init__(self, budget):
        self._kept = LeastRecentlyUsed(budget)

    def _find(self, scope, generation, key, now):
        if generation is None or settings.DEBUG:
            return _MISSING
        found = self._kept.get((scope, generation, key))
        if found is None:
            return _MISSING
        value, until = found
        if until is not None and (time.time() if now is None else now) >= until:
            return _MISSING
        return value

    def get(self, scope, generation, key, now=None):
        """The value kept under the key, or None."""
        value = self._find(scope, generation, key, now)
        return None if value is _MISSING else value

    def put(self, scope, generation, key, value, size=1, until=None):
        if generation is not None and not settings.DEBUG:
            self._kept.put((scope, generation, key), (value, until), size)

    def keep(self, scope, generation, key, compute, size=None, until=None):
        """The value kept under the key, or `compute()` kept there (`size(value)` its size, a
        kilobyte if not told; `until` a timestamp after which it is computed again, or a
        function of the value that gives one)."""
        value = self._find(scope, generation, key, None)
        if value is _MISSING:
            value = compute()
            if callable(until):
                until = until(value)
            self.put(scope, generation, key, value, size(value) if size else 1024, until)
        return value

    def clear(self):
        self._kept.clear()

    def __len__(self):
        return len(self._kept)


# What pages derive from the content: a briefing of 200 exchanges is about 0.5 MB rendered, a
# usual one 20 kB, a row read for an address a kilobyte or two.
derived = Memo(settings.CONTENT_MEMO_BYTES)
