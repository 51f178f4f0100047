"""Pairing the exchanges of two versions of a briefing. Pure Python: no database, no settings."""

import random

from transcripts.aligning import (
    DIFFERENT_COUNTS,
    DIFFERENT_OUTLETS,
    OUTLETS_NOT_COMPARABLE,
    Row,
    align,
    common_subsequence,
)

SEED = ["CCTV", "NPR", "Xinhua", "Bloomberg", "AFP", "NHK", "AFP", "Bloomberg"]


def pairs(alignment):
    return [(row.left, row.right) for row in alignment.rows]


def test_same_outlets_in_the_same_order_pair_by_position_without_a_note():
    alignment = align(SEED, SEED)
    assert pairs(alignment) == [(i, i) for i in range(8)]
    assert alignment.notes == []
    assert alignment.unpaired_left == alignment.unpaired_right == 0


def test_an_exchange_missing_from_one_version_is_shown_on_its_own_in_its_place():
    # The Chinese version left out NPR's question (the MFA sometimes does).
    shorter = [outlet for outlet in SEED if outlet != "NPR"]
    alignment = align(SEED, shorter)
    assert pairs(alignment) == [
        (0, 0),
        (1, None),
        (2, 1),
        (3, 2),
        (4, 3),
        (5, 4),
        (6, 5),
        (7, 6),
    ]
    assert alignment.notes == [DIFFERENT_COUNTS, DIFFERENT_OUTLETS]
    assert (alignment.unpaired_left, alignment.unpaired_right) == (1, 0)


def test_an_exchange_only_the_right_version_has():
    longer = [*SEED[:3], "Reuters", *SEED[3:]]
    alignment = align(SEED, longer)
    assert Row(None, 3) in alignment.rows
    assert alignment.unpaired_right == 1
    assert [row for row in alignment.rows if row.paired] == [
        Row(i, i if i < 3 else i + 1) for i in range(8)
    ]


def test_same_count_but_another_outlet_at_one_place_leaves_both_unpaired():
    other = list(SEED)
    other[2] = "China Daily"
    alignment = align(SEED, other)
    assert alignment.notes == [DIFFERENT_OUTLETS]
    assert Row(2, None) in alignment.rows and Row(None, 2) in alignment.rows
    assert sum(row.paired for row in alignment.rows) == 7


def test_reordered_exchanges_pair_as_many_as_keep_their_order():
    swapped = [SEED[1], SEED[0], *SEED[2:]]
    alignment = align(SEED, swapped)
    assert sum(row.paired for row in alignment.rows) == 7
    assert alignment.unpaired_left == alignment.unpaired_right == 1


def test_unnamed_questioners_pair_with_each_other():
    alignment = align(["CCTV", None, "AFP"], ["CCTV", None, None, "AFP"])
    assert pairs(alignment) == [(0, 0), (1, 1), (None, 2), (2, 3)]


def test_outlets_named_in_each_language_cannot_be_compared_and_pair_by_position():
    chinese = [
        "总台央视",
        "美国全国公共广播电台",
        "新华社",
        "彭博社",
        "法新社",
        "日本广播协会",
        "法新社",
    ]
    alignment = align(SEED, chinese)
    assert alignment.notes == [DIFFERENT_COUNTS, OUTLETS_NOT_COMPARABLE]
    assert pairs(alignment) == [(i, i) for i in range(7)] + [(7, None)]


def test_empty_versions():
    assert align([], []).rows == []
    alignment = align([], ["CCTV"])
    assert pairs(alignment) == [(None, 0)]
    assert DIFFERENT_COUNTS in alignment.notes


def test_nothing_is_ever_dropped_nor_shown_twice_and_pairs_keep_their_order():
    rng = random.Random(12)
    outlets = ["CCTV", "AFP", "NHK", "Bloomberg", None]
    for _ in range(500):
        left = [rng.choice(outlets) for _ in range(rng.randint(0, 12))]
        right = [rng.choice(outlets) for _ in range(rng.randint(0, 12))]
        rows = align(left, right).rows
        assert [row.left for row in rows if row.left is not None] == list(range(len(left)))
        assert [row.right for row in rows if row.right is not None] == list(range(len(right)))
        for row in rows:
            if row.paired and left[row.left] is not None and right[row.right] is not None:
                # Paired by outlet, or by position when the outlets cannot be compared.
                assert left[row.left] == right[row.right] or not (set(left) & set(right) - {None})


def test_the_common_subsequence_is_a_longest_one():
    assert len(common_subsequence("ABCBDAB", "BDCABA")) == 4
    assert common_subsequence("", "ABC") == []


def test_a_long_briefing_aligns_quickly():
    import time

    left = [f"outlet {i % 40}" for i in range(500)]
    right = [f"outlet {i % 37}" for i in range(480)]
    start = time.perf_counter()
    align(left, right)
    assert time.perf_counter() - start < 5  # a bound a loaded machine meets, not a benchmark
