"""`Analysis`: the map of a scenario's whole outcome space under one standing.

    analysis = Analysis(scenario)                       # or Analysis(rulebook, standing)
    analysis.frontier, analysis.deal_zone               # package indexes
    analysis.nash, analysis.kalai_smorodinsky, analysis.max_welfare   # Point or None
    analysis.historical                                 # Position or None
    analysis.position({"format": "...", ...})           # any agreement
    analysis.to_json()                                  # what `parley analyze --json` prints

Everything is computed on first use and cached; a different standing (after an
event moved a walk-away value or a weight) is a different `Analysis`, which may
share the `Rulebook`. The size of the outcome space is checked in the
constructor, before anything is allocated: beyond `MAX_OUTCOMES` packages it
raises `SpaceTooLarge` at once.

Decisions:
- the Pareto frontier covers every complete package (red lines ignored: it maps
  what is possible);
- the deal zone holds the packages that beat every party's walk-away value by
  more than `TOL`, and, unless `respect_red_lines=False`, that cross no party's
  red line (a party refuses such a package whatever its points);
- Nash, Kalai-Smorodinsky and maximum welfare are chosen within the deal zone,
  so each is None when the deal zone is empty;
- the historical package is analysed when the scenario names a complete one,
  else `historical` is None (`historical_missing` lists the issues it leaves out).
"""

from __future__ import annotations

from functools import cached_property
from typing import Mapping, Sequence, Union

import numpy as np

from game.analysis import solutions
from game.analysis.pareto import TOL, deal_zone_mask, pareto_mask
from game.analysis.position import Point, Position, number, numbers
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _
from game.rules.engine import Rulebook, Scorer, Standing
from game.scenario.model import Scenario

PackageLike = Union[int, Sequence[int], Mapping[str, str]]


