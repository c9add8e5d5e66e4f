"""Patterns in one side's play, for the debrief: what a teacher would point out, with the rounds.

    found = patterns(scenario, session.log, "russia")   # -> [Pattern, ...] in round order

Measured in the side's own points as things stood when it moved (the log's
events are replayed), against its range: its first offer minus its walk-away
value then. A concession is an offer worth at least `MOVE` of that range less
than its first.

- `no_concessions`: it made at least `MIN_OFFERS` offers and none of them was a
  concession (rounds: its first and last offer);
- `waited_for_deadline`: it made at least `MIN_OFFERS` offers, conceded nothing
  before the last `LATE` rounds, and then conceded or accepted there (rounds: the
  last offer it held firm with, and the round it gave way); holding firm to the
  end without accepting is `no_concessions`;
- `claim_contradicted`: it said "we cannot accept X" and later proposed a package
  with X itself (rounds: when it said it, when it offered X).

Pure: no clock, no randomness; the same log gives the same patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.negotiation.moves import Statement, StatementKind
from game.rules import Rulebook, Standing
from game.scenario.model import Scenario

MIN_OFFERS = 3
MOVE = 0.1   # share of its range that counts as a concession
LATE = 2     # the last rounds


@dataclass(frozen=True)
class Pattern:
    kind: str                   # no_concessions | waited_for_deadline | claim_contradicted
    rounds: tuple[int, ...]
    issue: str | None = None    # for claim_contradicted
    option: str | None = None


def patterns(scenario: Scenario, log: list[dict], party: str, book: Rulebook | None = None) -> list[Pattern]:
    book = book or Rulebook(scenario)
    events = {e.id: e for e in scenario.events}
    standing = Standing.initial(scenario)
    scorers: dict[Standing, object] = {}
    offers: list[tuple[int, float, float]] = []   # (round, my points, my walk-away) per own offer
    refusals: dict[tuple[str, str], int] = {}     # (issue, option) -> round said
    contradicted: list[Pattern] = []
    gave_way = None                                # the round it accepted
    for record in log:
        kind = record.get("type")
        if kind == "event" and record.get("event") in events:
            for effect in events[record["event"]].effects:
                standing = standing.apply(effect, scenario)
        if kind != "move" or record.get("party") != party:
            continue
        move = record["move"]
        if move["kind"] == "say":
            said = Statement.from_json(move["statement"])
            if said.kind is StatementKind.CANNOT_ACCEPT:
                refusals.setdefault((said.issue, said.option), record["round"])
        elif move["kind"] == "propose":
            package = book.to_indexes(move["package"])
            scorer = scorers.get(standing) or scorers.setdefault(standing, book.scorer(standing))
            offers.append((record["round"], scorer.points(party, package), standing.walk_away(party)))
            for pair in move["package"].items():
                if pair in refusals and not any(p.issue == pair[0] and p.option == pair[1] for p in contradicted):
                    contradicted.append(Pattern("claim_contradicted", (refusals[pair], record["round"]), *pair))
        elif move["kind"] == "accept":
            gave_way = record["round"]
    return _holding(scenario, offers, gave_way) + contradicted


def _holding(scenario: Scenario, offers: list[tuple[int, float, float]], accepted: int | None) -> list[Pattern]:
    if len(offers) < MIN_OFFERS:
        return []
    first_round, first, walk_away = offers[0]
    step = MOVE * max(first - walk_away, 1e-9)
    moved = [r for r, v, _w in offers if v < first - step]
    late = scenario.protocol.rounds - LATE + 1
    if not moved:
        if accepted is not None and accepted >= late:
            return [Pattern("waited_for_deadline", (offers[-1][0], accepted))]
        return [Pattern("no_concessions", (first_round, offers[-1][0]))]
    if moved[0] < late:
        return []
    held = max(r for r, _v, _w in offers if r < moved[0])
    return [Pattern("waited_for_deadline", (held, moved[0]))]
