"""Hostile students on the class protocol, and the rule that a seat never learns the other side's secrets."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.websockets import WebSocketDisconnect

from game.negotiation.moves import Move, StatementKind
from game.negotiation.session import IllegalMove
from game.play.remote import protocol as proto
from game.net.security import Attempts, Bucket
from netkit import Student, served


def closed_with_error(student: Student) -> dict:
    reply = student.recv_until("error")
    assert reply["reason"]
    with pytest.raises(WebSocketDisconnect):
        student.ws.receive_text()
    return reply


def test_bad_json_bad_version_and_binary_garbage_close_the_connection(tmp_path):
    with served(tmp_path) as (room, client):
        for frame, code in (("{not json", "bad-json"), ('{"v": 99, "type": "join"}', "version"),
                            ('[1, 2]', "bad-message"), ('{"v": 1, "type": "welcome"}', "bad-message")):
            s = Student(client, room)
            s.ws.send_text(frame)
            assert closed_with_error(s)["code"] == code
        s = Student(client, room)
        s.ws.send_bytes(b"\xff\xfe" * 10)
        assert closed_with_error(s)["code"] == "bad-json"


def test_an_oversized_frame_is_refused(tmp_path):
    with served(tmp_path) as (room, client):
        s = Student(client, room)
        s.send(proto.message("join", code=room.code, name="x" * (proto.MAX_FRAME + 10)))
        assert closed_with_error(s)["code"] == "too-big"
        assert not any(seat.taken for seat in room.tables[1].seats.values())


def test_a_flood_is_cut_off(tmp_path):
    with served(tmp_path, tables=1) as (room, client):
        a, b = Student(client, room, "A"), Student(client, room, "B")
        a.join()
        b.join()
        for n in range(60):
            a.send(proto.message("move", seq=99, id=f"f{n}", move={"kind": "walk_away"}))
        while (msg := a.recv())["type"] != "error":
            assert msg["type"] in ("reject", "update")
        assert msg["code"] == "flood" and room.tables[1].seq == 0


def test_brute_forced_codes_are_refused_per_address(tmp_path):
    with served(tmp_path) as (room, client):
        for n in range(Attempts().limit):
            s = Student(client, room)
            s.send(proto.message("join", code=f"WRONG{n}", name="guess"))
            assert closed_with_error(s)["code"] == "wrong-code"
        s = Student(client, room)
        s.send(proto.message("join", code=room.code, name="now right"))
        assert closed_with_error(s)["code"] == "too-many"  # even the right code, for a while
        s = Student(client, room)
        s.send(proto.message("rejoin", token="guessed-token"))
        assert closed_with_error(s)["code"] == "wrong-token"


def test_attempts_age_out_and_buckets_refill():
    attempts = Attempts(limit=2, window=60)
    attempts.fail("10.0.0.9", 0)
    attempts.fail("10.0.0.9", 1)
    assert attempts.blocked("10.0.0.9", 30) and not attempts.blocked("10.0.0.8", 30)
    assert not attempts.blocked("10.0.0.9", 62)
    bucket = Bucket(rate=1, burst=2, now=0)
    assert [bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(1.01)] == [True, True, False, True]


def test_a_wrong_token_a_move_before_joining_and_a_second_join_are_refused(tmp_path):
    with served(tmp_path) as (room, client):
        s = Student(client, room)
        s.send(proto.message("move", seq=0, id="x", move={"kind": "walk_away"}))
        assert closed_with_error(s)["code"] == "bad-message"
        s = Student(client, room, "A")
        s.join()
        s.send(proto.message("join", code=room.code, name="again"))
        assert closed_with_error(s)["code"] == "bad-message"


def test_a_name_with_html_stays_text(tmp_path):
    with served(tmp_path) as (room, client):
        s = Student(client, room, "<img src=x onerror=alert(1)>\u0007 Ayşe\n")
        s.join()
        assert room.tables[1].names()[s.state.party] == "<img src=x onerror=alert(1)> Ayşe"  # control characters gone
        assert proto.clean_name("x" * 100) == "x" * proto.MAX_NAME and proto.clean_name(None) == ""
        s2 = Student(client, room, "   ")
        s2.send(proto.message("join", code=room.code, name="  \t "))
        assert closed_with_error(s2)["code"] == "no-name"


def test_the_teachers_socket_needs_the_key(tmp_path):
    with served(tmp_path) as (room, client):
        with client.websocket_connect("/ws/teacher?key=wrong") as ws:
            assert json.loads(ws.receive_text())["code"] == "wrong-key"
            with pytest.raises(WebSocketDisconnect):
                ws.receive_text()
        with client.websocket_connect(f"/ws/teacher?key={room.key}") as ws:
            state = json.loads(ws.receive_text())
            assert state["type"] == "state" and state["state"]["code"] == room.code
        assert client.get("/report?key=wrong").status_code == 403
        assert client.get("/static/../classroom.py").status_code == 404


# -- the other side's secrets -------------------------------------------------------------------------
def random_move(student: Student, rng: random.Random) -> Move:
    state = student.state
    view = state.session.view(state.party)
    party = state.party
    roll = rng.random()
    if roll < 0.25:
        kind = rng.choice(list(StatementKind))
        issue = rng.choice(view.issues)
        return Move.say(party, kind, issue.id if kind.needs_issue else None,
                        rng.choice(issue.options).id if kind.needs_option else None)
    if roll < 0.32 and view.standing_offer is not None:
        return Move.accept(party)
    if roll < 0.34:
        return Move.walk_away(party)
    return Move.propose(party, {i.id: rng.choice(i.options).id for i in view.issues})


def secrets_leaked(messages: list[str], student: Student) -> list[str]:
    """What of the other party's private profile appears in the messages a seat got before the end."""
    scenario = student.room.scenario
    other = scenario.other(student.state.party)
    texts = proto.private_texts(scenario, other)
    found = []
    for raw in messages:
        msg = json.loads(raw)
        if msg["type"] == "end":
            break  # the debrief reveals both profiles, as a classroom debrief does
        found += [t[:30] for t in texts if json.dumps(t, ensure_ascii=False)[1:-1] in raw]
        if "result" in msg or "scores" in raw:
            found.append("a result")
        if msg["type"] == "welcome":
            theirs = next(p for p in msg["scenario"]["parties"] if p["id"] == other)
            real = scenario.party(other)
            if theirs["walk_away"] != {"value": 0} or theirs["red_lines"] or theirs["confidential"]:
                found.append("their walk-away, red lines or briefing")
            if any(v for options in theirs["values"].values() for v in options.values()):
                found.append("their values")
            if len(set(theirs["weights"].values())) > 1 or theirs["weights"] == dict(real.weights):
                found.append("their weights")
            if any(e.get("party") == other for ev in msg["scenario"]["events"] for e in ev["effects"]):
                found.append("their event effects")
            if any(other in r.get("points", {}) for r in msg["scenario"]["rules"]) or msg["scenario"]["tests"]:
                found.append("their rule points or the scenario tests")
    return found


