"""How even a scenario is, and what-if changes that would make it more even.

    figures = measure(scenario, games=2, seed=0)
    figures.roles, figures.deal_zone_share, figures.suggestions, figures.to_json()

Definitions (also printed by `parley balance`):

- **AI pairings**: every ordered pair of registered strategies (self-play
  included), the first in the scenario's first role and the second in the other,
  each pair playing `games` games with seeds `seed .. seed + games - 1`, exactly
  as `game.play.tournament.Tournament` pairs them (default strategy parameters, not
  the personas').
- **gain**: a party's points minus its own walk-away value as it stood when the
  game ended (events can move it); a game without a deal gives every party a gain
  of 0.
- **win**: a party wins a game when its gain is larger than the other side's by
  more than `WIN_TOL`; otherwise (no deal, or equal gains) the game is a tie.
  Win rate = wins / games.
- **deal zone share**: packages that beat both walk-away values (as the scenario
  starts) and cross no red line, over all packages (`game.analysis.Analysis`).
- **distance from the real deal to the Nash package**: Euclidean, in points, as
  `parley analyze` reports it.

Balanced means: the roles' mean points differ by at most `POINTS_GAP_OK`, their
win rates by at most `WIN_RATE_GAP_OK`, and the deal zone share is within
`ZONE_SLACK` of the target share (default `ZONE_TARGET`).

Suggestions come from what-if analysis, never from rules of thumb:

- walk-away values: for each party, the whole-number walk-away value (0-100)
  that brings the deal zone share closest to the target, the other party's
  unchanged; computed exactly over the outcome space. Offered when the share is
  outside the target band.
- weights: every move of `WEIGHT_STEPS` points of one party's weight from one of
  its issues to another (the sum stays the same; at most half of the first
  issue's weight, so no issue stops mattering) is first estimated by rescoring
  the AI games' agreements with the new weights; the `VERIFY` most promising are
  then played again in full (the AIs react to the new weights), and the one that
  brings the roles' mean points closest is offered if it narrows the gap.
  Offered when the mean points differ by more than `POINTS_GAP_OK`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from game.agents import registry
from game.analysis import Analysis
from game.analysis.pareto import deal_zone_mask
from game.analysis.position import Point, Position, number
from game.rules import Rulebook, Scorer, Standing
from game.scenario.model import Scenario
from game.play.tournament import Tournament, play_ai_game

WIN_TOL = 1e-6
POINTS_GAP_OK = 5.0
WIN_RATE_GAP_OK = 0.15
ZONE_TARGET = 0.25
ZONE_SLACK = 0.15
WEIGHT_STEPS = (5, 10, 15, 20, 25)
MAX_MOVED_SHARE = 0.5  # never take more than half of an issue's weight away
VERIFY = 5
DEFAULT_GAMES = 4

Progress = Callable[[int, int], None]


# -- the games -----------------------------------------------------------------------


@dataclass(frozen=True)
class Played:
    """One AI game: who played which role, the agreement and the figures at the end."""

    strategies: tuple[str, ...]
    seed: int
    agreement: dict[str, str] | None
    points: tuple[float, ...]
    walk_away: tuple[float, ...]
    rounds: int

    @property
    def gains(self) -> tuple[float, ...]:
        return tuple(p - w for p, w in zip(self.points, self.walk_away))

    @property
    def winner(self) -> int | None:
        """The index of the party whose gain beats every other's by more than WIN_TOL, or None (a tie)."""
        g = self.gains
        best = max(range(len(g)), key=lambda k: g[k])
        if all(g[best] > g[k] + WIN_TOL for k in range(len(g)) if k != best):
            return best
        return None


