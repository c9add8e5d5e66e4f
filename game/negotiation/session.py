"""A negotiation between two parties: alternating offers of complete packages.

Rounds, not clocks: a round is one turn of each party, the opener first. A turn is
any number of statements (up to `MAX_STATEMENTS_PER_TURN`) and then exactly one of
propose, accept (the other side's standing offer) or walk away. After the last
round the deadline ends the talks with no deal. Events with `at_round` fire at
the start of their round; events with `when` fire once, right after a proposal
that satisfies them. Each effect changes the `Standing` (walk-away values,
weights) and nothing else.

`apply(move)` checks a move and either refuses it (`IllegalMove`, nothing changed)
or records it. Every record goes to `log` and to the listeners (the transcript
writer, the client). `view(party)` hands a strategy or a screen the read-only
`PartyView`. The session has a seeded generator and no clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Callable

from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _
from game.negotiation.moves import Move, MoveKind, Statement
from game.rules import Outcome, Rulebook, Scorer, Standing
from game.rules.conditions import compile_condition
from game.scenario.model import Scenario

MAX_STATEMENTS_PER_TURN = 3

Listener = Callable[[dict], None]


class IllegalMove(ParleyError):
    """A move the rules do not allow now; the session is unchanged. `move` is the refused move."""

    move: "Move | None" = None

    @property
    def reason(self) -> str:
        return self.problems[0].message


@dataclass(frozen=True)
class Offer:
    round: int
    party: str
    package: tuple  # option indexes, scenario issue order


@dataclass(frozen=True)
class Said:
    round: int
    party: str
    statement: Statement


@dataclass(frozen=True)
class Fired:
    round: int
    event: str


class Session:
    def __init__(self, scenario: Scenario, seed: int = 0, book: Rulebook | None = None,
                 scorers: dict[Standing, Scorer] | None = None):
        self.scenario = scenario
        self.seed = seed
        self.book = book or Rulebook(scenario)
        self.rng = random.Random(seed)
        self.rounds = scenario.protocol.rounds
        self.opener = scenario.protocol.opens
        self.order = [self.opener, scenario.other(self.opener)]
        self.round = 1
        self.turn = self.opener
        self.standing = Standing.initial(scenario)
        self.offers: list[Offer] = []
        self.statements: list[Said] = []
        self.fired: list[Fired] = []
        self.log: list[dict] = []
        self.listeners: list[Listener] = []
        self.outcome: Outcome | None = None
        self.ended_by: str | None = None
        self._said_this_turn = 0
        self._scorers: dict[Standing, Scorer] = {} if scorers is None else scorers  # shareable: same book
        self._when = [(e, compile_condition(e.when, scenario)) for e in scenario.events if e.when is not None]
        self._fire_round_events()

    # -- state ------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.ended_by is not None

    @property
    def standing_offer(self) -> Offer | None:
        """The latest proposal, if it came from the party not on turn (it can be accepted)."""
        if self.offers and self.offers[-1].party != self.turn:
            return self.offers[-1]
        return None

    @property
    def moves_made(self) -> int:
        return sum(1 for r in self.log if r["type"] == "move")

    def fired_for(self, party: str) -> tuple[Fired, ...]:
        """The events `party` has heard: those for both sides and its own (see `Event.audience`)."""
        seen = {e.id for e in self.scenario.events if e.seen_by(party)}
        return tuple(f for f in self.fired if f.event in seen)

    def scorer(self) -> Scorer:
        """The scorer for the current standing (cached: events change it rarely)."""
        scorer = self._scorers.get(self.standing)
        if scorer is None:
            scorer = self._scorers[self.standing] = self.book.scorer(self.standing)
        return scorer

    def view(self, party: str):
        from game.negotiation.view import PartyView
        return PartyView(self, party)

    def subscribe(self, listener: Listener) -> None:
        self.listeners.append(listener)

    def _emit(self, record: dict) -> None:
        self.log.append(record)
        for listener in self.listeners:
            listener(record)

    # -- checking ---------------------------------------------------------------
    def _refuse(self, message: str, suggestion: str = "", hint: str = "") -> None:
        raise IllegalMove([Problem(message, suggestion=suggestion, hint=hint, code="illegal-move")])

    def package_indexes(self, package: dict[str, str]) -> tuple:
        """Check a proposed package and turn it into option indexes (or refuse)."""
        if len(package) == len(self.scenario.issues):  # the usual case, at once: one known option an issue
            try:
                return self.book.to_indexes(package)
            except (KeyError, TypeError):
                pass  # an unknown issue or option: the reason below
        issues = {i.id: i for i in self.scenario.issues}
        for issue_id, option_id in package.items():
            if issue_id not in issues:
                self._refuse(_("'{id}' is not an issue of this scenario").format(id=issue_id),
                             suggestion=did_you_mean(issue_id, issues))
            options = [o.id for o in issues[issue_id].options]
            if option_id not in options:
                self._refuse(_("'{option}' is not an option of issue '{issue}'").format(option=option_id, issue=issue_id),
                             suggestion=did_you_mean(option_id, options))
        missing = [i for i in issues if i not in package]
        if missing:
            self._refuse(_("the package has no option for: {issues}").format(issues=", ".join(missing)),
                         hint=_("a proposal names one option for every issue"))
        return self.book.to_indexes(package)

    def check(self, move: Move) -> tuple | None:
        """Refuse an illegal move with its reason; return the package indexes of a proposal."""
        if self.finished:
            self._refuse({"accept": _("the negotiation is over: an agreement was reached"),
                          "walkaway": _("the negotiation is over: a party walked away"),
                          "deadline": _("the negotiation is over: the deadline passed")}[self.ended_by or "deadline"])
        if move.party not in self.order:
            self._refuse(_("'{id}' is not a party of this scenario").format(id=move.party),
                         suggestion=did_you_mean(move.party, self.order))
        if move.party != self.turn:
            self._refuse(_("it is not {party}'s turn: {turn} moves now").format(party=move.party, turn=self.turn))
        if move.kind is MoveKind.PROPOSE:
            if move.package is None:
                self._refuse(_("a proposal needs a package"))
            return self.package_indexes(move.offer)
        if move.kind is MoveKind.ACCEPT and self.standing_offer is None:
            self._refuse(_("there is no offer from the other side to accept"))
        if move.kind is MoveKind.SAY:
            self._check_statement(move.statement)
        return None

    def _check_statement(self, statement: Statement | None) -> None:
        if statement is None:
            self._refuse(_("a statement needs a kind"))
            return
        if self._said_this_turn >= MAX_STATEMENTS_PER_TURN:
            self._refuse(_("at most {n} statements per turn").format(n=MAX_STATEMENTS_PER_TURN))
        issues = {i.id: i for i in self.scenario.issues}
        if statement.kind.needs_issue:
            if statement.issue not in issues:
                self._refuse(_("this statement needs an issue of this scenario"),
                             suggestion=did_you_mean(str(statement.issue), issues))
            if statement.kind.needs_option:
                options = [o.id for o in issues[statement.issue].options]
                if statement.option not in options:
                    self._refuse(_("this statement needs an option of issue '{issue}'").format(issue=statement.issue),
                                 suggestion=did_you_mean(str(statement.option), options))
            elif statement.option is not None:
                self._refuse(_("this statement takes no option"))
        elif statement.issue is not None or statement.option is not None:
            self._refuse(_("this statement takes no issue or option"))
        if statement.kind.needs_round:
            if not isinstance(statement.since, int) or isinstance(statement.since, bool) \
                    or not 1 <= statement.since <= self.round:
                self._refuse(_("this statement needs a round from 1 to {n}").format(n=self.round))
        elif statement.since is not None:
            self._refuse(_("this statement takes no round"))

    # -- moving -----------------------------------------------------------------
    def apply(self, move: Move) -> dict:
        """Apply a legal move and return its record; an illegal move raises IllegalMove."""
        try:
            indexes = self.check(move)
        except IllegalMove as exc:
            exc.move = move
            raise
        record: dict[str, Any] = {"type": "move", "round": self.round, "party": move.party, "move": move.to_json()}
        self._emit(record)
        if move.kind is MoveKind.SAY:
            assert move.statement is not None
            self.statements.append(Said(self.round, move.party, move.statement))
            self._said_this_turn += 1
        elif move.kind is MoveKind.PROPOSE:
            self.offers.append(Offer(self.round, move.party, indexes))
            self._fire_when_events(indexes)
            self._next_turn()
        elif move.kind is MoveKind.ACCEPT:
            offer = self.standing_offer
            assert offer is not None
            self._end("accept", self.scorer().score(offer.package))
        else:
            self._end("walkaway", self.scorer().no_deal())
        return record

    def _next_turn(self) -> None:
        self._said_this_turn = 0
        if self.turn == self.order[0]:
            self.turn = self.order[1]
            return
        self.turn = self.order[0]
        if self.round >= self.rounds:
            self._end("deadline", self.scorer().no_deal())
            return
        self.round += 1
        self._fire_round_events()

    def _fire(self, event) -> None:
        for effect in event.effects:
            self.standing = self.standing.apply(effect, self.scenario)
        self.fired.append(Fired(self.round, event.id))
        self._emit({"type": "event", "round": self.round, "event": event.id})

    def _fire_round_events(self) -> None:
        for event in self.scenario.events:
            if event.at_round == self.round:
                self._fire(event)

    def _fire_when_events(self, package: tuple) -> None:
        done = {f.event for f in self.fired}
        for event, compiled in self._when:
            if event.id not in done and compiled.predicate(package):
                self._fire(event)

    def _end(self, how: str, outcome: Outcome) -> None:
        self.ended_by = how
        self.outcome = outcome
        self._emit({"type": "end", "round": self.round, "ended_by": how, "result": self.result()})

    # -- results ----------------------------------------------------------------
    def result(self) -> dict[str, Any]:
        """The result in the shape `parley run --json` prints."""
        outcome = self.outcome
        return {
            "scenario": self.scenario.id,
            "seed": self.seed,
            "agreement": outcome.agreement if outcome else None,
            "ended_by": self.ended_by,
            "rounds": self.round,
            "scores": {p: round(v, 6) for p, v in outcome.points.items()} if outcome else {},
            "walk_away": {p: self.standing.walk_away(p) for p in self.order},
            "indicators": {k: round(v, 6) for k, v in outcome.indicators.items()} if outcome else {},
            "tags": list(outcome.tags) if outcome else [],
            "events": [f.event for f in self.fired],
        }