class Analysis:
    def __init__(self, source: Scenario | Rulebook, standing: Standing | None = None, *,
                 respect_red_lines: bool = True, tol: float = TOL):
        book = source if isinstance(source, Rulebook) else Rulebook(source)
        book.space.check_size()  # SpaceTooLarge here, before any allocation
        self.book = book
        self.scenario: Scenario = book.scenario
        self.standing = standing or Standing.initial(self.scenario)
        self.respect_red_lines = respect_red_lines
        self.tol = tol
        self.party_ids: list[str] = self.scenario.party_ids
        self.issue_ids: list[str] = self.scenario.issue_ids

    # -- the space and its points -------------------------------------------------
    @property
    def outcome_count(self) -> int:
        return int(self.book.space.size)

    @cached_property
    def scorer(self) -> Scorer:
        return self.book.scorer(self.standing)

    @cached_property
    def points(self) -> np.ndarray:
        """(packages, parties) float64 points, parties in scenario order."""
        return np.ascontiguousarray(self.scorer.matrix)

    @cached_property
    def walk_away(self) -> np.ndarray:
        return self.scorer.walk_away_vector()

    def point(self, index: int) -> Point:
        package = self.book.space.package(index)
        row = self.points[index]
        return Point(int(index), package, self.book.to_ids(package),
                     {pid: float(row[k]) for k, pid in enumerate(self.party_ids)})

    @cached_property
    def _labels(self) -> list[np.ndarray]:
        return [np.array([o.id for o in issue.options], dtype=object) for issue in self.scenario.issues]

    def points_at(self, indexes: Sequence[int] | np.ndarray) -> list[Point]:
        """`point(i)` for many packages at once (vectorised look-ups)."""
        indexes = np.asarray(indexes, dtype=np.int64)
        rows = self.book.space.packages[indexes]
        ids = [self._labels[j][rows[:, j]].tolist() for j in range(rows.shape[1])]
        scores = [self.points[indexes, k].tolist() for k in range(len(self.party_ids))]
        return [Point(int(i), tuple(pk), dict(zip(self.issue_ids, o)), dict(zip(self.party_ids, sc)))
                for i, pk, o, sc in zip(indexes.tolist(), rows.tolist(), zip(*ids), zip(*scores))]

    def points_json(self, indexes: Sequence[int] | np.ndarray) -> list[dict]:
        """`point(i).to_json()` for many packages at once, without building `Point`s."""
        indexes = np.asarray(indexes, dtype=np.int64)
        rows = self.book.space.packages[indexes]
        ids = [self._labels[j][rows[:, j]].tolist() for j in range(rows.shape[1])]
        scores = [numbers(self.points[indexes, k]).tolist() for k in range(len(self.party_ids))]
        return [{"outcome": dict(zip(self.issue_ids, o)), "scores": dict(zip(self.party_ids, sc))}
                for o, sc in zip(zip(*ids), zip(*scores))]

    # -- frontier and deal zone -----------------------------------------------------
    @cached_property
    def frontier_mask(self) -> np.ndarray:
        return pareto_mask(self.points, self.tol)

    @cached_property
    def frontier(self) -> np.ndarray:
        """Frontier package indexes, best for the first party first (then the second, then index)."""
        idx = np.flatnonzero(self.frontier_mask)
        sub = self.points[idx]
        keys = [idx] + [-sub[:, k] for k in range(sub.shape[1] - 1, -1, -1)]
        return idx[np.lexsort(keys)]

    @cached_property
    def red_line_mask(self) -> np.ndarray:
        """True for packages that cross at least one party's red line."""
        mask = np.zeros(self.outcome_count, dtype=bool)
        for pid in self.party_ids:
            if self.book.red_lines.get(pid):
                mask |= self.book.red_line_mask(pid)
        return mask

    @cached_property
    def deal_zone_mask(self) -> np.ndarray:
        excluded = self.red_line_mask if self.respect_red_lines else None
        return deal_zone_mask(self.points, self.walk_away, self.tol, excluded)

    @cached_property
    def deal_zone(self) -> np.ndarray:
        """Deal-zone package indexes, ascending."""
        return np.flatnonzero(self.deal_zone_mask)

    # -- bargaining solutions ----------------------------------------------------
    @cached_property
    def nash_index(self) -> int | None:
        return solutions.nash(self.points, self.walk_away, self.deal_zone, self.tol)

    @cached_property
    def kalai_smorodinsky_index(self) -> int | None:
        return solutions.kalai_smorodinsky(self.points, self.walk_away, self.deal_zone, self.tol)

    @cached_property
    def max_welfare_index(self) -> int | None:
        return solutions.max_welfare(self.points, self.deal_zone, self.tol)

    @property
    def nash(self) -> Point | None:
        return None if self.nash_index is None else self.point(self.nash_index)

    @property
    def kalai_smorodinsky(self) -> Point | None:
        return None if self.kalai_smorodinsky_index is None else self.point(self.kalai_smorodinsky_index)

    @property
    def max_welfare(self) -> Point | None:
        return None if self.max_welfare_index is None else self.point(self.max_welfare_index)

    # -- positions ---------------------------------------------------------------
    def index_of(self, package: PackageLike) -> int:
        """The package index of an int, a tuple of option indexes, or a complete {issue: option} map."""
        space = self.book.space
        if isinstance(package, (int, np.integer)):
            index = int(package)
        elif isinstance(package, Mapping):
            index = space.index_of(self._indexes(package))
        else:
            values = tuple(int(k) for k in package)
            if len(values) != len(space.sizes) or any(not 0 <= k < n for k, n in zip(values, space.sizes)):
                raise ValueError(f"not a package of this scenario: {values!r}")
            index = space.index_of(values)
        if not 0 <= index < self.outcome_count:
            raise ValueError(f"no package {index} in a space of {self.outcome_count}")
        return index

    def _indexes(self, package: Mapping[str, str]) -> tuple[int, ...]:
        problems = []
        file, line, col = self.scenario.pos
        for iid in package:
            if iid not in self.issue_ids:
                problems.append(Problem(_("'{id}' is not an issue of this scenario").format(id=iid), file=file,
                                        code="unknown-issue", suggestion=did_you_mean(iid, self.issue_ids)))
        for n, issue in enumerate(self.scenario.issues):
            if issue.id not in package:
                problems.append(Problem(_("the package has no option for issue '{issue}'").format(issue=issue.id),
                                        file=file, code="incomplete-package",
                                        hint=_("a package names one option for every issue")))
            elif package[issue.id] not in self.book.option_index[n]:
                oid = package[issue.id]
                problems.append(Problem(_("'{option}' is not an option of issue '{issue}'").format(
                    option=oid, issue=issue.id), file=file, code="unknown-option",
                    suggestion=did_you_mean(oid, self.book.option_index[n])))
        if problems:
            raise ParleyError(problems)
        return self.book.to_indexes(package)

    def position(self, package: PackageLike) -> Position:
        return Position(self, self.index_of(package))

    @cached_property
    def historical_missing(self) -> list[str]:
        """Issues the scenario's historical package leaves out (empty if complete or absent)."""
        hist = self.scenario.historical
        if hist is None:
            return []
        return [iid for iid in self.issue_ids if iid not in hist.package]

    @cached_property
    def historical(self) -> Position | None:
        hist = self.scenario.historical
        if hist is None or self.historical_missing:
            return None
        return self.position(hist.package)

    # -- output ------------------------------------------------------------------
    def to_json(self) -> dict:
        def point(p: Point | None) -> dict | None:
            return None if p is None else p.to_json()

        return {
            "outcome_count": self.outcome_count,
            "parties": list(self.party_ids),
            "walk_away": {pid: number(v) for pid, v in zip(self.party_ids, self.walk_away)},
            "pareto": self.points_json(self.frontier),
            "deal_zone_count": int(len(self.deal_zone)),
            "nash": point(self.nash),
            "kalai_smorodinsky": point(self.kalai_smorodinsky),
            "max_welfare": point(self.max_welfare),
            "historical": None if self.historical is None else self.historical.to_json(),
        }


def analyze(scenario: Scenario, standing: Standing | None = None, **options) -> Analysis:
    """Shorthand for `Analysis(scenario, standing, ...)`."""
    return Analysis(scenario, standing, **options)