def play_all(scenario: Scenario, games: int = DEFAULT_GAMES, seed: int = 0,
             strategies: Sequence[str] | None = None, progress: Progress | None = None) -> list[Played]:
    """Every AI pairing of the tournament, `games` games each (deterministic)."""
    tour = Tournament(scenario, strategies, games=games, seed=seed)
    scorers: dict[Standing, Scorer] = {}
    out: list[Played] = []
    total = len(tour.pairs) * games
    for a, b in tour.pairs:
        for s in range(seed, seed + games):
            out.append(_play(tour.book, scenario, (a, b), s, scorers))
            if progress is not None:
                progress(len(out), total)
    return out


def _play(book: Rulebook, scenario: Scenario, strategies: tuple[str, ...], seed: int,
          scorers: dict[Standing, Scorer]) -> Played:
    """As `Tournament.play`, keeping the agreement and the walk-away values at the end."""
    parties = scenario.party_ids
    session = play_ai_game(scenario, book, strategies, seed, scorers)
    outcome = session.outcome
    assert outcome is not None
    return Played(strategies, seed, outcome.agreement, tuple(float(outcome.points[p]) for p in parties),
                  tuple(session.standing.walk_away(p) for p in parties), session.round)


# -- figures per role ----------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    party: str
    walk_away: float
    games: int
    mean_points: float
    mean_gain: float
    wins: int
    ties: int
    losses: int

    @property
    def win_rate(self) -> float:
        return self.wins / self.games if self.games else 0.0

    def to_json(self) -> dict:
        return {"party": self.party, "walk_away": number(self.walk_away), "games": self.games,
                "mean_points": round(self.mean_points, 4), "mean_gain": round(self.mean_gain, 4),
                "wins": self.wins, "ties": self.ties, "losses": self.losses, "win_rate": round(self.win_rate, 4)}


def roles(scenario: Scenario, played: Sequence[Played]) -> list[Role]:
    out = []
    n = len(played)
    for k, party in enumerate(scenario.parties):
        wins = sum(1 for g in played if g.winner == k)
        ties = sum(1 for g in played if g.winner is None)
        out.append(Role(party.id, float(party.walk_away.value), n,
                        float(np.mean([g.points[k] for g in played])) if n else 0.0,
                        float(np.mean([g.gains[k] for g in played])) if n else 0.0,
                        wins, ties, n - wins - ties))
    return out


def mean_points(scenario: Scenario, played: Sequence[Played]) -> tuple[float, ...]:
    return tuple(r.mean_points for r in roles(scenario, played))


# -- what-if: walk-away values and the deal zone ---------------------------------------


@dataclass(frozen=True)
class WalkAwayChange:
    """Setting `party`'s walk-away value to `after` moves the deal zone share from `share_before` to `share_after`."""

    party: str
    before: float
    after: float
    share_before: float
    share_after: float
    count_after: int

    def to_json(self) -> dict:
        return {"party": self.party, "walk_away_before": number(self.before), "walk_away_after": number(self.after),
                "deal_zone_share_before": round(self.share_before, 6),
                "deal_zone_share_after": round(self.share_after, 6), "deal_zone_count_after": self.count_after}


def walk_away_for_share(analysis: Analysis, party: str, target: float) -> WalkAwayChange:
    """The whole-number walk-away value of `party` whose deal zone share is closest to `target`.

    Ties go to the value closest to the current one. Exact: the deal zone with
    walk-away value v is every package that suits the other parties and crosses
    no red line, and gives `party` more than v (+ the analysis tolerance).
    """
    k = analysis.party_ids.index(party)
    points, walk = analysis.points, analysis.walk_away
    others = np.ones(len(points), dtype=bool)
    for j in range(points.shape[1]):
        if j != k:
            others &= points[:, j] > walk[j] + analysis.tol
    if analysis.respect_red_lines:
        others &= ~analysis.red_line_mask
    mine = np.sort(points[others, k])
    total = analysis.outcome_count
    values = np.arange(0, 101, dtype=np.float64)
    counts = len(mine) - np.searchsorted(mine, values + analysis.tol, side="right")
    shares = counts / total
    current = float(walk[k])
    order = np.lexsort((np.abs(values - current), np.abs(shares - target)))
    best = int(order[0])
    return WalkAwayChange(party, current, float(values[best]), len(analysis.deal_zone) / total,
                          float(shares[best]), int(counts[best]))


