"""Where one package stands in the outcome space: the debrief's view of a deal.

`Position` answers, for an agreement (the players' deal or the historical one):
is it in the deal zone, is it on the Pareto frontier, how far is it from the
frontier (the nearest frontier package, in the deal zone or not) and from the
Nash package (Euclidean distance in points space; None without a Nash package), which
packages are strictly better for every party (`beaten_by`), and which changes of
one or two issues would still have made every party strictly better off
(`missed_trades`). "Strictly better" means by more than the analysis tolerance.

Lists are ordered best first: by joint points (or joint gain) descending, then
fewer changed issues, then the lowest package index.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from game.analysis.pareto import dominating

if TYPE_CHECKING:  # pragma: no cover
    from game.analysis.analysis import Analysis


def number(x: float) -> float:
    """A points value as it goes into JSON and CSV: rounding noise below 1e-9 removed."""
    return float(np.round(float(x), 9)) + 0.0  # + 0.0 turns -0.0 into 0.0


def numbers(values: np.ndarray) -> np.ndarray:
    """`number` for a whole array (the same rounding, vectorised)."""
    return np.round(np.asarray(values, dtype=np.float64), 9) + 0.0


@dataclass(frozen=True, eq=False)
class Point:
    """One package of the outcome space with its points."""

    index: int
    package: tuple[int, ...]
    outcome: dict[str, str]
    scores: dict[str, float]

    @property
    def joint(self) -> float:
        return float(sum(self.scores.values()))

    def to_json(self) -> dict:
        return {"outcome": dict(self.outcome), "scores": {k: number(v) for k, v in self.scores.items()}}


@dataclass(frozen=True)
class Change:
    issue: str
    before: str
    after: str

    def to_json(self) -> dict:
        return {"issue": self.issue, "from": self.before, "to": self.after}


@dataclass(frozen=True, eq=False)
class MissedTrade:
    """A change of one or two issues that leaves every party strictly better off."""

    changes: tuple[Change, ...]
    point: Point
    gains: dict[str, float]

    def to_json(self) -> dict:
        out = {"changes": [c.to_json() for c in self.changes]}
        out.update(self.point.to_json())
        out["gains"] = {k: number(v) for k, v in self.gains.items()}
        return out


def neighbours(sizes: list[int], package: tuple[int, ...]) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    """Indexes of every package one or two issue changes away, and the changed issues of each."""
    strides = [1] * len(sizes)
    for j in range(len(sizes) - 2, -1, -1):
        strides[j] = strides[j + 1] * sizes[j + 1]
    base = sum(k * s for k, s in zip(package, strides))
    shifts = [np.array([(o - package[j]) * strides[j] for o in range(sizes[j]) if o != package[j]], dtype=np.int64)
              for j in range(len(sizes))]
    parts: list[np.ndarray] = []
    changed: list[tuple[int, ...]] = []
    for j, shift in enumerate(shifts):
        parts.append(base + shift)
        changed.extend([(j,)] * len(shift))
    for j1, j2 in combinations(range(len(sizes)), 2):
        both = (shifts[j1][:, None] + shifts[j2][None, :]).ravel()
        parts.append(base + both)
        changed.extend([(j1, j2)] * len(both))
    indexes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return indexes, changed


class Position:
    """The position of package `index` within `analysis` (lazy, cached)."""

    def __init__(self, analysis: "Analysis", index: int):
        self.analysis = analysis
        self.index = int(index)
        self.point = analysis.point(self.index)

    @property
    def outcome(self) -> dict[str, str]:
        return self.point.outcome

    @property
    def scores(self) -> dict[str, float]:
        return self.point.scores

    @property
    def in_deal_zone(self) -> bool:
        return bool(self.analysis.deal_zone_mask[self.index])

    @property
    def on_frontier(self) -> bool:
        return bool(self.analysis.frontier_mask[self.index])

    @cached_property
    def _vector(self) -> np.ndarray:
        return self.analysis.points[self.index]

    @cached_property
    def distance_to_frontier(self) -> float:
        if self.on_frontier:
            return 0.0
        front = self.analysis.points[self.analysis.frontier]
        return float(np.sqrt(((front - self._vector[None, :]) ** 2).sum(axis=1)).min())

    @cached_property
    def distance_to_nash(self) -> float | None:
        nash = self.analysis.nash_index
        if nash is None:
            return None
        return float(np.sqrt(((self.analysis.points[nash] - self._vector) ** 2).sum()))

    @cached_property
    def beaten_by_indexes(self) -> np.ndarray:
        """Indexes of the packages strictly better for every party, best (joint points) first."""
        a = self.analysis
        better = dominating(a.points, self._vector, a.tol)
        joint = a.points[better].sum(axis=1)
        return better[np.lexsort((better, -joint))]

    @cached_property
    def beaten_by(self) -> list[Point]:
        return self.analysis.points_at(self.beaten_by_indexes)

    @cached_property
    def missed_trades(self) -> list[MissedTrade]:
        a = self.analysis
        indexes, changed = neighbours(a.book.space.sizes, self.point.package)
        if len(indexes) == 0:
            return []
        gain = a.points[indexes] - self._vector[None, :]
        good = np.flatnonzero(np.all(gain > a.tol, axis=1))
        joint = gain[good].sum(axis=1)
        width = np.array([len(changed[g]) for g in good], dtype=np.int64)
        order = np.lexsort((indexes[good], width, -joint))
        issues = a.scenario.issues
        out = []
        for n in good[order]:
            point = a.point(int(indexes[n]))
            changes = tuple(Change(issues[j].id, self.outcome[issues[j].id], point.outcome[issues[j].id])
                            for j in changed[n])
            out.append(MissedTrade(changes, point, {pid: float(gain[n, k]) for k, pid in enumerate(a.party_ids)}))
        return out

    def to_json(self) -> dict:
        out = self.point.to_json()
        out.update({
            "in_deal_zone": self.in_deal_zone,
            "on_frontier": self.on_frontier,
            "distance_to_frontier": number(self.distance_to_frontier),
            "distance_to_nash": None if self.distance_to_nash is None else number(self.distance_to_nash),
            "beaten_by": self.analysis.points_json(self.beaten_by_indexes),
            "missed_trades": [t.to_json() for t in self.missed_trades],
        })
        return out
