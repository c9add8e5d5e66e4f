"""Properties every registered strategy keeps, on generated scenarios and random seeds.

- it never proposes or accepts a package at or below its own walk-away value (as the
  standing is at that moment), nor one across its own red lines;
- the game ends by the deadline;
- the same seed gives the same transcript;
- against a player making random legal moves (and random statements) it never crashes.

(An offer made before an event lowered its value can still be accepted by the other
side afterwards: the protocol has no withdrawing, so that is not checked.)
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.agents import registry
from game.agents.base import decide
from game.negotiation.moves import Move, StatementKind
from game.negotiation.session import MAX_STATEMENTS_PER_TURN, Session
from tests.gen import scenarios

NAMES = registry.names()
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def random_turn(session: Session, rng: random.Random) -> list[Move]:
    """Random legal moves for the party on turn: a few statements, then accept, walk away or propose."""
    party = session.turn
    issues = session.scenario.issues
    moves = []
    for _ in range(rng.randrange(MAX_STATEMENTS_PER_TURN + 1)):
        kind = rng.choice(list(StatementKind))
        issue = rng.choice(issues) if kind.needs_issue else None
        option = rng.choice(issue.options).id if kind.needs_option else None
        moves.append(Move.say(party, kind, issue.id if issue else None, option))
    roll = rng.random()
    if session.standing_offer is not None and roll < 0.15:
        return moves + [Move.accept(party)]
    if roll > 0.97:
        return moves + [Move.walk_away(party)]
    return moves + [Move.propose(party, {i.id: rng.choice(i.options).id for i in issues})]


def play(scenario, name: str, seat: int, seed: int, other: str | None):
    """A game of strategy `name` in seat `seat` against `other` (None: random legal moves).
    Returns the session and the list of broken promises seen while it ran."""
    session = Session(scenario, seed)
    me = scenario.party_ids[seat]
    agent = registry.create(name, None, seed, me)
    rival = registry.create(other, None, seed, scenario.other(me)) if other else None
    rng = random.Random(seed)
    broken: list[str] = []

    def check(record: dict) -> None:
        if record["type"] != "move" or record["party"] != me:
            return
        move = record["move"]
        if move["kind"] == "propose":
            package = session.book.to_indexes(move["package"])
        elif move["kind"] == "accept":
            package = session.standing_offer.package
        else:
            return
        points = session.scorer().points(me, package)
        if not points > session.standing.walk_away(me):
            broken.append(f"{move['kind']} at {points} <= walk-away {session.standing.walk_away(me)}")
        if session.book.crosses_red_line(me, package):
            broken.append(f"{move['kind']} across a red line")

    session.subscribe(check)
    for _turn in range(4 * session.rounds + 4):
        if session.finished:
            break
        party = session.turn
        if party == me:
            moves = decide(agent, session.view(party))
        elif rival is not None:
            moves = decide(rival, session.view(party))
        else:
            moves = random_turn(session, rng)
        for move in moves:
            session.apply(move)
    return session, broken


game_args = dict(scenario=scenarios(), seed=st.integers(0, 2**20), seat=st.integers(0, 1))


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(other=st.sampled_from(NAMES), **game_args)
def test_never_offers_or_accepts_at_or_below_walk_away(name, scenario, seed, seat, other):
    session, broken = play(scenario, name, seat, seed, other)
    assert not broken, broken


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(other=st.sampled_from(NAMES), **game_args)
def test_always_ends_by_the_deadline(name, scenario, seed, seat, other):
    session, _ = play(scenario, name, seat, seed, other)
    assert session.finished
    result = session.result()
    assert result["rounds"] <= scenario.protocol.rounds
    assert result["ended_by"] in ("accept", "walkaway", "deadline")


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(other=st.one_of(st.none(), st.sampled_from(NAMES)), **game_args)
def test_same_seed_same_transcript(name, scenario, seed, seat, other):
    first, _ = play(scenario, name, seat, seed, other)
    second, _ = play(scenario, name, seat, seed, other)
    assert first.log == second.log


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(**game_args)
def test_survives_random_legal_moves(name, scenario, seed, seat):
    session, broken = play(scenario, name, seat, seed, None)  # an IllegalMove or a crash fails here
    assert session.finished and not broken, broken