# -- what-if: moving weight between issues ---------------------------------------------


@dataclass(frozen=True)
class WeightChange:
    """Move `amount` weight points of `party` from issue `source` to issue `target`."""

    party: str
    source: str
    target: str
    amount: float
    weights_before: tuple[float, float]   # (source, target) before
    means_before: tuple[float, ...] = ()
    means_after: tuple[float, ...] = ()
    estimated_gap: float = 0.0

    @property
    def weights_after(self) -> tuple[float, float]:
        return self.weights_before[0] - self.amount, self.weights_before[1] + self.amount

    @property
    def gap_before(self) -> float:
        return _gap(self.means_before)

    @property
    def gap_after(self) -> float:
        return _gap(self.means_after)

    def apply(self, scenario: Scenario) -> Scenario:
        return change_weights(scenario, self.party, {self.source: self.weights_after[0],
                                                     self.target: self.weights_after[1]})

    def to_json(self, party_ids: Sequence[str]) -> dict:
        return {"party": self.party, "from_issue": self.source, "to_issue": self.target, "amount": number(self.amount),
                "weights_before": {self.source: number(self.weights_before[0]),
                                   self.target: number(self.weights_before[1])},
                "weights_after": {self.source: number(self.weights_after[0]),
                                  self.target: number(self.weights_after[1])},
                "mean_points_before": {p: round(v, 4) for p, v in zip(party_ids, self.means_before)},
                "mean_points_after": {p: round(v, 4) for p, v in zip(party_ids, self.means_after)},
                "gap_before": round(self.gap_before, 4), "gap_after": round(self.gap_after, 4)}


def _gap(means: Sequence[float]) -> float:
    return float(max(means) - min(means)) if means else 0.0


def change_weights(scenario: Scenario, party: str, weights: dict[str, float]) -> Scenario:
    """A copy of `scenario` with some of `party`'s weights replaced."""
    parties = [p.model_copy(update={"weights": {**p.weights, **weights}}) if p.id == party else p
               for p in scenario.parties]
    return scenario.model_copy(update={"parties": parties})


def change_walk_away(scenario: Scenario, party: str, value: float) -> Scenario:
    """A copy of `scenario` with `party`'s walk-away value replaced."""
    parties = [p.model_copy(update={"walk_away": p.walk_away.model_copy(update={"value": value})})
               if p.id == party else p for p in scenario.parties]
    return scenario.model_copy(update={"parties": parties})


def weight_candidates(scenario: Scenario, played: Sequence[Played]) -> list[WeightChange]:
    """Every weight move, with the gap estimated by rescoring the agreements; most promising first."""
    means = mean_points(scenario, played)
    n = len(played)
    out = []
    for k, party in enumerate(scenario.parties):
        for source in scenario.issues:
            for target in scenario.issues:
                if source.id == target.id:
                    continue
                w_source = float(party.weights.get(source.id, 0))
                w_target = float(party.weights.get(target.id, 0))
                for amount in WEIGHT_STEPS:
                    if amount > w_source * MAX_MOVED_SHARE or w_target + amount > 100:
                        continue
                    delta = 0.0
                    for g in played:
                        if g.agreement is not None:
                            v_t = float(party.values.get(target.id, {}).get(g.agreement[target.id], 0))
                            v_s = float(party.values.get(source.id, {}).get(g.agreement[source.id], 0))
                            delta += amount * (v_t - v_s) / 100.0
                    after = list(means)
                    after[k] += delta / n if n else 0.0
                    out.append(WeightChange(party.id, source.id, target.id, float(amount), (w_source, w_target),
                                            means, tuple(after), _gap(after)))
    order = {p.id: k for k, p in enumerate(scenario.parties)}
    issues = {i.id: k for k, i in enumerate(scenario.issues)}
    out.sort(key=lambda c: (round(c.estimated_gap, 6), c.amount, order[c.party], issues[c.source], issues[c.target]))
    return out


