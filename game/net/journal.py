"""The class journal: one SQLite file holding every seat and every move, durably.

The file runs in WAL mode with `synchronous=FULL`: a commit is on disk when it
returns. One writer thread owns the writing connection and commits in groups:
it takes every write waiting in its queue, applies each in its own savepoint
(a failing write fails alone), commits once, and only then resolves the
writers' futures. The host acknowledges or broadcasts a move only after its
future resolved, so no acknowledged move can be lost by a crash of the host.

Tables: `meta` (key, JSON value), `seats` (table, party, name, token hash, PIN,
kind, strategy) and `moves` (table, seq, party, move JSON, the client's id), the
last keyed by (table, seq) so a move can never be stored twice.
"""

from __future__ import annotations

import asyncio
import json
import queue
import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Iterable

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seats (table_id INTEGER NOT NULL, party TEXT NOT NULL, name TEXT NOT NULL,
    token_hash TEXT, pin TEXT, kind TEXT NOT NULL, strategy TEXT, PRIMARY KEY (table_id, party));
CREATE TABLE IF NOT EXISTS moves (table_id INTEGER NOT NULL, seq INTEGER NOT NULL, party TEXT NOT NULL,
    move TEXT NOT NULL, client_id TEXT, PRIMARY KEY (table_id, seq));
"""

Write = list[tuple[str, tuple]]
_STOP = object()


def connect(path: str | Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    return db


class Journal:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = connect(self.path)
        self._db.executescript(SCHEMA)
        self._queue: queue.Queue = queue.Queue()
        self.commits = 0        # group commits made
        self.writes = 0         # writes committed
        self._thread = threading.Thread(target=self._run, name="parley-journal", daemon=True)
        self._thread.start()

    # -- writing (any thread) -----------------------------------------------------------
    def submit(self, statements: Write) -> Future:
        future: Future = Future()
        self._queue.put((statements, future))
        return future

    async def write(self, statements: Write) -> None:
        """Commit `statements` (one all-or-nothing write); returns once they are on disk."""
        await asyncio.wrap_future(self.submit(statements))

    def write_now(self, statements: Write) -> None:
        self.submit(statements).result()

    def _run(self) -> None:
        db = self._db
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            batch = [item]
            while len(batch) < 512:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    self._queue.put(_STOP)
                    break
                batch.append(more)
            outcomes = self._commit(db, batch, one_by_one=False)
            if outcomes is None:  # a write failed (a move stored twice...): again, each write on its own
                outcomes = self._commit(db, batch, one_by_one=True)
            self.commits += 1
            for (_statements, future), error in zip(batch, outcomes):
                if error is None:
                    self.writes += 1
                    future.set_result(None)
                else:
                    future.set_exception(error)

    @staticmethod
    def _commit(db, batch: list, one_by_one: bool) -> list[BaseException | None] | None:
        """One transaction for the whole batch, committed (synchronous=FULL) before any write is answered.
        At once, the usual case; `one_by_one`, each write in a savepoint, so a failing one fails alone.
        None: a write failed at once (nothing was committed)."""
        outcomes: list[BaseException | None] = []
        try:
            db.execute("BEGIN IMMEDIATE")
            for statements, _future in batch:
                if not one_by_one:
                    for sql, params in statements:
                        db.execute(sql, params)
                    outcomes.append(None)
                    continue
                db.execute("SAVEPOINT one")
                try:
                    for sql, params in statements:
                        db.execute(sql, params)
                    db.execute("RELEASE one")
                    outcomes.append(None)
                except sqlite3.Error as exc:
                    db.execute("ROLLBACK TO one")
                    db.execute("RELEASE one")
                    outcomes.append(exc)
            db.execute("COMMIT")
            return outcomes
        except sqlite3.Error as exc:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if not one_by_one and len(outcomes) < len(batch):  # a write failed: the caller tries one by one
                return None
            return [exc] * len(batch)  # the commit itself failed (disk full...): every write fails

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()
        self._db.close()

    # -- the statements ---------------------------------------------------------------------
    @staticmethod
    def put_meta(items: dict[str, Any]) -> Write:
        return [("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (k, json.dumps(v))) for k, v in items.items()]

    @staticmethod
    def put_seat(table: int, party: str, name: str, token_hash: str | None, pin: str | None,
                 kind: str, strategy: str | None) -> Write:
        return [("INSERT OR REPLACE INTO seats (table_id, party, name, token_hash, pin, kind, strategy) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?)", (table, party, name, token_hash, pin, kind, strategy))]

    @staticmethod
    def put_move(table: int, seq: int, party: str, move: dict, client_id: str | None) -> Write:
        return [("INSERT INTO moves (table_id, seq, party, move, client_id) VALUES (?, ?, ?, ?, ?)",
                 (table, seq, party, json.dumps(move, sort_keys=True), client_id))]

    # -- reading (at start-up, before writes begin) ------------------------------------------
    def meta(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM meta")}

    def seats(self) -> Iterable[tuple]:
        return self._db.execute("SELECT table_id, party, name, token_hash, pin, kind, strategy FROM seats").fetchall()

    def moves(self) -> list[tuple[int, int, str, dict, str | None]]:
        rows = self._db.execute("SELECT table_id, seq, party, move, client_id FROM moves ORDER BY table_id, seq")
        return [(t, s, p, json.loads(m), c) for t, s, p, m, c in rows.fetchall()]


def read_moves(path: str | Path) -> list[tuple[int, int, str, dict, str | None]]:
    """Every stored move, read with a separate connection (tests, benchmarks)."""
    db = connect(path)
    try:
        rows = db.execute("SELECT table_id, seq, party, move, client_id FROM moves ORDER BY table_id, seq").fetchall()
        return [(t, s, p, json.loads(m), c) for t, s, p, m, c in rows]
    finally:
        db.close()
