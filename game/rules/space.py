"""The outcome space: every complete package, as rows of option indexes.

The space is enumerated lazily and refused with a clear error beyond
`MAX_OUTCOMES` packages (at one byte per issue plus 8 bytes per party score, the
limit keeps bulk scoring under about 200 MB).
"""

from __future__ import annotations

from functools import cached_property
from math import prod

import numpy as np

from game.errors import ParleyError, Problem
from game.i18n import _
from game.scenario.model import Scenario

MAX_OUTCOMES = 5_000_000


class SpaceTooLarge(ParleyError):
    pass


class OutcomeSpace:
    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.sizes = [len(i.options) for i in scenario.issues]
        self.size = prod(self.sizes)

    def check_size(self) -> None:
        if self.size > MAX_OUTCOMES:
            file, line, col = self.scenario.pos
            raise SpaceTooLarge([Problem(
                _("the scenario has {n:,} possible packages; the analysis handles at most {limit:,}").format(
                    n=self.size, limit=MAX_OUTCOMES),
                file=file, line=line, col=col, code="space-too-large",
                hint=_("remove an issue or some options; each option multiplies the count"))])

    @cached_property
    def packages(self) -> np.ndarray:
        """(size, issues) matrix of option indexes, first issue slowest."""
        self.check_size()
        dtype = np.uint8 if max(self.sizes, default=1) < 256 else np.uint16
        grids = np.indices(self.sizes, dtype=dtype)
        return grids.reshape(len(self.sizes), -1).T.copy()

    def flat(self, grid: np.ndarray) -> np.ndarray:
        """A grid (one axis per issue, of its size or 1, as `Compiled.grid` makes) as a flat array over
        the whole space, in its order (a new array)."""
        self.check_size()
        out = np.empty(self.size, dtype=grid.dtype)
        out.reshape(self.sizes)[...] = grid  # one pass (a reshape of the broadcast grid would copy twice)
        return out

    def options_at(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), issues) option indexes of the packages at `rows`, worked out from the indexes
        (the same as `packages[rows]`, without enumerating the whole space)."""
        return options_at(rows, self.sizes)

    def index_of(self, package: tuple) -> int:
        index = 0
        for k, n in zip(package, self.sizes):
            index = index * n + k
        return index

    def package(self, row: int) -> tuple:
        """The option indexes of the package at `row` (worked out from the index)."""
        out = []
        for n in reversed(self.sizes):
            row, k = divmod(int(row), n)
            out.append(k)
        return tuple(reversed(out))


def options_at(rows: np.ndarray, sizes) -> np.ndarray:
    """(len(rows), issues) option indexes of the packages at `rows` of a space of these issue sizes."""
    rest = np.asarray(rows, dtype=np.int64).reshape(-1)
    out = np.empty((rest.size, len(sizes)), dtype=np.int64)
    for j in range(len(sizes) - 1, -1, -1):
        rest, out[:, j] = np.divmod(rest, sizes[j])
    return out


class Separable:
    """A sum of one entry per issue (`tables[j][option]`) looked up at any rows of the space cheaply: the
    sums over the first half of the issues and over the second half are tabulated (a few thousand
    entries each), so a row's value is one division and two lookups, the same floats as
    `outer_sum(tables[:h])` outer-added to `outer_sum(tables[h:])` (h = half the issues, rounded down)."""

    def __init__(self, tables):
        half = len(tables) // 2
        self.first, self.second = outer_sum(tables[:half]), outer_sum(tables[half:])

    def at(self, rows) -> np.ndarray:
        high, low = np.divmod(np.asarray(rows, dtype=np.int64), self.second.size)
        return self.first[high] + self.second[low]

    def whole(self) -> np.ndarray:
        """The value of every package of the space, in its order."""
        return np.add.outer(self.first, self.second).reshape(-1)


def outer_sum(tables) -> np.ndarray:
    """Every package's sum of one entry per issue (`tables[j][option]`), over the whole space in its
    order (first issue slowest), added issue by issue from 0.0 exactly as a row-by-row sum adds them (so
    the same floats). One option's column at a time: numpy's inner loops stay long, about four times
    faster than broadcasting an outer sum whose last axis has three or four options."""
    total = np.zeros(1)
    for table in tables:
        table = np.asarray(table, dtype=float)
        out = np.empty((total.size, table.size))
        for k, x in enumerate(table):
            np.add(total, x, out=out[:, k])
        total = out.reshape(-1)
    return total
