"""Round-robin tournaments: every strategy against every other, in both roles.

    t = Tournament(scenario, ["boulware", "modeller"], games=20, seed=0)
    records = t.run()            # one record per (strategy of party A, strategy of party B)
    summary = summarize(records) # per strategy, over all its games

The entrants are strategy names (default parameters) and scenario personas,
`persona:PARTY`: that party's persona strategy with the persona's parameters,
as the game plays it (it may sit in either seat). By default every registered
strategy and every persona of the scenario take part. For every ordered pair
(X, Y), self-play included, X plays the scenario's first party and Y the second,
in `games` games with seeds seed .. seed + games - 1. Each gets its generator
from the game seed exactly as `parley run --seed` gives it. Games run without
transcripts, all on one shared `Rulebook`.

A pair record (JSON object, CSV row; `FIELDS` in order):

- party_a, strategy_a, party_b, strategy_b, games;
- agreements, agreement_rate;
- mean_points_a, mean_points_b: over all games (a game without a deal counts the
  walk-away values);
- mean_distance_to_frontier, mean_distance_to_nash: Euclidean, in points, over the
  agreements only (empty when there were none; the Nash distance is empty when
  the deal zone is empty); measured in the standing the game ended in;
- mean_rounds: the round each game ended in.

The `Analysis` (frontier, Nash) is computed once per distinct final standing
(once per scenario when no event changed anything), never per game.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from game.agents import registry
from game.agents.base import decide
from game.analysis import Analysis
from game.negotiation.session import Session
from game.rules import Rulebook, Standing
from game.scenario.model import Scenario

FIELDS = ["party_a", "strategy_a", "party_b", "strategy_b", "games", "agreements", "agreement_rate",
          "mean_points_a", "mean_points_b", "mean_distance_to_frontier", "mean_distance_to_nash", "mean_rounds"]

Progress = Callable[[int, int], None]  # (games done, games in all)


@dataclass(frozen=True)
class Game:
    """The figures of one game."""

    seed: int
    agreement: bool
    points: tuple[float, float]
    rounds: int
    distance_to_frontier: float | None
    distance_to_nash: float | None


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 6) if values else None


PERSONA = "persona:"


def personas(scenario: Scenario) -> list[str]:
    """The scenario's personas as entrants: `persona:PARTY`, in party order."""
    return [PERSONA + pid for pid in scenario.party_ids]


def entrant(scenario: Scenario, name: str) -> tuple[str, Mapping[str, Any] | None]:
    """(strategy, parameters) of an entrant: a strategy name, or `persona:PARTY`."""
    if name.startswith(PERSONA):
        persona = scenario.party(name[len(PERSONA):]).persona
        return persona.strategy, persona.params
    return name, None


class Tournament:
    def __init__(self, scenario: Scenario, strategies: Iterable[str] | None = None, games: int = 10, seed: int = 0):
        self.scenario = scenario
        self.strategies = list(strategies) if strategies is not None else registry.names() + personas(scenario)
        self.games = games
        self.seed = seed
        self.book = Rulebook(scenario)
        self.parties = scenario.party_ids
        self._analyses: dict[Standing, Analysis] = {}
        self._scorers: dict = {}  # shared by every game's session: scoring depends on the standing only

    def analysis(self, standing: Standing) -> Analysis:
        found = self._analyses.get(standing)
        if found is None:
            found = self._analyses[standing] = Analysis(self.book, standing)
        return found

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [(a, b) for a in self.strategies for b in self.strategies]

    def play(self, a: str, b: str, seed: int) -> Game:
        """One game: strategy `a` as the first party, `b` as the second."""
        session = play_ai_game(self.scenario, self.book, (a, b), seed, self._scorers)
        outcome = session.outcome
        assert outcome is not None
        points = (outcome.points[self.parties[0]], outcome.points[self.parties[1]])
        frontier = nash = None
        if outcome.agreement is not None:
            position = self.analysis(session.standing).position(outcome.agreement)
            frontier, nash = position.distance_to_frontier, position.distance_to_nash
        return Game(seed, outcome.agreement is not None, points, session.round, frontier, nash)

    def record(self, a: str, b: str, games: Sequence[Game]) -> dict:
        deals = [g for g in games if g.agreement]
        n = len(games)
        return {
            "party_a": self.parties[0], "strategy_a": a, "party_b": self.parties[1], "strategy_b": b,
            "games": n,
            "agreements": len(deals),
            "agreement_rate": round(len(deals) / n, 6) if n else None,
            "mean_points_a": _mean([g.points[0] for g in games]),
            "mean_points_b": _mean([g.points[1] for g in games]),
            "mean_distance_to_frontier": _mean([g.distance_to_frontier for g in deals
                                                if g.distance_to_frontier is not None]),
            "mean_distance_to_nash": _mean([g.distance_to_nash for g in deals if g.distance_to_nash is not None]),
            "mean_rounds": _mean([g.rounds for g in games]),
        }

    def run(self, progress: Progress | None = None) -> list[dict]:
        total, done = len(self.pairs) * self.games, 0
        records = []
        for a, b in self.pairs:
            games = []
            for seed in range(self.seed, self.seed + self.games):
                games.append(self.play(a, b, seed))
                done += 1
                if progress is not None:
                    progress(done, total)
            records.append(self.record(a, b, games))
        return records


def summarize(records: Sequence[dict]) -> list[dict]:
    """Per strategy, over all its games in either role (a self-play game counts once for the deal
    and its distances, and both sides' points count as the strategy's points)."""
    out = []
    names: list[str] = []
    for r in records:
        for name in (r["strategy_a"], r["strategy_b"]):
            if name not in names:
                names.append(name)
    for name in names:
        games = deals = 0
        points: list[tuple[float, int]] = []
        frontier: list[tuple[float, int]] = []
        nash: list[tuple[float, int]] = []
        for r in records:
            sides = [k for k, key in ((r["mean_points_a"], "strategy_a"), (r["mean_points_b"], "strategy_b"))
                     if r[key] == name]
            if not sides:
                continue
            games += r["games"]
            deals += r["agreements"]
            points += [(p, r["games"]) for p in sides]
            if r["mean_distance_to_frontier"] is not None:
                frontier.append((r["mean_distance_to_frontier"], r["agreements"]))
            if r["mean_distance_to_nash"] is not None:
                nash.append((r["mean_distance_to_nash"], r["agreements"]))
        out.append({"strategy": name, "games": games, "agreements": deals,
                    "agreement_rate": round(deals / games, 6) if games else None,
                    "mean_points": _weighted(points), "mean_distance_to_frontier": _weighted(frontier),
                    "mean_distance_to_nash": _weighted(nash)})
    return out


def _weighted(pairs: list[tuple[float, int]]) -> float | None:
    weight = sum(w for _v, w in pairs)
    return round(sum(v * w for v, w in pairs) / weight, 6) if weight else None


def to_csv(records: Sequence[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: ("" if r[k] is None else r[k]) for k in FIELDS})
    return out.getvalue()


def play_ai_game(scenario: Scenario, book: Rulebook, strategies: tuple[str, str], seed: int,
                 scorers: dict | None = None) -> Session:
    """One AI-vs-AI game, without a transcript: entrants (strategy names with their default parameters, or
    `persona:PARTY`) in scenario party order."""
    session = Session(scenario, seed, book, scorers=scorers)
    agents = {pid: registry.create(*entrant(scenario, name), seed, pid) for pid, name in zip(scenario.party_ids, strategies)}
    while not session.finished:
        party = session.turn
        for move in decide(agents[party], session.view(party)):
            session.apply(move)
    return session
