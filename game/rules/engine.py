"""Score packages: each party's points, the shared indicators and the outcome tags.

A party's points for a complete package are the sum over issues of
`weight x value / 100`, plus the points of every rule whose condition holds.
Indicators start at their `start` value, move by every rule that holds (or by the
no-deal deltas) and are clamped to their range. Events can move a party's
walk-away value and weights (a weight change is rescaled so the party's weights
keep their total: priorities shift against each other); a `Standing` carries those current values, and a
`Scorer` scores against one standing.

`Scorer.score` (one package) and `Scorer.bulk` (every package, numpy) add the same
float64 numbers in the same order, so they agree exactly, not approximately.
"""

from __future__ import annotations

from collections import OrderedDict

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Mapping

import numpy as np

from game.rules.conditions import Compiled, compile_condition
from game.rules import nearby
from game.rules.space import OutcomeSpace, outer_sum
from game.scenario.model import Effect, Scenario

FULL_POINTS_KEPT = 6  # (party, weights) pairs whose whole-space points (and maps of them) a rulebook remembers


@dataclass(frozen=True)
class PartyStanding:
    weights: tuple[float, ...]
    walk_away: float


@dataclass(frozen=True)
class Standing:
    """What events can change: each party's weights and walk-away value."""

    parties: Mapping[str, PartyStanding]

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.parties.items())))

    @classmethod
    def initial(cls, scenario: Scenario) -> "Standing":
        return cls({p.id: PartyStanding(tuple(float(p.weights.get(i.id, 0)) for i in scenario.issues),
                                        float(p.walk_away.value)) for p in scenario.parties})

    def apply(self, effect: Effect, scenario: Scenario) -> "Standing":
        old = self.parties[effect.party]
        weights = list(old.weights)
        for n, issue in enumerate(scenario.issues):
            if issue.id in effect.change_weights:
                weights[n] = max(0.0, weights[n] + effect.change_weights[issue.id])
        # Priorities shift against each other: the total stays what it was, so points
        # stay on the scale of the walk-away values (0..100 when weights sum to 100).
        before, after = sum(old.weights), sum(weights)
        if before > 0 and after > 0 and after != before:
            weights = [w * before / after for w in weights]
        walk_away = min(100.0, max(0.0, old.walk_away + effect.change_walk_away))
        changed = dict(self.parties)
        changed[effect.party] = replace(old, weights=tuple(weights), walk_away=walk_away)
        return Standing(changed)

    def walk_away(self, party: str) -> float:
        return self.parties[party].walk_away


@dataclass(frozen=True)
class Outcome:
    agreement: dict[str, str] | None
    points: dict[str, float]
    indicators: dict[str, float]
    tags: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"agreement": self.agreement, "scores": self.points, "indicators": self.indicators, "tags": self.tags}


