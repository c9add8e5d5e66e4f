"""The session: legal and illegal moves, turns, rounds, events and the deadline."""

import pytest

from game import resources
from game.negotiation import IllegalMove, Move, Session
from game.scenario import load

TUTORIAL = str(resources.shipped_scenario("tutorial"))

HIST = {"format": "one-on-one-first", "readout": "joint-ministers", "length": "half-day"}
OTHER = {"format": "leaders-only", "readout": "separate-statements", "length": "short"}


@pytest.fixture
def scenario():
    return load(TUTORIAL)


def test_opener_moves_first_and_turns_alternate(scenario):
    s = Session(scenario)
    assert s.turn == "turkey" and s.round == 1
    s.apply(Move.propose("turkey", OTHER))
    assert s.turn == "russia" and s.round == 1
    s.apply(Move.propose("russia", HIST))
    assert s.turn == "turkey" and s.round == 2


@pytest.mark.parametrize("move, reason", [
    (Move.propose("russia", HIST), "not russia's turn"),
    (Move.accept("turkey"), "no offer"),
    (Move.propose("turkey", {"format": "one-on-one-first"}), "no option for"),
    (Move.propose("turkey", {**HIST, "format": "one-on-one"}), "not an option of issue 'format'"),
    (Move.propose("turkey", {**HIST, "venue": "x"}), "not an issue"),
    (Move.say("turkey", "matters_most"), "needs an issue"),
    (Move.say("turkey", "cannot_accept", "format", "nope"), "needs an option"),
    (Move.say("turkey", "alternative_weak", "format"), "takes no issue"),
    (Move.say("turkey", "not_moved"), "needs a round from 1 to 1"),
    (Move.say("turkey", "not_moved", since=2), "needs a round from 1 to 1"),
    (Move.say("turkey", "final_offer", since=1), "takes no round"),
    (Move.say("turkey", "moved_on"), "needs an issue"),
    (Move("greece", Move.accept("x").kind), "not a party"),
])
def test_illegal_moves_are_refused_and_change_nothing(scenario, move, reason):
    s = Session(scenario)
    before = (s.round, s.turn, list(s.log), list(s.offers), s.standing)
    with pytest.raises(IllegalMove) as err:
        s.apply(move)
    assert reason in err.value.reason
    assert (s.round, s.turn, list(s.log), list(s.offers), s.standing) == before


def test_no_move_after_the_end(scenario):
    s = Session(scenario)
    s.apply(Move.walk_away("turkey"))
    with pytest.raises(IllegalMove, match="over"):
        s.apply(Move.propose("russia", HIST))


def test_statement_limit_per_turn(scenario):
    s = Session(scenario)
    for _ in range(3):
        s.apply(Move.say("turkey", "alternative_strong"))
    with pytest.raises(IllegalMove, match="at most 3"):
        s.apply(Move.say("turkey", "alternative_strong"))
    s.apply(Move.propose("turkey", HIST))
    s.apply(Move.say("russia", "ask_priorities"))  # the counter resets each turn


def test_deadline_ends_with_no_deal_and_moved_walk_away(scenario):
    s = Session(scenario)
    for _ in range(scenario.protocol.rounds):
        s.apply(Move.propose("turkey", OTHER))
        s.apply(Move.propose("russia", HIST))
    assert s.finished and s.ended_by == "deadline"
    r = s.result()
    assert r["agreement"] is None
    assert r["rounds"] == 6
    assert r["events"] == ["waiting-room"]
    assert r["scores"] == {"turkey": 30.0, "russia": 35.0}  # event at round 3: turkey -5


def test_round_event_fires_at_start_of_its_round(scenario):
    s = Session(scenario)
    for _ in range(2):
        s.apply(Move.propose("turkey", OTHER))
        assert not s.fired
        s.apply(Move.propose("russia", HIST))
    assert [f.event for f in s.fired] == ["waiting-room"] and s.round == 3
    assert s.view("turkey").walk_away == 30.0


def test_accept_scores_the_standing_offer(scenario):
    s = Session(scenario)
    s.apply(Move.propose("turkey", HIST))
    s.apply(Move.accept("russia"))
    assert s.result()["scores"] == {"russia": 84.0, "turkey": 72.0}
    assert s.ended_by == "accept"


def test_view_hides_the_other_side(scenario):
    view = Session(scenario).view("turkey")
    public = [n for n in dir(view) if not n.startswith("_")]
    assert not any("russia" in n for n in public)
    assert view.walk_away == 35.0 and dict(view.weights) == {"format": 50, "readout": 30, "length": 20}
    with pytest.raises(AttributeError):
        view.standing  # noqa: B018 - the session's standing is not part of the view
