"""A class served by several hosts at once: what one host does with the others' writes.

Every host keeps every table of the class in memory (so any host can serve any
seat, and any host's teacher's page sees every table). The store's hub hands each
host every batch of moves, seat and setting, its own included, in order; a host
applies what it has not applied yet, under the table's lock, and tells its own
students. When a host's append loses a race (`Conflict`), it catches up from the
store and answers its student from the new state: a move that is already in the
log (a resend) is acknowledged, any other is refused as stale.
"""

from __future__ import annotations

import asyncio
import copy
from typing import TYPE_CHECKING, Any

from game.play.remote import protocol as proto
from game.net.store import Batch

if TYPE_CHECKING:
    from game.net.classroom import Classroom
    from game.net.table import Seat, Table


def on_event(room: "Classroom", kind: str, value: Any) -> None:
    """The hub's handler, on the host's loop."""
    loop = asyncio.get_running_loop()
    if kind == "batch":
        loop.create_task(_batch(room, value))
    elif kind == "seat":
        loop.create_task(seat_changed(room, value))
    elif kind == "meta" and value.get("ended") and not room.ended:
        loop.create_task(_ended(room))
    elif kind == "presence":
        for table in room.tables.values():
            for seat in table.seats.values():
                seat.elsewhere = (table.id, seat.party) in value
        room.changed()


def _apply(table: "Table", batches: list[Batch]) -> list[dict]:
    """Apply the batches this host has not applied yet; returns the new records."""
    start = len(table.session.log)
    for batch in batches:
        if batch.seq == table.seq + 1:
            table.replay(list(batch.moves))  # a computer seat's turn is decided again here: its state follows
            table.version = batch.version
        elif batch.seq <= table.seq:
            table.version = max(table.version, batch.version)
    return table.session.log[start:]


async def _batch(room: "Classroom", batch: Batch) -> None:
    table = room.tables.get(batch.table)
    if table is None:
        return
    async with table.lock:
        if batch.seq > table.seq + 1:  # a gap: read what is missing from the store
            await catch_up(room, table)
            return
        records = _apply(table, [batch])
        if records:
            await room._tell(table, records)
    if records:
        room.kick(table)
        room.changed()


async def catch_up(room: "Classroom", table: "Table") -> None:
    """Under the table's lock: apply every batch stored after this host's version, and tell the seats."""
    records = _apply(table, await room.store.since(table.id, table.version))
    if records:
        await room._tell(table, records)
        room.changed()


async def answer_again(room: "Classroom", table: "Table", seat: "Seat", peer: Any, client_id: str) -> None:
    """After catching up: the student's move is in the log (acknowledged) or the table moved on (refused)."""
    if client_id in seat.acked:
        await peer.send(proto.message("ack", id=client_id, seq=seat.acked[client_id]))
    else:
        from game.i18n import _
        await peer.send(proto.message("reject", id=client_id, code="stale", seq=table.seq,
                                      reason=_("the table has moved on since this move was made")))


async def seat_changed(room: "Classroom", row: tuple) -> None:
    """A seat's record as the store holds it (`seat_row`), taken on at its table."""
    table_id, party, name, token_hash, pin, kind, strategy = row
    table = room.tables.get(table_id)
    if table is None:
        return
    async with table.lock:
        seat = table.seats[party]
        if (seat.kind, seat.name, seat.token_hash, seat.pin) == (kind, name, token_hash, pin):
            return
        if kind == "ai":
            table.make_ai(party, strategy, name)
        else:
            if seat.token_hash and seat.token_hash != token_hash:  # re-joined elsewhere with the PIN
                seat.peers.clear()
            seat.kind, seat.name, seat.token_hash, seat.pin = kind, name, token_hash, pin
        await room._broadcast(table, proto.message("update", seq=table.seq, records=[], names=table.names(),
                                                   started=table.started))
    room.kick(table)
    room.changed()


async def _ended(room: "Classroom") -> None:
    room.ended = True
    for table in room.tables.values():
        async with table.lock:
            await room._write_files(table)
        await room._broadcast(table, proto.message("update", seq=table.seq, records=[], ended=True))
    room.changed()


async def tell_presence(room: "Classroom", every: float = 1.0) -> None:
    """Keep the store told which seats have a connection on this host (the store passes it on)."""
    while True:
        await room.store.present({(t.id, s.party) for t in room.tables.values() for s in t.seats.values() if s.peers})
        await asyncio.sleep(every)


def agent_copy(table: "Table", party: str) -> Any:
    """The computer seat's strategy before it decides (restored if its move loses a race)."""
    return copy.deepcopy(table.match.agents.get(party))


def agent_restore(table: "Table", party: str, agent: Any) -> None:
    if agent is not None:
        table.match.agents[party] = agent
