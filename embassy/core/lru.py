"""What a process keeps in memory for its next requests, within a budget: rendered fragments,
transcripts, copies of stored pages. The least recently used goes first."""

import threading
from collections import OrderedDict


class LeastRecentlyUsed:
    """Values by key while the sum of their sizes (as `put` is told them; 1 each unless told)
    stays within `budget`. A value bigger than the whole budget is not kept. Shared by the
    threads of a process: changed under a lock."""

    def __init__(self, budget):
        self.budget = budget
        self._kept = OrderedDict()  # key: (value, size), the least recently used first
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def put(self, key, value, size=1):
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._size -= old[1]
            if size > self.budget:
                return
            self._kept[key] = (value, size)
            self._size += size
            while self._size > self.budget:
                self._size -= self._kept.popitem(last=False)[1][1]

    def clear(self):
        with self._lock:
            self._kept.clear()
            self._size = 0

    def keys(self):
        """The keys, the least recently used first."""
        with self._lock:
            return list(self._kept)

    def __len__(self):
        return len(self._kept)
