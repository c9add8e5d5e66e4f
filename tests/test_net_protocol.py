"""The class protocol in-process: sequence numbers, idempotent resends, seats bound to parties."""

from __future__ import annotations

import json
import time

import pytest

from game.negotiation.moves import Move
from game.play.remote import protocol as proto
from netkit import Student, drain, play_turn, served, strategy_for


@pytest.fixture
def pair(tmp_path):
    with served(tmp_path, tables=1) as (room, client):
        a, b = Student(client, room, "Ayşe"), Student(client, room, "Boris")
        a.join()
        b.join()
        a.recv_until("update")  # told that the partner sat down
        yield room, a, b
        a.close()
        b.close()


def opener_first(a, b):
    return (a, b) if a.state.session.turn == a.state.party else (b, a)


def test_two_students_play_a_whole_game_to_the_same_result(pair):
    room, a, b = pair
    assert {a.state.party, b.state.party} == {"russia", "turkey"} and a.state.table == b.state.table == 1
    first, second = opener_first(a, b)
    strategies = {id(first): strategy_for(first, "conceder"), id(second): strategy_for(second, "conceder")}
    mover, other = first, second
    while not (a.state.finished and b.state.finished):
        replies = play_turn(mover, strategies[id(mover)])
        assert all(r["type"] == "ack" for r in replies), replies
        drain(other, mover.state.seq)
        if mover.state.finished or other.state.finished:
            for s in (a, b):
                if not s.state.finished:
                    s.recv_until("end")
            break
        mover, other = other, mover
    table = room.tables[1]
    assert a.state.result == b.state.result == table.session.result()
    assert a.state.told == b.state.told == table.session.log
    assert a.state.full.result() == table.session.result()  # the debrief's session, from the full scenario


def test_a_resend_is_acknowledged_again_and_applied_once(pair):
    room, a, b = pair
    first, second = opener_first(a, b)
    msg = first.state.send_move(Move.say(first.state.party, "ask_priorities"))
    first.send(msg)
    assert first.recv_until("ack")["seq"] == 1
    first.send(msg)  # the ack was lost, say: same id again
    again = first.recv_until("ack")
    assert again == {"v": 1, "type": "ack", "id": msg["id"], "seq": 1}
    assert room.tables[1].seq == 1 and len([r for r in room.tables[1].session.log if r["type"] == "move"]) == 1


def test_stale_and_future_sequence_numbers_are_refused(pair):
    room, a, b = pair
    first, _second = opener_first(a, b)
    first.move(Move.say(first.state.party, "ask_priorities"))
    for seq, code in ((0, "stale"), (5, "future"), ("1", "stale"), (True, "stale")):
        first.send(proto.message("move", seq=seq, id=f"x{seq}", move={"kind": "say", "statement": {"kind": "ask_priorities"}}))
        reply = first.recv_until("reject")
        assert reply["code"] == code and reply["reason"]
    assert room.tables[1].seq == 1


def test_a_seat_can_never_move_for_the_other_party(pair):
    room, a, b = pair
    first, second = opener_first(a, b)
    # The second seat claims the opener's move: the party comes from its token, so it is its own move, out of turn.
    second.send(proto.message("move", seq=0, id="sneaky", move={"kind": "walk_away", "party": first.state.party}))
    reply = second.recv_until("reject")
    assert reply["code"] == "illegal-move" and second.state.party in reply["reason"]
    assert room.tables[1].session.finished is False and room.tables[1].seq == 0


def test_an_illegal_move_carries_the_cores_reason(pair):
    room, a, b = pair
    first, _ = opener_first(a, b)
    first.send(proto.message("move", seq=0, id="p1", move={"kind": "propose", "package": {"nonsense": "x"}}))
    reply = first.recv_until("reject")
    assert reply["code"] == "illegal-move" and "'nonsense' is not an issue of this scenario" in reply["reason"]
    first.send(proto.message("move", seq=0, id="p2", move={"kind": "accept"}))
    assert "no offer from the other side" in first.recv_until("reject")["reason"]


def test_a_move_before_the_partner_sits_waits(tmp_path):
    with served(tmp_path, tables=1) as (room, client):
        a = Student(client, room, "Alone")
        a.join()
        a.send(proto.message("move", seq=0, id="w", move={"kind": "walk_away"}))
        assert a.recv_until("reject")["code"] == "waiting"
        a.close()


def test_rejoin_with_the_token_and_with_the_pin_on_another_computer(pair):
    room, a, b = pair
    first, second = opener_first(a, b)
    first.move(Move.say(first.state.party, "ask_priorities"))
    token, pin, party = first.state.token, first.state.pin, first.state.party
    first.close()
    welcome = first.reconnect()
    assert welcome["type"] == "welcome" and welcome["party"] == party and welcome["seq"] == 1
    assert welcome["token"] is None  # the token is handed out once
    moved = Student(first.client, room, "same student, other computer")
    welcome = moved.reconnect(proto.message("rejoin", code=room.code, pin=pin))
    assert welcome["type"] == "welcome" and welcome["party"] == party and welcome["token"] not in (None, token)
    first.send(proto.message("move", seq=1, id="from-the-old-computer", move={"kind": "say",
                                                                           "statement": {"kind": "ask_priorities"}}))
    assert first.recv_until("error")["code"] == "moved"  # the old computer can no longer move for the seat
    stale = Student(first.client, room)
    assert stale.reconnect(proto.message("rejoin", token=token))["code"] == "wrong-token"
    moved.move(Move.say(party, "alternative_strong"))
    assert room.tables[1].seq == 2
    moved.close()
    stale.close()


def test_the_class_is_full_and_wrong_codes_are_refused(tmp_path):
    with served(tmp_path, tables=1) as (room, client):
        seats = [Student(client, room, n) for n in ("A", "B", "C")]
        seats[0].join()
        seats[1].join()
        seats[2].send(proto.message("join", code=room.code, name="C"))
        assert seats[2].recv_until("error")["code"] == "full"
        wrong = Student(client, room, "D")
        wrong.send(proto.message("join", code="AAAAAA", name="D"))
        assert wrong.recv_until("error")["code"] == "wrong-code"


def test_the_teachers_page_state_follows_every_move_and_connection(pair):
    """The cards are kept between pushes (a class of 500 tables is pushed a few times a second) and spliced
    in as JSON: what the teacher's socket gets equals the cards made afresh, after moves and a departure."""
    from game.net.server import state_message

    room, a, b = pair

    def fresh() -> list:
        return [table._make_card() for table in room.tables.values()]

    def sent() -> dict:
        return json.loads(proto.encode(state_message(room)))["state"]

    state = sent()
    assert state["tables"] == fresh() and state["counters"]["connected"] == 2 and state["code"] == room.code
    assert state["texts"]["end"]
    first, second = opener_first(a, b)
    package = {i.id: i.options[0].id for i in first.state.scenario.issues}
    assert first.move(Move.propose(first.state.party, package))["type"] == "ack"
    state = sent()
    assert state["tables"] == fresh() and state["tables"][0]["moves"] == 1
    assert state["tables"][0]["last_offer"]["party"] == first.state.party
    second.close()
    for _n in range(500):  # the host sees the socket close a moment later
        if sent()["counters"]["connected"] == 1:
            break
        time.sleep(0.01)
    state = sent()
    assert state["tables"] == fresh() and state["counters"]["connected"] == 1
