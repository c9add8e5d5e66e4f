"""Scripted students for the exploit suite (tests/test_exploits.py, benchmarks/bench_exploits.py).

Each student plays one party against an AI. Unlike a strategy it may look at the
whole session (the ultimatum student knows the AI's points table, as a student
would after one debrief or one look at the other role sheet). The students:

- `hardliner`: proposes its own best package every turn and never accepts;
- `stonewall`: the same, but at its last turn accepts whatever stands if that
  beats its walk-away value;
- `ultimatum`: hardlines, then in the last round the AI can still answer offers
  the package best for itself that leaves the AI its walk-away value + 0.5
  (full knowledge of the AI's table and red lines); at its last turn it accepts
  what stands if that beats its walk-away value;
- `mirror`: an honest reciprocating student: concedes, in its own points, as far
  as the AI's offers have moved towards it, plus 5% of its range a turn; offers
  at that level the package the AI likely values most (a frequency model of the
  AI's offers); accepts an offer worth its target, and at its last turn anything
  above its walk-away value; says truthfully what matters most and refuses only
  options it truly cannot accept (the AI's own statement policy, honest);
- `fake_priorities`: the mirror, but it names its least important issue as the one
  that matters most and its most important as one that matters little;
- `fake_refusals`: the mirror, but every turn it says "we cannot accept" to the
  options of the AI's latest offer it does not rank first (false for most of
  them, by the game's own truth check), and nothing else;
- `true_priorities`, `true_refusals`: the honest twins of the two liars (`HONEST_TWIN`):
  the same two priority claims told truly; "we cannot accept" said, the same way,
  only to the options of the AI's latest offer it values least on their issue (true);
- `random_rational`: proposes a random package above a random, falling
  threshold and accepts an offer above it (anything above walk-away at its last turn).

`play(scenario, book, student, ai, role, seed)` plays one game and returns a `Game`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from game.agents import registry
from game.agents.base import TOL, Own, decide
from game.agents.opponent import Watcher, best_for_them
from game.agents.statements import StatementPolicy
from game.negotiation.moves import Move, MoveKind, Statement, StatementKind
from game.negotiation.session import Session

STUDENTS = ["hardliner", "stonewall", "ultimatum", "mirror", "true_priorities", "fake_priorities", "true_refusals",
            "fake_refusals", "random_rational"]

# Each lie against the same play with true statements: the fake priorities against the same two claims
# told truly, the fake refusals against the same refusals of the AI's offers told truly. (Not the mirror:
# it also says what matters most and answers "what matters to you?", which changes the AI's offers and so
# the mirror's own concessions; the lie is what is measured here.)
HONEST_TWIN = {"fake_priorities": "true_priorities", "fake_refusals": "true_refusals"}


def my_own(session: Session, me: str) -> Own:
    u = session.scorer().party_points(me)
    w = session.standing.walk_away(me)
    red = np.asarray(session.book.red_line_mask(me))
    return Own(u, w, red, bool(red.any()))


def best_ai_would_take(session: Session, me: str) -> float:
    """My best points among the packages the AI may accept (above its walk-away value, inside its
    red lines), as things stand at the end of the game."""
    ai = session.scenario.other(me)
    scorer = session.scorer()
    theirs = scorer.party_points(ai)
    ok = (theirs > session.standing.walk_away(ai) + TOL) & ~np.asarray(session.book.red_line_mask(ai))
    mine = scorer.party_points(me)
    return float(mine[ok].max()) if ok.any() else session.standing.walk_away(me)


class Student:
    def __init__(self, kind: str, seed: int):
        self.kind = kind
        self.rng = random.Random(f"student:{kind}:{seed}")
        self.watcher = Watcher()
        self.turns = 0
        self.policy = StatementPolicy(talk=kind in ("mirror",), honest=True)
        self.claimed = False
        self.refused: set[tuple[str, str]] = set()

    # -- helpers -------------------------------------------------------------------
    @staticmethod
    def last_turn(session: Session, me: str) -> bool:
        return session.round >= session.rounds and session.opener != me

    @staticmethod
    def last_answerable(session: Session, me: str) -> bool:
        """My proposal now is the last one the AI can still answer."""
        if session.opener == me:
            return session.round >= session.rounds
        return session.round == session.rounds - 1

    def propose(self, session: Session, me: str, row: int) -> Move:
        return Move.propose(me, session.book.to_ids(session.book.space.package(int(row))))

    def standing_points(self, session: Session, me: str) -> float | None:
        offer = session.standing_offer
        return None if offer is None else session.scorer().points(me, offer.package)

    # -- a turn ----------------------------------------------------------------------
    def moves(self, session: Session, me: str) -> list[Move]:
        own = my_own(session, me)
        best_row = int(own.rows[int(np.argmax(own.u_rows))])
        offered = self.standing_points(session, me)
        last = self.last_turn(session, me)
        self.turns += 1
        if self.kind == "hardliner":
            return [self.propose(session, me, best_row)]
        if self.kind in ("stonewall", "ultimatum"):
            if last and offered is not None and offered > own.walk_away + TOL:
                return [Move.accept(me)]
            if self.kind == "ultimatum" and self.last_answerable(session, me):
                return [self.propose(session, me, self.ultimatum_row(session, me, own))]
            return [self.propose(session, me, best_row)]
        if self.kind == "random_rational":
            threshold = own.best - (own.best - own.walk_away) * self.rng.uniform(0, self.progress(session))
            if offered is not None and (offered >= threshold or (last and offered > own.walk_away + TOL)):
                return [Move.accept(me)]
            rows = own.at_least(threshold)
            return [self.propose(session, me, rows[self.rng.randrange(rows.size)])]
        return self.reciprocate(session, me, own, offered, last)

    @staticmethod
    def progress(session: Session) -> float:
        return (session.round - 1) / max(1, session.rounds - 1)

    def ultimatum_row(self, session: Session, me: str, own: Own) -> int:
        ai = session.scenario.other(me)
        theirs = session.scorer().party_points(ai)
        ok = own.ok & (theirs >= session.standing.walk_away(ai) + 0.5) & ~np.asarray(session.book.red_line_mask(ai))
        if not ok.any():
            return int(own.rows[int(np.argmax(own.u_rows))])
        rows = np.flatnonzero(ok)
        return int(rows[int(np.argmax(own.u[rows]))])

    def reciprocate(self, session: Session, me: str, own: Own, offered: float | None, last: bool) -> list[Move]:
        view = session.view(me)
        model = self.watcher.update(view)
        their = [session.scorer().points(me, p) for p in model.offers]
        span = own.best - own.walk_away
        moved = (max(their) - their[0]) if their else 0.0
        target = own.best - min(span, moved + 0.05 * span * (self.turns - 1))
        if offered is not None and (offered >= target - 1e-9 or (last and offered > own.walk_away + TOL)):
            return [Move.accept(me)]
        says = [Move(me, MoveKind.SAY, statement=s) for s in self.statements(session, me, view)]
        row = best_for_them(own, model, max(target, own.walk_away + TOL))
        row = int(own.rows[int(np.argmax(own.u_rows))]) if row is None else row
        return says + [self.propose(session, me, row)]

    def statements(self, session: Session, me: str, view) -> list[Statement]:
        if self.kind == "mirror":
            return self.policy.statements(view)
        issues = session.scenario.issues
        out: list[Statement] = []
        if self.kind in ("fake_priorities", "true_priorities") and not self.claimed:
            weights = list(view.weights.values())
            order = sorted(range(len(weights)), key=lambda j: (weights[j], j))
            if self.kind == "true_priorities":  # the same two claims, told truly: the liar's honest twin
                order = order[::-1]
            out = [Statement(StatementKind.MATTERS_MOST, issues[order[0]].id),
                   Statement(StatementKind.MATTERS_LITTLE, issues[order[-1]].id)]
            self.claimed = True
        if self.kind in ("fake_refusals", "true_refusals") and session.standing_offer is not None:
            for j, k in enumerate(session.standing_offer.package):
                values = [view.value(j, o) for o in range(len(issues[j].options))]
                key = (issues[j].id, issues[j].options[k].id)
                # the liar refuses every option it does not rank first; its twin only those it values least
                refuse = values[k] < max(values) if self.kind == "fake_refusals" else values[k] <= min(values)
                if refuse and key not in self.refused and len(out) < 3:
                    self.refused.add(key)
                    out.append(Statement(StatementKind.CANNOT_ACCEPT, *key))
        return out


@dataclass(frozen=True)
class Game:
    points: float          # the student's points (its walk-away value when there is no deal)
    best: float            # its best points among the packages the AI may accept
    agreement: bool
    ai_margin: float       # the AI's points above its walk-away value (0 without a deal)
    distance: float | None  # the deal's distance to the Pareto frontier (None without a deal)


def play(scenario, book, student: str, ai: str, role: str, seed: int, scorers: dict | None = None,
         analyses: dict | None = None) -> tuple[Game, Session]:
    """One game: `student` plays party `role`; `ai` is a strategy name or "persona" (the AI party's
    persona with its parameters)."""
    session = Session(scenario, seed, book, scorers=scorers)
    ai_party = scenario.other(role)
    persona = scenario.party(ai_party).persona
    name, params = (persona.strategy, persona.params) if ai == "persona" else (ai, None)
    agent = registry.create(name, params, seed, ai_party)
    pupil = Student(student, seed)
    while not session.finished:
        party = session.turn
        moves = pupil.moves(session, party) if party == role else decide(agent, session.view(party))
        for move in moves:
            session.apply(move)
    outcome = session.outcome
    assert outcome is not None
    deal = outcome.agreement is not None
    distance = None
    if deal and analyses is not None:
        from game.analysis import Analysis
        analysis = analyses.get(session.standing)
        if analysis is None:
            analysis = analyses[session.standing] = Analysis(book, session.standing)
        distance = analysis.position(outcome.agreement).distance_to_frontier
    margin = outcome.points[ai_party] - session.standing.walk_away(ai_party) if deal else 0.0
    return Game(outcome.points[role], best_ai_would_take(session, role), deal, margin, distance), session
