"""Fuzzing the session's move input: any move is applied or refused, never a crash.

A refused move must leave the session exactly as it was; an applied one must keep
the session's invariants (turns alternate, rounds never pass the deadline).
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import resources
from game.negotiation import IllegalMove, Move, MoveKind, Session, Statement, StatementKind
from game.negotiation.moves import Move as MoveType
from game.scenario import load

TUTORIAL = str(resources.shipped_scenario("tutorial"))

SCENARIO = load(TUTORIAL)
WORDS = st.sampled_from(["format", "readout", "length", "short", "half-day", "joint-ministers", "x", "", "FORMAT",
                         "one-on-one-first", "delegations-only", "russia", "turkey", "no", "\u202e", "leaders-only"])
PARTIES = st.sampled_from(["russia", "turkey", "greece", "", "Turkey"])


@st.composite
def packages(draw):
    keys = draw(st.lists(WORDS, max_size=5))
    return {k: draw(WORDS) for k in keys}


@st.composite
def moves(draw):
    party = draw(PARTIES)
    kind = draw(st.sampled_from(list(MoveKind)))
    package = None
    if draw(st.booleans()):
        package = tuple(draw(packages()).items())
    statement = None
    if draw(st.booleans()):
        statement = Statement(draw(st.sampled_from(list(StatementKind))),
                              draw(st.none() | WORDS), draw(st.none() | WORDS))
    return Move(party, kind, package=package, statement=statement)


@st.composite
def legal_propose(draw, session):
    return Move.propose(session.turn, {i.id: draw(st.sampled_from([o.id for o in i.options])) for i in SCENARIO.issues})


def snapshot(s: Session):
    return (s.round, s.turn, len(s.log), tuple(s.offers), tuple(s.statements), s.standing, s.ended_by)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_move_is_applied_or_refused_cleanly(data):
    session = Session(SCENARIO, seed=data.draw(st.integers(0, 10)))
    for _ in range(data.draw(st.integers(1, 30))):
        if session.finished:
            break
        move = data.draw(moves() | legal_propose(session))
        before = snapshot(session)
        try:
            session.apply(move)
        except IllegalMove as exc:
            assert exc.reason
            assert snapshot(session) == before
            continue
        assert session.round <= SCENARIO.protocol.rounds
        assert session.finished or session.turn in ("russia", "turkey")
    result = session.result()
    assert result["ended_by"] in (None, "accept", "walkaway", "deadline")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=8), st.integers(), st.none(),
                                                       st.dictionaries(st.text(max_size=5), st.text(max_size=5))),
                       max_size=4))
def test_transcript_move_records_are_parsed_or_refused(record):
    """A hand-edited transcript record becomes a move or a clean error, nothing else."""
    try:
        move = MoveType.from_json("turkey", record)
    except (KeyError, ValueError, TypeError, AttributeError):
        return
    session = Session(SCENARIO)
    try:
        session.apply(move)
    except IllegalMove:
        pass