def test_no_message_to_a_seat_holds_the_other_partys_secrets(tmp_path):
    examples = 12
    with served(tmp_path, tables=examples + 5) as (room, client):

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        @given(st.integers(0, 2**32 - 1), st.integers(4, 30))
        def check(seed: int, moves: int) -> None:
            rng = random.Random(seed)
            a, b = Student(client, room, "A"), Student(client, room, "B")
            a.join()
            b.join()
            a.recv_until("update")
            for _n in range(moves):
                mover = a if a.state.my_turn else b
                if not mover.state.my_turn:
                    break
                try:
                    reply = mover.move(random_move(mover, rng))
                except IllegalMove:
                    continue  # the mirror refused it before sending (e.g. a fourth statement)
                assert reply["type"] == "ack"
                other = b if mover is a else a
                while other.state.seq < mover.state.seq and not other.state.finished:
                    other.recv()
            for s in (a, b):
                assert secrets_leaked(s.raw, s) == []
                s.close()

        check()


def test_the_secrets_check_sees_an_unredacted_scenario(tmp_path):
    with served(tmp_path) as (room, client):
        s = Student(client, room, "A")
        s.join()
        leaky = dict(s.inbox[0], scenario=proto.scenario_data(room.scenario))
        found = secrets_leaked([proto.encode(leaky)], s)
        assert "their values" in found and "their walk-away, red lines or briefing" in found
        assert any(not f.startswith("their") for f in found)  # the briefing texts themselves
