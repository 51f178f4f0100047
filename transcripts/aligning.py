"""Two versions of one press conference, exchange by exchange: which exchange answers which.

Pure Python, no Django: the side-by-side page gives the outlets of each version's exchanges in
order (any hashable key per exchange, None for an unnamed questioner) and gets back rows to
show in two columns.

- Same number of exchanges, same outlets in the same order: paired by position.
- Otherwise the outlets lead: the longest common subsequence of the two outlet sequences pairs
  the exchanges asked by the same outlet in the same order; an exchange between two pairs that
  has no counterpart is shown on its own (never dropped), in its place.
- When the versions share no named outlet at all (each names the outlets in its own language,
  "AFP" and "法新社记者"), outlets cannot be compared: paired by position, what is left over
  shown on its own at the end.
"""

from dataclasses import dataclass, field

# What the page says about the alignment (one note each; the page words them).
DIFFERENT_COUNTS = "different_counts"
DIFFERENT_OUTLETS = "different_outlets"
OUTLETS_NOT_COMPARABLE = "outlets_not_comparable"


@dataclass(frozen=True)
class Row:
    """One row of the two columns: an index into each version's exchanges, or None."""

    left: int | None
    right: int | None

    @property
    def paired(self):
        return self.left is not None and self.right is not None


@dataclass(frozen=True)
class Alignment:
    rows: list[Row]
    notes: list[str] = field(default_factory=list)

    @property
    def unpaired_left(self):
        return sum(1 for row in self.rows if row.right is None)

    @property
    def unpaired_right(self):
        return sum(1 for row in self.rows if row.left is None)


def by_position(left_count, right_count):
    rows = [Row(i, i) for i in range(min(left_count, right_count))]
    rows += [Row(i, None) for i in range(right_count, left_count)]
    rows += [Row(None, j) for j in range(left_count, right_count)]
    return rows


def common_subsequence(left, right):
    """[(i, j)] of a longest common subsequence of `left` and `right`, earliest pairs first.

    Unnamed questioners (None) match each other: "Q:" in one version is most likely "问：" in the
    other. Quadratic in time and memory, which a briefing's few dozen exchanges (500 at most)
    allow.
    """
    n, m = len(left), len(right)
    # lengths[i][j]: the LCS length of left[i:] and right[j:].
    lengths = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if left[i] == right[j]:
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if left[i] == right[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def by_outlet(left, right):
    rows, i, j = [], 0, 0
    for pair_i, pair_j in [*common_subsequence(left, right), (len(left), len(right))]:
        # What lies between two pairs has no counterpart: each in its own row, in its place.
        rows += [Row(k, None) for k in range(i, pair_i)]
        rows += [Row(None, k) for k in range(j, pair_j)]
        if pair_i < len(left):
            rows.append(Row(pair_i, pair_j))
        i, j = pair_i + 1, pair_j + 1
    return rows


def align(left, right):
    """The rows pairing the exchanges of two versions, from their outlets in order."""
    left, right = list(left), list(right)
    notes = [] if len(left) == len(right) else [DIFFERENT_COUNTS]
    if left == right:
        return Alignment(by_position(len(left), len(right)), notes)
    named_left = {key for key in left if key is not None}
    named_right = {key for key in right if key is not None}
    if named_left and named_right and not named_left & named_right:
        return Alignment(by_position(len(left), len(right)), [*notes, OUTLETS_NOT_COMPARABLE])
    return Alignment(by_outlet(left, right), [*notes, DIFFERENT_OUTLETS])
