"""Compile a scenario `Condition` once, then test it on one package or on millions.

A package is a tuple of option indexes (one per issue, in scenario order). The
scalar form is a tree of closures; the bulk form evaluates the same tree on a
matrix of packages (rows) with numpy and returns a boolean mask; the grid form
evaluates it on the whole outcome space without enumerating it: a boolean array
with one axis per issue, of that issue's size where the condition looks at the
issue and of size 1 elsewhere (it broadcasts to the space's shape, packages in C
order), so a condition on two issues costs a 4 x 4 table, not a million rows.
All three forms come from one compiler, so they cannot disagree. Nothing is
parsed from strings, and nothing in a condition can run code.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Callable

import numpy as np

from game.scenario.model import Condition, Scenario

Predicate = Callable[[tuple], bool]
Mask = Callable[[np.ndarray], np.ndarray]
Grid = Callable[[], np.ndarray]

_COMPARE = {"at_least": operator.ge, "at_most": operator.le, "above": operator.gt,
            "below": operator.lt, "equals": operator.eq}


class Compiled:
    def __init__(self, predicate: Predicate, mask: Mask, grid: Grid):
        self.predicate = predicate
        self.mask = mask
        self.grid = grid  # the condition over the whole space, as a broadcastable grid (see above)

    def __call__(self, package: tuple) -> bool:
        return self.predicate(package)


def compile_condition(cond: Condition, scenario: Scenario) -> Compiled:
    issue_index = {i.id: n for n, i in enumerate(scenario.issues)}
    option_index = [{o.id: k for k, o in enumerate(i.options)} for i in scenario.issues]
    dims = len(scenario.issues)

    def build(c: Condition) -> Compiled:
        if c.all is not None:
            parts = [build(x) for x in c.all]
            return Compiled(lambda p: all(x.predicate(p) for x in parts),
                            lambda a: np.logical_and.reduce([x.mask(a) for x in parts]) if parts
                            else np.ones(len(a), dtype=bool),
                            lambda: reduce(np.logical_and, [x.grid() for x in parts], np.ones((1,) * dims, dtype=bool)))
        if c.any is not None:
            parts = [build(x) for x in c.any]
            return Compiled(lambda p: any(x.predicate(p) for x in parts),
                            lambda a: np.logical_or.reduce([x.mask(a) for x in parts]) if parts
                            else np.zeros(len(a), dtype=bool),
                            lambda: reduce(np.logical_or, [x.grid() for x in parts], np.zeros((1,) * dims, dtype=bool)))
        if c.not_ is not None:
            inner = build(c.not_)
            return Compiled(lambda p: not inner.predicate(p), lambda a: ~inner.mask(a), lambda: ~inner.grid())
        j = issue_index[c.issue]
        if c.attribute is not None:
            op_name = next(k for k in _COMPARE if getattr(c, k) is not None)
            op, bound = _COMPARE[op_name], getattr(c, op_name)
            values = [o.attributes.get(c.attribute) for o in scenario.issues[j].options]
            hits = frozenset(k for k, v in enumerate(values) if v is not None and op(v, bound))
        else:
            wanted = [c.is_] if c.is_ is not None else list(c.in_ or [])
            hits = frozenset(option_index[j][o] for o in wanted)
        table = np.zeros(len(scenario.issues[j].options), dtype=bool)
        table[list(hits)] = True
        shape = tuple(table.size if n == j else 1 for n in range(dims))
        return Compiled(lambda p: p[j] in hits, lambda a: table[a[:, j]], lambda: table.reshape(shape))

    return build(cond)
