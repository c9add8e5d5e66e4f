"""Where a class lives: one interface for its moves, seats and settings, and the SQLite backend.

A `ClassStore` holds three things:

- the **move log**: per table, batches of moves (a student's move, or a computer
  seat's whole turn), each appended with the table's `version` as last seen by the
  host (`append(..., version)`): if anyone appended since, the store refuses with
  `Conflict` and nothing is written, so two hosts can never both store move n;
  `since(table, version)` reads what was appended after a version;
- the **seats** (`put_seat(new=True)` creates a seat only if nobody sat there
  first; otherwise it replaces it) and the **class settings** (`meta`);
- a **hub**: `listen(loop, handler)` hands every appended batch, seat and
  setting (the host's own and, on a shared backend, every other host's) to
  `handler(kind, value)` on the host's event loop, in order.

`SqliteStore` is the classroom default (one host, the journal file in the class
folder; a version is the table's move count). `game.net.jetstream.JetStreamStore`
is the shared one (several hosts, NATS JetStream).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from game.net.journal import Journal

Handler = Callable[[str, Any], None]


class Conflict(Exception):
    """Someone else wrote first: the table moved on, or the seat was taken."""


class StoreUnavailable(Exception):
    """The store could not be reached or did not answer in time; nothing was acknowledged."""


@dataclass(frozen=True)
class Batch:
    table: int
    seq: int                    # the table's move number of the first move
    version: int                # the table's version once this batch is in
    moves: tuple                # (party, move JSON, client id or None), in order


@dataclass
class Loaded:
    meta: dict[str, Any]
    seats: list[tuple] = field(default_factory=list)      # (table, party, name, token hash, pin, kind, strategy)
    batches: list[Batch] = field(default_factory=list)


SEAT_FIELDS = ("name", "token_hash", "pin", "kind", "strategy")


class ClassStore(ABC):
    shared = False  # several hosts may serve the class at once

    @abstractmethod
    def exists(self) -> bool: ...

    @abstractmethod
    def create(self, meta: dict[str, Any]) -> bool:
        """Store a new class's settings; False (nothing changed) if the class exists already."""

    @abstractmethod
    def load(self) -> Loaded: ...

    @abstractmethod
    async def append(self, table: int, seq: int, moves: list[tuple], version: int) -> int:
        """Append moves seq, seq+1, ... if the table is still at `version`; returns the new version."""

    @abstractmethod
    async def since(self, table: int, version: int) -> list[Batch]: ...

    @abstractmethod
    async def put_seat(self, table: int, party: str, record: dict[str, Any], *, new: bool) -> None: ...

    @abstractmethod
    async def put_meta(self, items: dict[str, Any]) -> None: ...

    def listen(self, loop: asyncio.AbstractEventLoop, handler: Handler) -> None:
        self._loop, self._handler = loop, handler

    async def present(self, seats: set[tuple[int, str]]) -> None:
        """Which seats have a connection on this host (shared stores tell the other hosts)."""

    async def claim_pin(self, pin: str, table: int, party: str) -> bool:
        """Reserve a re-join PIN for one seat of the class: False if any host has given it already.
        One host alone knows every PIN it gave (it picks among the others): True."""
        return True

    async def seats_now(self) -> list[tuple]:
        """Every seat as the store holds it at this moment (`seat_row`s), once this host has heard
        every change made before the call. A shared store's hub may lag by a few milliseconds: a
        student whose host died just after seating them comes back here with a token this host has
        not heard of yet. One host alone has nothing more to learn: []."""
        return []

    def close(self) -> None: ...

    def _emit(self, kind: str, value: Any) -> None:
        handler = getattr(self, "_handler", None)
        if handler is not None:
            self._loop.call_soon_threadsafe(handler, kind, value)


def seat_row(table: int, party: str, record: dict[str, Any]) -> tuple:
    return (table, party, *(record.get(k) for k in SEAT_FIELDS))


class SqliteStore(ClassStore):
    """The journal file in the class folder: one host, group commits, WAL, synchronous=FULL."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._existed = self.path.exists()
        self.journal = Journal(self.path)

    def exists(self) -> bool:
        return self._existed

    def create(self, meta: dict[str, Any]) -> bool:
        if self.journal.meta():
            return False
        self.journal.write_now(Journal.put_meta(meta))
        return True

    def load(self) -> Loaded:
        moves = self.journal.moves()
        return Loaded(self.journal.meta(), list(self.journal.seats()),
                      [Batch(t, s, s, ((p, m, c),)) for t, s, p, m, c in moves])

    async def append(self, table: int, seq: int, moves: list[tuple], version: int) -> int:
        if seq != version + 1:
            raise Conflict(f"table {table}: move {seq} does not follow version {version}")
        writes = []
        for n, (party, move, client_id) in enumerate(moves):
            writes += Journal.put_move(table, seq + n, party, move, client_id)
        try:
            await self.journal.write(writes)
        except sqlite3.IntegrityError as exc:  # (table, seq) is the key: move n is stored once
            raise Conflict(str(exc)) from None
        self._emit("batch", Batch(table, seq, seq + len(moves) - 1, tuple(moves)))
        return seq + len(moves) - 1

    async def since(self, table: int, version: int) -> list[Batch]:
        rows = await asyncio.to_thread(self._rows, table, version)
        return [Batch(table, s, s, ((p, m, c),)) for s, p, m, c in rows]

    def _rows(self, table: int, version: int) -> list[tuple]:
        with sqlite3.connect(str(self.path)) as db:
            rows = db.execute("SELECT seq, party, move, client_id FROM moves WHERE table_id = ? AND seq > ? "
                              "ORDER BY seq", (table, version)).fetchall()
        return [(s, p, json.loads(m), c) for s, p, m, c in rows]

    async def put_seat(self, table: int, party: str, record: dict[str, Any], *, new: bool) -> None:
        row = seat_row(table, party, record)
        sql = Journal.put_seat(*row)
        if new:
            sql = [(text.replace("INSERT OR REPLACE", "INSERT"), params) for text, params in sql]
        try:
            await self.journal.write(sql)
        except sqlite3.IntegrityError:
            raise Conflict(f"table {table}: the {party} seat is taken") from None
        self._emit("seat", row)

    async def put_meta(self, items: dict[str, Any]) -> None:
        await self.journal.write(Journal.put_meta(items))
        self._emit("meta", items)

    def close(self) -> None:
        self.journal.close()
