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

    def index_of(self, package: tuple) -> int:
        index = 0
        for k, n in zip(package, self.sizes):
            index = index * n + k
        return index

    def package(self, row: int) -> tuple:
        return tuple(int(x) for x in self.packages[row])
