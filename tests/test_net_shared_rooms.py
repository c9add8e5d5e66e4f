"""Two classrooms (two hosts) sharing one class on JetStream, in one process: seats, moves, races, presence, the end."""

from __future__ import annotations

import asyncio

import pytest

from game.negotiation.moves import Move
from game.net.classroom import Classroom, Refusal
from game.net.jetstream import JetStreamStore
from game.net.store import Conflict
from game.play.catalog import load_scenario
from natskit import NatsServer


class Peer:
    def __init__(self) -> None:
        self.address, self.inbox = "10.0.0.7", []

    async def send(self, message: dict) -> None:
        self.inbox.append(message)

    def last(self, kind: str) -> dict:
        return next(m for m in reversed(self.inbox) if m["type"] == kind)


@pytest.fixture
def server(tmp_path):
    """A NATS server of the test's own, stopped at the end."""
    started = NatsServer(tmp_path / "nats").start()
    yield started
    started.stop()


@pytest.fixture
def rooms():
    """The test's classrooms (hosts): every one closed at the end, whatever happened."""
    made: list[Classroom] = []
    yield made
    for room in made:
        room.close()


async def until(check, timeout: float = 8.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not reached in time")


def test_two_hosts_serve_one_class(tmp_path, server, rooms):
    scenario = load_scenario("moscow_2020")

    def room(name: str) -> Classroom:
        rooms.append(Classroom(scenario, tmp_path / name, tables=2, store=JetStreamStore(server.url, "rooms")))
        return rooms[-1]

    async def play() -> None:
        a = room("a")
        await a.start()
        pa, pb = Peer(), Peer()
        sa, sb = await a.join(pa, a.code, "Ayşe"), await a.join(pb, a.code, "Boris")
        b = room("b")  # the second host: same class (code, key, tables), every seat so far; its hub not started yet
        assert (b.code, b.key, len(b.tables)) == (a.code, a.key, 2) and b.tables[1].names() == a.tables[1].names()
        opener, other = (sa, sb) if a.tables[1].session.turn == sa.party else (sb, sa)
        popen, pother = (pa, pb) if opener is sa else (pb, pa)
        package = {issue.id: issue.options[0].id for issue in scenario.issues}
        m1 = Move.propose(opener.party, package).to_json()
        await a.move(opener, popen, {"id": "m1", "seq": 0, "move": m1})
        assert popen.last("ack") == {"v": 1, "type": "ack", "id": "m1", "seq": 1}

        # The opener's host dies before the ack arrives; the client resends m1 to host b, which has not heard of it:
        # b's append loses the race, b catches up from the stream and acknowledges m1 once.
        qopen, qother = Peer(), Peer()
        seat_b = await b.rejoin(qopen, {"token": popen.last("welcome")["token"]})
        await b.move(seat_b, qopen, {"id": "m1", "seq": 0, "move": m1})
        assert qopen.last("ack") == {"v": 1, "type": "ack", "id": "m1", "seq": 1}
        assert b.tables[1].seq == 1 and b.tables[1].session.log == a.tables[1].session.log

        # The other seat answers on a; on b (still behind) the same student sends another answer for the same turn:
        # b loses the race, catches up, and refuses it as stale; it is not stored.
        await a.move(other, pother, {"id": "o1", "seq": 1, "move": Move.propose(other.party, package).to_json()})
        assert pother.last("ack")["seq"] == 2
        other_b = await b.rejoin(qother, {"token": pother.last("welcome")["token"]})
        await b.move(other_b, qother, {"id": "o1b", "seq": 1, "move": Move.accept(other.party).to_json()})
        assert qother.last("reject")["code"] == "stale"
        assert b.tables[1].seq == 2 and b.tables[1].session.log == a.tables[1].session.log

        await b.start()  # b's hub: from now on b hears a at once
        await a.move(opener, popen, {"id": "m3", "seq": 2, "move": Move.accept(opener.party).to_json()})
        await until(lambda: b.tables[1].session.finished)
        assert qopen.last("end")["result"] == qother.last("end")["result"] == a.tables[1].session.result()
        assert b.tables[1].session.log == a.tables[1].session.log

        # Presence: the opener's seat is connected only to b now; a's teacher's page still shows it connected.
        a.detach(popen, opener)
        assert not a.tables[1].seats[opener.party].peers
        await until(lambda: a.tables[1].seats[opener.party].connected)

        # A student on a new computer at b, a student on a at the same moment: two different seats of table 2.
        pc, pd = Peer(), Peer()
        sc, sd = await asyncio.gather(a.join(pc, a.code, "Cem"), b.join(pd, b.code, "Dina"))
        assert sc.table == sd.table == 2 and sc.party != sd.party
        await until(lambda: a.tables[2].started and b.tables[2].started)

        # The teacher ends the class on a: b ends it too, and writes its own files.
        await a.end_class()
        await until(lambda: b.ended)
        await until(lambda: (tmp_path / "b" / "transcripts" / "table-1.jsonl").exists())

    asyncio.run(play())


def test_a_computer_seat_served_by_two_hosts_moves_once_a_turn(tmp_path, server, rooms):
    """Both hosts see the computer seat on turn and race to move it: one batch per turn is stored, both agree."""
    from game.agents import registry
    from game.agents.base import decide

    scenario = load_scenario("moscow_2020")
    rooms += [Classroom(scenario, tmp_path / name, tables=1, ai_fill="conceder",
                        store=JetStreamStore(server.url, "ai")) for name in ("a", "b")]
    a, b = rooms
    lost = []  # appends that lost a race (the computer seat's turn taken by the other host)
    for room in rooms:
        append = room.store.append

        async def counted(*args, append=append):
            try:
                return await append(*args)
            except Conflict:
                lost.append(args[0])
                raise
        room.store.append = counted

    async def play() -> None:
        await a.start()
        await b.start()
        peer = Peer()
        seat = await a.join(peer, a.code, "Ayşe")
        await until(lambda: b.tables[1].seats[seat.party].taken)
        assert await b.fill_with_ai() == 1  # the teacher's page on b gives the student a computer partner
        await until(lambda: a.tables[1].started)
        me = registry.create("boulware", {}, a.tables[1].seed, seat.party)
        n = 0
        while not a.tables[1].session.finished:
            table = a.tables[1]
            if table.session.turn == seat.party:
                for move in decide(me, table.session.view(seat.party)):
                    n += 1
                    await a.move(seat, peer, {"id": f"s{n}", "seq": table.seq, "move": move.to_json()})
                    assert any(m["type"] == "ack" and m["id"] == f"s{n}" for m in peer.inbox), peer.inbox[-3:]
            else:
                await asyncio.sleep(0.02)
        await until(lambda: b.tables[1].session.finished)
        assert a.tables[1].session.log == b.tables[1].session.log

    asyncio.run(asyncio.wait_for(play(), 60))
    store = JetStreamStore(server.url, "ai")
    batches = store.load().batches
    store.close()
    seqs = [batch.seq + k for batch in batches for k in range(len(batch.moves))]
    assert seqs == list(range(1, a.tables[1].seq + 1))  # every move once, in order
    assert lost  # the race did happen


def test_a_student_seated_on_a_host_that_died_at_once_is_known_to_the_next(tmp_path, server, rooms):
    """Host a seats a student and dies before host b's hub has passed the seat on: the student's
    token still opens the seat on b (b asks the store), and a made-up token is still refused."""
    scenario = load_scenario("tutorial")

    async def play() -> None:
        a = Classroom(scenario, tmp_path / "a", tables=1, store=JetStreamStore(server.url, "failover"))
        rooms.append(a)
        await a.start()
        b = Classroom(scenario, tmp_path / "b", tables=1, store=JetStreamStore(server.url, "failover"))
        rooms.append(b)
        await b.start()
        hold = []  # b's hub is slow today: nothing it hears reaches the classroom until released
        real = b.store._handler
        b.store._handler = lambda kind, value: hold.append((kind, value))
        pa = Peer()
        seat = await a.join(pa, a.code, "Ayşe")
        token = pa.last("welcome")["token"]
        a.close()
        rooms.remove(a)
        assert b.tables[1].seats[seat.party].name != "Ayşe"  # b has not heard of her
        pb = Peer()
        again = await b.rejoin(pb, {"token": token})
        assert (again.table, again.party) == (seat.table, seat.party) and pb.last("welcome")["party"] == seat.party
        assert b.tables[1].seats[seat.party].name == "Ayşe"
        try:
            await b.rejoin(Peer(), {"token": "x" * len(token)})
        except Refusal as exc:
            assert exc.code == "wrong-token"
        else:
            raise AssertionError("a made-up token opened a seat")
        b.store._handler = real
        for kind, value in hold:  # the late news changes nothing
            real(kind, value)
        await asyncio.sleep(0.2)
        assert b.tables[1].seats[seat.party].name == "Ayşe" and pb.last("welcome")

    asyncio.run(play())


def test_a_pin_is_given_once_in_the_class_whichever_host_gives_it(tmp_path, server, rooms, monkeypatch):
    """Two hosts draw the same PIN: the second draws again; a PIN given on a re-joins on b at once."""
    from game.net import security

    scenario = load_scenario("tutorial")
    import itertools

    # what each host draws, whatever it knows; then PINs of their own, should a seat race need more draws
    draws = itertools.chain(["11111", "11111", "22222", "33333"], (f"9{n:04d}" for n in itertools.count()))
    monkeypatch.setattr(security, "new_pin", lambda taken: next(draws))

    async def play() -> None:
        for name in ("a", "b"):
            rooms.append(Classroom(scenario, tmp_path / name, tables=2, store=JetStreamStore(server.url, "pins")))
            await rooms[-1].start()
        a, b = rooms
        sa = await a.join(Peer(), a.code, "Ayşe")
        await until(lambda: b.tables[sa.table].seats[sa.party].name == "Ayşe")
        sb = await b.join(Peer(), b.code, "Boris")
        assert (sa.pin, sb.pin) == ("11111", "22222")
        await until(lambda: a.tables[sb.table].seats[sb.party].name == "Boris")  # a will not try Boris's seat
        b.store._handler = lambda kind, value: None  # from now on b hears nothing from a through its hub
        sc = await a.join(Peer(), a.code, "Cem")
        assert sc.pin == "33333" and b.tables[sc.table].seats[sc.party].name != "Cem"
        # Cem's computer breaks; at another one he types the class code and his PIN, on host b
        moved = Peer()
        seat = await b.rejoin(moved, {"code": b.code, "pin": "33333"})
        assert (seat.table, seat.party) == (sc.table, sc.party) and moved.last("welcome")["token"]

    asyncio.run(play())