class Rulebook:
    """Everything about a scenario's scoring that does not change during a game."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.space = OutcomeSpace(scenario)
        self.rules: list[tuple[object, Compiled]] = [(r, compile_condition(r.when, scenario)) for r in scenario.rules]
        self.red_lines = {p.id: [compile_condition(r.when, scenario) for r in p.red_lines] for p in scenario.parties}
        # values[party][issue] -> float64 array of the option values (0..100)
        self.values = {p.id: [np.array([float(p.values.get(i.id, {}).get(o.id, 0)) for o in i.options])
                              for i in scenario.issues] for p in scenario.parties}
        self.option_index = [{o.id: k for k, o in enumerate(i.options)} for i in scenario.issues]
        self._red_masks: dict[str, np.ndarray] = {}
        self._full_points: OrderedDict[tuple, object] = OrderedDict()
        self._rule_masks: dict[int, np.ndarray] = {}

    # -- packages as ids or indexes ---------------------------------------------
    def to_indexes(self, package: Mapping[str, str]) -> tuple:
        return tuple(self.option_index[n][package[i.id]] for n, i in enumerate(self.scenario.issues))

    def to_ids(self, package: tuple) -> dict[str, str]:
        return {i.id: i.options[k].id for i, k in zip(self.scenario.issues, package)}

    def crosses_red_line(self, party: str, package: tuple) -> bool:
        return any(c.predicate(package) for c in self.red_lines[party])

    def red_lines_crossed(self, party: str, package: tuple) -> list[int]:
        """Indexes (into the party's `red_lines` in the scenario) of the red lines `package` crosses."""
        return [n for n, c in enumerate(self.red_lines[party]) if c.predicate(package)]

    def red_line_mask(self, party: str) -> np.ndarray:
        """Packages across any of `party`'s red lines (computed once, read-only)."""
        if party not in self._red_masks:
            mask = self.space.flat(self.red_line_grid(party))
            mask.setflags(write=False)
            self._red_masks[party] = mask
        return self._red_masks[party]

    def red_line_grid(self, party: str) -> np.ndarray:
        """The same packages as a grid over the issues the red lines name (see `Compiled.grid`)."""
        grid = np.zeros((1,) * len(self.space.sizes), dtype=bool)
        for c in self.red_lines[party]:
            grid = grid | c.grid()
        return grid

    def full_points(self, party: str, weights, compute, kind: str = "exact"):
        """One party's points over the whole space for these weights: `compute()` once, then remembered
        (read-only) for the last few weight sets. Events that move only a walk-away value, and every new
        standing with the same weights, reuse it. `kind` names what is remembered: "exact" (the points),
        "coarse" (their float32 map), "coarse-red" (the same, red lines sunk), "nearby" (`nearby.Exact`);
        at most `FULL_POINTS_KEPT` of each kind, the least recently used forgotten first."""
        key = (kind, party, tuple(float(w) for w in weights))
        cache = self._full_points
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        arr = compute()
        if isinstance(arr, np.ndarray):
            arr.setflags(write=False)
        cache[key] = arr
        same = [k for k in cache if k[0] == kind]
        for old in same[:max(0, len(same) - FULL_POINTS_KEPT)]:
            del cache[old]
        return arr

    def known_points(self, party: str, weights) -> np.ndarray | None:
        """The remembered points of `full_points`, or None when they have not been computed."""
        return self._full_points.get(("exact", party, tuple(float(w) for w in weights)))

    def rule_mask(self, index: int) -> np.ndarray:
        """Which packages of the whole space rule `index` holds for (computed once: rules never change)."""
        if index not in self._rule_masks:
            mask = self.space.flat(self.rules[index][1].grid())
            mask.setflags(write=False)
            self._rule_masks[index] = mask
        return self._rule_masks[index]

    def scorer(self, standing: Standing | None = None) -> "Scorer":
        return Scorer(self, standing or Standing.initial(self.scenario))


class Scorer:
    def __init__(self, book: Rulebook, standing: Standing):
        self.book = book
        self.standing = standing
        scenario = book.scenario
        self.contrib = {pid: [vals * (ps.weights[n] / 100.0) for n, vals in enumerate(book.values[pid])]
                        for pid, ps in standing.parties.items()}
        self.party_ids = scenario.party_ids

    def points(self, party: str, package: tuple) -> float:
        total = 0.0
        for table, k in zip(self.contrib[party], package):
            total += float(table[k])
        for rule, compiled in self.book.rules:
            if party in rule.points and compiled.predicate(package):
                total += float(rule.points[party])
        return total

    def score(self, package: tuple) -> Outcome:
        scenario = self.book.scenario
        held = [rule for rule, compiled in self.book.rules if compiled.predicate(package)]
        points = {pid: self.points(pid, package) for pid in self.party_ids}
        indicators = {}
        for ind in scenario.indicators:
            value = float(ind.start)
            for rule in held:
                value += float(rule.indicators.get(ind.id, 0.0))
            indicators[ind.id] = min(ind.max, max(ind.min, value))
        tags = [rule.tag.id for rule in held if rule.tag is not None]
        return Outcome(self.book.to_ids(package), points, indicators, tags)

    def no_deal(self) -> Outcome:
        scenario = self.book.scenario
        indicators = {ind.id: min(ind.max, max(ind.min, float(ind.start) + float(scenario.no_deal.indicators.get(ind.id, 0.0))))
                      for ind in scenario.indicators}
        return Outcome(None, {pid: self.standing.walk_away(pid) for pid in self.party_ids}, indicators, [])

    def walk_away(self, party: str) -> float:
        return self.standing.walk_away(party)

    # -- bulk -------------------------------------------------------------------
    def bulk_points(self, rows: np.ndarray | None = None, parties: list[str] | None = None) -> dict[str, np.ndarray]:
        """Points of every package (rows of the outcome space by default), per party."""
        full = rows is None  # the whole space: scored without enumerating it
        wanted = self.party_ids if parties is None else parties
        # the packages each rule holds for: over the whole space as a grid that broadcasts to its shape
        # (no pass to spread it out), at rows as a mask
        masks = [(rule, compiled.grid() if full else compiled.mask(rows))
                 for rule, compiled in self.book.rules if any(p in rule.points for p in wanted)]
        out = {}
        for pid in wanted:
            if full:
                total = outer_sum(self.contrib[pid])
            else:
                total = np.zeros(len(rows))
                for n, table in enumerate(self.contrib[pid]):
                    total += table[rows[:, n]]
            shaped = total.reshape(self.book.space.sizes) if full else total
            for rule, mask in masks:
                if pid in rule.points:
                    np.add(shaped, float(rule.points[pid]), out=shaped, where=mask)
            out[pid] = total
        return out

    def party_points(self, party: str) -> np.ndarray:
        """One party's points for the whole outcome space (computed once, read-only)."""
        cache = self._party_cache
        if party not in cache:
            cache[party] = self.book.full_points(party, self.standing.parties[party].weights,
                                                 lambda: self.bulk_points(parties=[party])[party])
        return cache[party]

    @cached_property
    def _party_cache(self) -> dict[str, np.ndarray]:
        return {}

    # -- near a level (see nearby.py) ------------------------------------------------
    def _weights(self, party: str) -> tuple:
        return self.standing.parties[party].weights

    def _rules_for(self, party: str) -> list[tuple[int, Compiled, float]]:
        return [(n, compiled, float(rule.points[party])) for n, (rule, compiled) in enumerate(self.book.rules)
                if party in rule.points]

    def points_at(self, party: str, rows) -> np.ndarray:
        """`party_points(party)[rows]`, the same floats, without scoring the whole space when it has not
        been scored yet (`rows`: indexes into the outcome space)."""
        known = self._party_cache.get(party)
        if known is None:
            known = self.book.known_points(party, self._weights(party))
        if known is not None:
            return known[np.asarray(rows, dtype=np.int64).reshape(-1)]
        exact = self.book.full_points(party, self._weights(party), lambda: nearby.Exact(
            self.contrib[party], [(self.book.rule_mask(n), p) for n, _c, p in self._rules_for(party)]), "nearby")
        return exact.at(rows)

    def coarse_points(self, party: str, below_red: float | None = None) -> np.ndarray:
        """`party_points(party)` as float32, within `coarse_error(party)` (one cheap pass; read-only); with
        `below_red`, that much is added to the packages across the party's red lines (to sink them)."""
        def compute() -> np.ndarray:
            rules = [(c.grid(), p) for _n, c, p in self._rules_for(party)]
            if below_red is not None:
                rules.append((self.book.red_line_grid(party), below_red))
            return nearby.coarse(self.contrib[party], rules, self.book.space.sizes)

        return self.book.full_points(party, self._weights(party), compute,
                                     "coarse" if below_red is None else "coarse-red")

    def coarse_error(self, party: str) -> float:
        return nearby.coarse_error(self.contrib[party], [p for _n, _c, p in self._rules_for(party)])

    def count_at_most(self, party: str, value: float) -> int:
        """How many packages are worth at most `value` to `party`, exactly (the coarse map decides all but
        the packages within its error of `value`)."""
        known = self._party_cache.get(party)
        if known is None:
            known = self.book.known_points(party, self._weights(party))
        if known is not None:
            return int(np.count_nonzero(known <= value))
        band = 4 * (self.coarse_error(party) + nearby.F32_EPS * abs(value))  # wide of float32 thresholds too
        count = nearby.count_at_most(self.contrib[party], [(c.grid(), p) for _n, c, p in self._rules_for(party)],
                                     self.book.space.sizes, value, band, lambda rows: self.points_at(party, rows))
        if count is not None:
            return count
        est = self.coarse_points(party)
        low, high = np.float32(value - band), np.float32(value + band)
        unsure = np.flatnonzero((est >= low) & (est <= high))
        return int(np.count_nonzero(est < low)) + int(np.count_nonzero(self.points_at(party, unsure) <= value))

    @cached_property
    def matrix(self) -> np.ndarray:
        """(packages, parties) points of the whole outcome space, parties in scenario order."""
        return np.column_stack([self.party_points(pid) for pid in self.party_ids])

    def walk_away_vector(self) -> np.ndarray:
        return np.array([self.standing.walk_away(pid) for pid in self.party_ids])
