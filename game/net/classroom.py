"""A class: its tables, who sits where, and every move, refereed and journaled.

The classroom owns the state; `server` only moves messages between sockets and
these methods. Each table is changed under its own lock, in this order: check
the move against the session (refuse it with the core's reason, nothing
changed), commit it to the journal, apply it, then tell the seats. A move is
therefore on disk before anyone hears of it.

A peer is any object with `async send(message)` (a WebSocket in the server, a
list in tests). Failures of a student's connection never reach another table.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import time
from pathlib import Path
from typing import Any, Callable, Protocol

from game.errors import ParleyError, Problem
from game.i18n import _
from game.negotiation.moves import Move
from game.negotiation.session import IllegalMove
from game.play.remote import protocol as proto
from game.net import security
from game.net.store import ClassStore, Conflict, SqliteStore, StoreUnavailable
from game.net.table import Seat, Table
from game.net import sharing
from game.rules import Rulebook
from game.scenario.model import Scenario

JOURNAL = "class.sqlite"
MAX_ID = 64


class Peer(Protocol):
    address: str

    async def send(self, message: dict) -> None: ...


class Refusal(Exception):
    """A request the host turns down; `reason` is for the student, `code` for programs."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


class Classroom:
    def __init__(self, scenario: Scenario, folder: str | Path, *, tables: int = 1, ai_fill: str | None = None,
                 resume: bool = False, clock: Callable[[], float] = time.monotonic,
                 today: Callable[[], _dt.date] = _dt.date.today, store: ClassStore | None = None):
        self.scenario = scenario
        self.folder = Path(folder).resolve()
        self.clock, self.today = clock, today
        self.attempts = security.Attempts()
        self.teachers: set = set()
        self.ended = False
        self.on_change: Callable[[], None] | None = None
        self._seat_views: dict[str, proto.Raw] = {}
        path = self.folder / JOURNAL
        if store is not None:  # a shared class: the first host creates it, the others serve it
            resume = store.exists()
        elif resume and not path.exists():
            raise ParleyError([Problem(_("there is no class to resume in {dir}").format(dir=self.folder),
                                       file=str(path), code="io")])
        elif not resume and path.exists():
            raise ParleyError([Problem(_("{dir} already holds a class").format(dir=self.folder), file=str(path),
                                       hint=_("use --resume to continue it, or choose another --class-dir"), code="io")])
        self.store = store or SqliteStore(path)
        if not resume:
            self.code, self.key, self.ai_fill = security.class_code(), security.new_token(), ai_fill
            self.tables = {n: self._table(n) for n in range(1, tables + 1)}
            resume = not self.store.create({
                "scenario": scenario.id, "scenario_hash": scenario.content_hash, "scenario_path": scenario.path,
                "tables": tables, "ai_fill": ai_fill, "code": self.code, "key": self.key, "ended": False})
        if resume:  # after a crash, or a class another host created
            self._resume()

    # -- start and resume ------------------------------------------------------------------
    def _table(self, n: int) -> Table:
        if not hasattr(self, "_book"):
            self._book, self._scorers = Rulebook(self.scenario), {}
        return Table(n, self.scenario, seed=n, book=self._book, scorers=self._scorers)

    def _resume(self) -> None:
        loaded = self.store.load()
        meta = loaded.meta
        if meta.get("scenario_hash") != self.scenario.content_hash:
            raise ParleyError([Problem(_("the scenario file {path} has changed since this class began; it cannot be resumed").format(
                path=self.scenario.path), file=str(getattr(self.store, "path", "")), code="io",
                hint=_("restore the original file, or start a new class in another folder"))])
        self.code, self.key, self.ai_fill = meta["code"], meta["key"], meta.get("ai_fill")
        self.ended = bool(meta.get("ended"))
        self.tables = {n: self._table(n) for n in range(1, int(meta["tables"]) + 1)}
        for table_id, party, name, token_hash, pin, kind, strategy in loaded.seats:
            table = self.tables[table_id]
            if kind == "ai":
                table.make_ai(party, strategy, name)
            else:
                seat = table.seats[party]
                seat.kind, seat.name, seat.token_hash, seat.pin = kind, name, token_hash, pin
        per_table: dict[int, list] = {}
        for batch in loaded.batches:
            per_table.setdefault(batch.table, []).extend(batch.moves)
            self.tables[batch.table].version = batch.version
        for table_id, moves in per_table.items():
            self.tables[table_id].replay(moves)

    async def start(self) -> None:
        """After a resume: the computer seats on turn move again; finished games get their files."""
        if self.store.shared:  # what the other hosts do arrives through the store's hub
            self.store.listen(asyncio.get_running_loop(), lambda kind, value: sharing.on_event(self, kind, value))
            self._presence = asyncio.get_running_loop().create_task(sharing.tell_presence(self))
        for table in self.tables.values():
            if table.session.finished:
                await self._write_files(table)
            self.kick(table)

    # -- joining -----------------------------------------------------------------------------
    def _check_code(self, code: object, address: str) -> None:
        now = self.clock()
        if self.attempts.blocked(address, now):
            raise Refusal("too-many", _("too many wrong attempts from this computer: wait a minute and try again"))
        if not security.same(proto.normal_code(code), self.code):
            self.attempts.fail(address, now)
            raise Refusal("wrong-code", _("that is not the code of this class: check the code on the teacher's screen"))

    async def join(self, peer: Peer, code: object, name: object) -> Seat:
        self._check_code(code, peer.address)
        name = proto.clean_name(name)
        if not name:
            raise Refusal("no-name", _("please type your name"))
        if self.ended:
            raise Refusal("ended", _("the teacher has ended this class"))
        for table in self.tables.values():
            if table.full:
                continue
            async with table.lock:  # two students may reach the same table at once: choose the seat inside
                while (seat := next((s for s in table.seats.values() if not s.taken), None)) is not None:
                    token = security.new_token()
                    pin = await self._new_pin(table.id, seat.party)
                    try:
                        await self.store.put_seat(table.id, seat.party, {"name": name, "token_hash": security.token_hash(
                            token), "pin": pin, "kind": "human"}, new=True)
                        break
                    except Conflict:  # taken on another host a moment ago: its record comes through the hub
                        seat.kind = "human"
                if seat is None:
                    continue
                seat.kind, seat.name, seat.token_hash, seat.pin = "human", name, security.token_hash(token), pin
                await self._welcome(table, seat, peer, token)
                await self._broadcast(table, proto.message("update", seq=table.seq, records=[], names=table.names(),
                                                           started=table.started))
            self.kick(table)
            self.changed()
            return seat
        raise Refusal("full", _("every seat of this class is taken: ask your teacher"))

    async def rejoin(self, peer: Peer, msg: dict) -> Seat:
        token = msg.get("token")
        if isinstance(token, str) and token:
            digest = security.token_hash(token)
            seat = self._seat_of(digest)
            # Seated on another host a moment ago, not heard of here yet: ask the store (not for an address
            # that keeps guessing; a reconnecting seat is never blocked, a school may share one address).
            if seat is None and self.store.shared and not self.attempts.blocked(peer.address, self.clock()):
                for row in await self.store.seats_now():
                    if row[3] and security.same(row[3], digest):
                        await sharing.seat_changed(self, row)
                seat = self._seat_of(digest)
            if seat is not None:
                table = self.tables[seat.table]
                async with table.lock:
                    await self._welcome(table, seat, peer, None)
                self.changed()
                return seat
            self.attempts.fail(peer.address, self.clock())
            raise Refusal("wrong-token", _("this seat is not known to the teacher's computer: join the class again"))
        self._check_code(msg.get("code"), peer.address)
        pin = str(msg.get("pin") or "")
        if self.store.shared and not any(s.pin and security.same(s.pin, pin) for t in self.tables.values()
                                         for s in t.seats.values()):
            for row in await self.store.seats_now():  # given on another host a moment ago?
                if row[4] and security.same(row[4], pin):
                    await sharing.seat_changed(self, row)
        for table in self.tables.values():
            for seat in table.seats.values():
                if seat.pin and security.same(seat.pin, pin):
                    async with table.lock:
                        token = security.new_token()  # the old computer's token stops working
                        try:
                            await self.store.put_seat(table.id, seat.party, {
                                "name": seat.name, "token_hash": security.token_hash(token), "pin": seat.pin,
                                "kind": "human"}, new=False)
                        except Conflict:
                            raise Refusal("busy", _("the teacher's computer is busy: try again")) from None
                        seat.token_hash = security.token_hash(token)
                        for old in list(seat.peers):
                            seat.peers.discard(old)
                        await self._welcome(table, seat, peer, token)
                    self.changed()
                    return seat
        self.attempts.fail(peer.address, self.clock())
        raise Refusal("wrong-pin", _("that PIN is not on the teacher's screen: check it and try again"))

    async def _new_pin(self, table: int, party: str) -> str:
        """A re-join PIN no other seat of the class has, on this host or any other."""
        taken = {s.pin for t in self.tables.values() for s in t.seats.values() if s.pin}
        while not await self.store.claim_pin(pin := security.new_pin(taken), table, party):
            taken.add(pin)
        return pin

    def _seat_of(self, token_hash: str) -> Seat | None:
        for table in self.tables.values():
            for seat in table.seats.values():
                if seat.token_hash and security.same(seat.token_hash, token_hash):
                    return seat
        return None

    def seat_scenario(self, party: str) -> proto.Raw:
        """The scenario as `party` may see it, as JSON text (encoded once: a welcome is large)."""
        if party not in self._seat_views:
            self._seat_views[party] = proto.Raw(proto.encode(proto.seat_scenario(self.scenario, party)))
        return self._seat_views[party]

    def full_scenario(self) -> proto.Raw:
        if "" not in self._seat_views:
            self._seat_views[""] = proto.Raw(proto.encode(proto.scenario_data(self.scenario)))
        return self._seat_views[""]

    async def _welcome(self, table: Table, seat: Seat, peer: Peer, token: str | None) -> None:
        seat.peers.add(peer)
        session = table.session
        await peer.send(proto.message(
            "welcome", table=table.id, party=seat.party, token=token, pin=seat.pin, seq=table.seq,
            scenario=self.seat_scenario(seat.party), scenario_hash=self.scenario.content_hash, seed=table.seed,
            records=[r for r in session.log if r["type"] != "end"], names=table.names(),
            started=table.started, ended=self.ended))
        if session.finished:
            await peer.send(self._end_message(table, []))

    def detach(self, peer: Peer, seat: Seat | None) -> None:
        if seat is not None and peer in seat.peers:
            seat.peers.discard(peer)
            self.changed()

    # -- the AI seats --------------------------------------------------------------------------
    async def fill_with_ai(self) -> int:
        """Give every table with students but an open seat a computer player; returns how many."""
        if not self.ai_fill:
            raise Refusal("no-ai", _("this class was started without --ai-fill"))
        filled = 0
        for table in self.tables.values():
            async with table.lock:
                humans = [s for s in table.seats.values() if s.kind == "human"]
                for seat in table.seats.values():
                    if humans and not seat.taken:
                        name = _("Computer ({strategy})").format(strategy=self.ai_fill)
                        try:
                            await self.store.put_seat(table.id, seat.party, {"name": name, "kind": "ai",
                                                                            "strategy": self.ai_fill}, new=True)
                        except Conflict:  # a student sat down on another host
                            continue
                        table.make_ai(seat.party, self.ai_fill, name)
                        filled += 1
                        await self._broadcast(table, proto.message("update", seq=table.seq, records=[],
                                                                   names=table.names(), started=table.started))
            self.kick(table)
        self.changed()
        return filled

    def kick(self, table: Table) -> None:
        if table.ai_on_turn() and not self.ended:
            asyncio.get_running_loop().create_task(self._ai_turn(table))

    async def _ai_turn(self, table: Table) -> None:
        async with table.lock:
            party = table.ai_on_turn()
            if party is None or self.ended:
                return
            before = sharing.agent_copy(table, party) if self.store.shared else None
            moves = table.ai_moves()
            try:
                table.version = await self.store.append(table.id, table.seq + 1, [(party, m.to_json(), None) for m in moves],
                                                        table.version)
            except (Conflict, StoreUnavailable):  # another host moved this seat first (or the store is away)
                sharing.agent_restore(table, party, before)
                await sharing.catch_up(self, table)
                return
            records = []
            for move in moves:
                records += table.apply(move, None)
            await self._tell(table, records)
        self.changed()

    # -- moves ------------------------------------------------------------------------------------
    async def move(self, seat: Seat, peer: Peer, msg: dict) -> None:
        client_id, seq, data = msg.get("id"), msg.get("seq"), msg.get("move")
        if not isinstance(client_id, str) or not 0 < len(client_id) <= MAX_ID:
            raise Refusal("bad-message", _("a move needs an id"))
        if peer not in seat.peers:  # the student re-joined with the PIN on another computer
            raise Refusal("moved", _("this seat is now played on another computer"))
        table = self.tables[seat.table]
        async with table.lock:
            if client_id in seat.acked:  # a resend: acknowledged again, applied once
                await peer.send(proto.message("ack", id=client_id, seq=seat.acked[client_id]))
                return
            reason = self._refusal(table, seq, data)
            if reason is not None:
                await peer.send(proto.message("reject", id=client_id, reason=reason[1], code=reason[0], seq=table.seq))
                return
            move = Move.from_json(seat.party, data)
            try:
                table.session.check(move)
            except IllegalMove as exc:
                await peer.send(proto.message("reject", id=client_id, reason=exc.reason, code="illegal-move",
                                              seq=table.seq))
                return
            try:
                table.version = await self.store.append(table.id, table.seq + 1, [(seat.party, move.to_json(), client_id)],
                                                        table.version)
            except Conflict:  # another host stored a move first: catch up, then answer from there
                await sharing.catch_up(self, table)
                await sharing.answer_again(self, table, seat, peer, client_id)
                return
            except StoreUnavailable:
                await peer.send(proto.message("reject", id=client_id, code="unavailable", seq=table.seq,
                                              reason=_("the class's storage is not answering: try again")))
                return
            records = table.apply(move, client_id)
            await self._tell(table, records)
            await peer.send(proto.message("ack", id=client_id, seq=table.seq))
        self.kick(table)
        self.changed()

    def _refusal(self, table: Table, seq: object, data: object) -> tuple[str, str] | None:
        if self.ended:
            return "ended", _("the teacher has ended this class")
        if not table.started:
            return "waiting", _("wait for your partner to join the table")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < table.seq:
            return "stale", _("the table has moved on since this move was made")
        if seq > table.seq:
            return "future", _("this move answers a table state the host has not reached")
        try:
            Move.from_json("x", data)  # type: ignore[arg-type]
        except (KeyError, ValueError, TypeError, AttributeError):
            return "bad-move", _("malformed move")
        return None

    async def _tell(self, table: Table, records: list[dict]) -> None:
        if table.session.finished:
            await self._broadcast(table, self._end_message(table, records))
            await self._write_files(table)
        else:
            await self._broadcast(table, proto.message("update", seq=table.seq, records=records))

    def _end_message(self, table: Table, records: list[dict]) -> dict:
        # the statements judged here, where both profiles are known: the seat's computer saves them as they are
        return proto.message("end", seq=table.seq, records=records, result=table.session.result(),
                             scenario=self.full_scenario(), names=table.names(),
                             statements=table.statements())

    async def _broadcast(self, table: Table, message: dict) -> None:
        for seat in table.seats.values():
            for peer in list(seat.peers):
                await peer.send(message)

    # -- the end of the class -------------------------------------------------------------------
    async def _write_files(self, table: Table) -> None:
        if table.files_written:
            return
        await asyncio.to_thread(table.write_files, self.folder, self.today())
        table.files_written = table.session.finished

    async def end_class(self) -> Path:
        """Stop every table, write every transcript and results file, and the class report."""
        self.ended = True
        await self.store.put_meta({"ended": True})
        for table in self.tables.values():
            async with table.lock:
                table.files_written = False if not table.session.finished else table.files_written
                await self._write_files(table)
        for table in self.tables.values():
            await self._broadcast(table, proto.message("update", seq=table.seq, records=[], ended=True))
        path = await asyncio.to_thread(self.write_report)
        self.changed()
        return path

    def write_report(self) -> Path:
        from game.report import load_class, write_report

        summary = load_class(self.folder / "results", self.scenario)
        return write_report(summary, self.folder / "class.html", source=str(self.folder / "results"))[0]

    # -- the teacher's page ------------------------------------------------------------------------
    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def snapshot(self) -> dict[str, Any]:
        cards = [t.card() for t in self.tables.values()]
        seats = [s for c in cards for s in c["seats"] if s["kind"] == "human"]
        return {
            "code": self.code, "ended": self.ended, "ai_fill": self.ai_fill, "tables": cards,
            "counters": {"tables": len(cards), "playing": sum(c["started"] and not c["finished"] for c in cards),
                         "finished": sum(c["finished"] for c in cards), "deals": sum(c["deal"] for c in cards),
                         "students": len(seats), "connected": sum(s["connected"] for s in seats),
                         "moves": sum(c["moves"] for c in cards)},
        }

    def close(self) -> None:
        self.store.close()