def best_weight_change(scenario: Scenario, played: Sequence[Played], games: int, seed: int,
                       strategies: Sequence[str] | None, verify: int = VERIFY,
                       progress: Progress | None = None) -> WeightChange | None:
    """The verified weight move that brings the mean points closest, if it narrows the gap."""
    means = mean_points(scenario, played)
    gap = _gap(means)
    candidates = [c for c in weight_candidates(scenario, played) if c.estimated_gap < gap - 0.5][:verify]
    best: WeightChange | None = None
    for c in candidates:
        after = mean_points(scenario, play_all(c.apply(scenario), games, seed, strategies, progress))
        checked = WeightChange(c.party, c.source, c.target, c.amount, c.weights_before, means, after, c.estimated_gap)
        if checked.gap_after < gap - 0.5 and (best is None or checked.gap_after < best.gap_after - 1e-9):
            best = checked
    return best


# -- everything together -------------------------------------------------------------


@dataclass
class Balance:
    scenario: Scenario
    strategies: list[str]
    games: int
    seed: int
    target: float
    played: list[Played]
    roles: list[Role]
    analysis: Analysis
    zone_changes: list[WalkAwayChange] = field(default_factory=list)
    weight_change: WeightChange | None = None

    @property
    def party_ids(self) -> list[str]:
        return self.scenario.party_ids

    @property
    def deal_zone_count(self) -> int:
        return int(len(self.analysis.deal_zone))

    @property
    def deal_zone_share(self) -> float:
        return self.deal_zone_count / self.analysis.outcome_count

    @property
    def red_line_shares(self) -> dict[str, float]:
        """Per party with red lines: the share of all packages that cross one of them."""
        a = self.analysis
        return {pid: float(a.book.red_line_mask(pid).mean()) for pid in self.party_ids if a.book.red_lines.get(pid)}

    @property
    def red_line_share(self) -> float:
        """The share of all packages that cross anybody's red line."""
        return float(self.analysis.red_line_mask.mean())

    @property
    def zone_share_without_red_lines(self) -> float:
        """The deal zone's share if no red line counted: what red lines take away is the difference."""
        a = self.analysis
        return float(deal_zone_mask(a.points, a.walk_away, a.tol).mean())

    @property
    def narrowed_by_red_lines(self) -> bool:
        """The deal zone is below the target band, and red lines (not walk-away values) keep it there:
        without them it would reach the band."""
        return (self.deal_zone_share < self.target - ZONE_SLACK
                and self.zone_share_without_red_lines >= self.target - ZONE_SLACK)

    @property
    def agreements(self) -> int:
        return sum(1 for g in self.played if g.agreement is not None)

    @property
    def nash(self) -> Point | None:
        return self.analysis.nash

    @property
    def historical(self) -> Position | None:
        return self.analysis.historical

    @property
    def points_gap(self) -> float:
        return _gap([r.mean_points for r in self.roles])

    @property
    def win_rate_gap(self) -> float:
        return _gap([r.win_rate for r in self.roles])

    @property
    def points_even(self) -> bool:
        return self.points_gap <= POINTS_GAP_OK and self.win_rate_gap <= WIN_RATE_GAP_OK

    @property
    def zone_ok(self) -> bool:
        return abs(self.deal_zone_share - self.target) <= ZONE_SLACK

    @property
    def balanced(self) -> bool:
        return self.points_even and self.zone_ok

    @property
    def zone_suggestions(self) -> list[WalkAwayChange]:
        """The walk-away changes worth proposing: only when the share is outside the band, and they help."""
        if self.zone_ok:
            return []
        now = abs(self.deal_zone_share - self.target)
        return [c for c in self.zone_changes if c.after != c.before and abs(c.share_after - self.target) < now]

    def to_json(self) -> dict:
        hist = self.historical
        return {
            "scenario": self.scenario.id,
            "strategies": list(self.strategies),
            "games_per_pairing": self.games,
            "seed": self.seed,
            "games": len(self.played),
            "agreements": self.agreements,
            "agreement_rate": round(self.agreements / len(self.played), 4) if self.played else None,
            "roles": {r.party: r.to_json() for r in self.roles},
            "points_gap": round(self.points_gap, 4),
            "win_rate_gap": round(self.win_rate_gap, 4),
            "deal_zone": {"count": self.deal_zone_count, "packages": self.analysis.outcome_count,
                          "share": round(self.deal_zone_share, 6), "target": self.target,
                          "band": [round(max(0.0, self.target - ZONE_SLACK), 6),
                                   round(min(1.0, self.target + ZONE_SLACK), 6)]},
            "nash": None if self.nash is None else self.nash.to_json(),
            "historical": None if hist is None else {
                **hist.point.to_json(), "in_deal_zone": hist.in_deal_zone,
                "distance_to_nash": None if hist.distance_to_nash is None else number(hist.distance_to_nash)},
            "balanced": self.balanced,
            "points_even": self.points_even,
            "deal_zone_ok": self.zone_ok,
            "red_lines": {"share": round(self.red_line_share, 6),
                          "by_party": {p: round(v, 6) for p, v in self.red_line_shares.items()},
                          "deal_zone_share_without": round(self.zone_share_without_red_lines, 6),
                          "narrow_the_deal_zone": self.narrowed_by_red_lines},
            "walk_away_what_if": [c.to_json() for c in self.zone_changes],
            "suggestions": {
                "walk_away": [c.to_json() for c in self.zone_suggestions],
                "weights": None if self.weight_change is None else self.weight_change.to_json(self.party_ids),
            },
            "pairings": _pairings(self.played, self.party_ids),
            "thresholds": {"points_gap": POINTS_GAP_OK, "win_rate_gap": WIN_RATE_GAP_OK,
                           "zone_slack": ZONE_SLACK, "win_tolerance": WIN_TOL},
        }


