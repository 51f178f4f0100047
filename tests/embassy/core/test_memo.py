"""The one memo: values by (scope, generation, key), race-free under threads, bounded."""

import threading

import pytest

from embassy.core.memo import Memo


@pytest.fixture(autouse=True)
def kept(settings):
    settings.DEBUG = False


def test_a_value_computed_under_an_old_generation_is_never_served_under_the_new():
    # The request that read generation 1 is still computing when an edit makes generation 2
    # and a second request computes the new value: the first one's late store is the old
    # generation's, and the new generation keeps serving the new value.
    memo = Memo(10_000)
    computing, edited = threading.Event(), threading.Event()

    def old_rows():
        computing.set()
        assert edited.wait(5)
        return "old"

    late = threading.Thread(target=lambda: memo.keep("site", 1, "page", old_rows))
    late.start()
    assert computing.wait(5)
    assert memo.keep("site", 2, "page", lambda: "new") == "new"
    edited.set()
    late.join(5)
    assert memo.keep("site", 2, "page", lambda: "computed again") == "new"
    assert memo.get("site", 1, "page") == "old"


def test_many_threads_across_many_generations_each_get_their_generations_value():
    memo = Memo(1_000_000)
    wrong = []

    def reader(generation):
        for _ in range(200):
            value = memo.keep("site", generation, "menu", lambda g=generation: f"menu of {g}")
            if value != f"menu of {generation}":
                wrong.append((generation, value))

    threads = [threading.Thread(target=reader, args=(number % 5,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert wrong == []


def test_scopes_are_apart():
    memo = Memo(10_000)
    memo.put("site", 7, "menu", "embassy's")
    memo.put("hcmc", 7, "menu", "consulate's")
    assert memo.get("site", 7, "menu") == "embassy's"
    assert memo.get("hcmc", 7, "menu") == "consulate's"


def test_a_value_ends_at_its_time():
    memo = Memo(10_000)
    memo.put("site", 1, "read", "before nine", until=1000.0)
    assert memo.get("site", 1, "read", now=999.0) == "before nine"
    assert memo.get("site", 1, "read", now=1000.0) is None


def test_nothing_is_kept_without_a_generation_or_with_debug(settings):
    memo = Memo(10_000)
    assert memo.keep("site", None, "k", lambda: "a") == "a"
    assert memo.keep("site", None, "k", lambda: "b") == "b"
    settings.DEBUG = True
    memo.put("site", 1, "k", "kept?")
    assert memo.get("site", 1, "k") is None


def test_none_is_a_value_kept_like_any_other():
    memo = Memo(10_000)
    calls = []
    memo.keep("site", 1, "neighbour", lambda: calls.append(1))
    memo.keep("site", 1, "neighbour", lambda: calls.append(1))
    assert calls == [1]


def test_it_is_bounded():
    memo = Memo(10)
    for generation in range(100):
        memo.put("site", generation, "page", "x", size=4)
    assert len(memo) == 2
