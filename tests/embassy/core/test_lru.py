"""What a process keeps in memory stays within its budget, the least recently used going first."""

from embassy.core.lru import LeastRecentlyUsed


def test_the_least_recently_used_goes_first():
    kept = LeastRecentlyUsed(budget=2)
    kept.put("a", "A")
    kept.put("b", "B")
    kept.get("a")  # used: "b" is now the oldest
    kept.put("c", "C")
    assert kept.keys() == ["a", "c"] and kept.get("b") is None


def test_sizes_count_against_the_budget():
    kept = LeastRecentlyUsed(budget=250)
    kept.put("a", b"x" * 100, size=100)
    kept.put("b", b"x" * 100, size=100)
    kept.put("a", b"x" * 120, size=120)  # replaced: its old size no longer counts
    assert kept.keys() == ["b", "a"]
    kept.put("c", b"x" * 100, size=100)  # 320 > 250: the oldest goes
    assert kept.keys() == ["a", "c"]
    kept.put("huge", b"x" * 300, size=300)  # more than the whole budget: not kept
    assert kept.get("huge") is None and kept.keys() == ["a", "c"]
    kept.clear()
    assert len(kept) == 0 and kept.get("a") is None
