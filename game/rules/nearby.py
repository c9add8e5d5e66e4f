"""One party's points at a few packages, and a cheap float32 map of all of them: what a decision needs.

A decision looks at the packages near a level of points. It finds them in a coarse
map of the whole space and checks them against the exact points, so it needs the
exact float64 points only at those packages, never over the whole space (the slow
part of an AI's first move, and of every move after an event that changes weights):

- `Exact.at(rows)`: the same floats as `Scorer.party_points(party)[rows]`. The
  whole-space sum adds the issues one by one from 0.0 (`outer_sum`); its running
  sum after the first issues is tabulated here exactly as it builds it (at most
  `HEAD_ENTRIES` entries), the last few issues' entries are added one at a time,
  then the points of every rule that holds, in the scenario's order;
- `coarse(...)`: every package's points as float32, the sums over two parts of the
  issues outer-added (one pass, half the memory of the exact points), the points of
  the rules folded into the part whose issues they name; within `coarse_error(...)`
  of the exact points.
"""

from __future__ import annotations

from math import prod

import numpy as np

from game.rules.space import options_at, outer_sum

HEAD_ENTRIES = 1 << 16  # the most entries of the tabulated running sum over the first issues
HALF_ENTRIES = 1 << 17  # the most entries of either half's table in `coarse`
F32_EPS = 2.0 ** -24    # float32 unit roundoff


class Exact:
    """Exact points of one party at any rows of the outcome space (see the module docstring).
    `rules`: (flat mask of the packages the rule holds for, its points) for each rule that gives
    this party points, in the scenario's order."""

    def __init__(self, tables, rules: list[tuple[np.ndarray, float]]):
        tables = [np.asarray(t, dtype=float) for t in tables]
        sizes = [t.size for t in tables]
        head = len(tables)
        while head > 0 and prod(sizes[:head]) > HEAD_ENTRIES:
            head -= 1
        self.head = outer_sum(tables[:head])
        self.span = prod(sizes[head:])  # packages per entry of the head table
        tail = options_at(np.arange(self.span), sizes[head:])
        self.tail = [t[tail[:, i]] for i, t in enumerate(tables[head:])]  # per last issue, by tail index
        self.rules = rules

    def at(self, rows) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        high, low = np.divmod(rows, self.span)
        total = self.head[high]
        for entries in self.tail:
            total += entries[low]
        for mask, points in self.rules:
            np.add(total, points, out=total, where=mask[rows])
        return total


def halves(tables, rules, sizes) -> tuple[int, list[np.ndarray], list]:
    """The issues split in two where the fewest rules name issues on both sides (then where the two
    tables are most even): (where, each side's sums over its issues (float64) with the points of the rules
    that name issues on that side only folded in, the other rules). `rules`: (grid of the packages the
    rule holds for, as `Compiled.grid` gives it, its points)."""
    n = len(sizes)

    def named(grid) -> set[int]:
        return {j for j, size in enumerate(np.shape(grid)) if size > 1}

    def across(split: int) -> int:
        return sum(1 for grid, _p in rules if named(grid) - set(range(split)) and named(grid) & set(range(split)))

    splits = [s for s in range(n + 1) if max(prod(sizes[:s]), prod(sizes[s:])) <= HALF_ENTRIES] or [n // 2]
    split = min(splits, key=lambda s: (across(s), max(prod(sizes[:s]), prod(sizes[s:])), s))
    sides = [outer_sum(tables[:split]), outer_sum(tables[split:])]
    whole = []
    for grid, points in rules:
        axes = named(grid)
        side = 0 if axes <= set(range(split)) else 1 if axes <= set(range(split, n)) else None
        if side is None:
            whole.append((grid, points))
            continue
        cut = slice(0, split) if side == 0 else slice(split, n)
        table = sides[side].reshape(sizes[cut])
        np.add(table, points, out=table, where=np.reshape(grid, np.shape(grid)[cut]))
    return split, sides, whole


def coarse(tables, rules, sizes) -> np.ndarray:
    """float32 points of every package (see the module docstring and `halves`): the two sides outer-added,
    then the rules that name issues on both sides, each a pass over the whole space."""
    _split, (first, second), whole = halves(tables, rules, sizes)
    out = np.add.outer(first.astype(np.float32), second.astype(np.float32)).reshape(-1)
    shaped = out.reshape(sizes)
    for grid, points in whole:
        np.add(shaped, np.float32(points), out=shaped, where=grid)
    return out


def count_at_most(tables, rules, sizes, value: float, band: float, exact_at) -> int | None:
    """How many packages are worth at most `value`, exactly, without a pass over the whole space: a
    package is a pair of one entry of each side (`halves`), so per entry of the first side the count of
    the second side's entries below `value - band` is a binary search in them, sorted; the pairs within
    `band` of `value` are checked with `exact_at(rows)`. None when a rule names issues on both sides."""
    _split, (first, second), whole = halves(tables, rules, sizes)
    if whole:
        return None
    order = np.argsort(second, kind="stable")
    ranked = second[order]
    start = np.searchsorted(ranked, value - band - first, side="left")
    stop = np.searchsorted(ranked, value + band - first, side="right")
    unsure = stop - start
    heads = np.repeat(np.arange(first.size, dtype=np.int64), unsure)
    picks = np.arange(int(unsure.sum()), dtype=np.int64) - np.repeat(np.cumsum(unsure) - unsure, unsure)
    rows = heads * second.size + order[np.repeat(start, unsure) + picks]
    return int(start.sum()) + int(np.count_nonzero(exact_at(rows) <= value))


def coarse_error(tables, rule_points) -> float:
    """A bound on |coarse - exact| for these tables and rule points: each float32 rounding is off by at
    most `F32_EPS` of the largest sum it can see (two for the halves, one for their sum, one per rule)."""
    largest = sum(float(np.max(np.abs(t))) for t in tables if len(t)) + sum(abs(float(p)) for p in rule_points)
    return F32_EPS * (3 + len(rule_points)) * largest + 1e-9