def _pairings(played: Sequence[Played], party_ids: Sequence[str]) -> list[dict]:
    groups: dict[tuple[str, ...], list[Played]] = {}
    for g in played:
        groups.setdefault(g.strategies, []).append(g)
    out = []
    for strategies, games in groups.items():
        out.append({"strategies": dict(zip(party_ids, strategies)), "games": len(games),
                    "agreements": sum(1 for g in games if g.agreement is not None),
                    "mean_points": {p: round(float(np.mean([g.points[k] for g in games])), 4)
                                    for k, p in enumerate(party_ids)},
                    "wins": {p: sum(1 for g in games if g.winner == k) for k, p in enumerate(party_ids)}})
    return out


def measure(scenario: Scenario, games: int = DEFAULT_GAMES, seed: int = 0, strategies: Sequence[str] | None = None,
            target: float = ZONE_TARGET, verify: int = VERIFY, progress: Progress | None = None) -> Balance:
    """Play the AI pairings, map the outcome space and work out the what-if suggestions."""
    analysis = Analysis(scenario)  # SpaceTooLarge before any game is played
    names = list(strategies) if strategies is not None else registry.names()
    played = play_all(scenario, games, seed, names, progress)
    result = Balance(scenario, names, games, seed, target, played, roles(scenario, played), analysis)
    result.zone_changes = [walk_away_for_share(analysis, pid, target) for pid in scenario.party_ids]
    if not result.points_even and result.points_gap > POINTS_GAP_OK:
        result.weight_change = best_weight_change(scenario, played, games, seed, names, verify, progress)
    return result
