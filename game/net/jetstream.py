"""A class shared by several hosts, stored in NATS JetStream (`parley host --backend nats://...`).

- Moves: the stream `PARLEY_<class>` with one subject per table,
  `parley.<class>.<table>.moves`, on file storage. A message is a batch (a
  student's move, or a computer seat's whole turn). A table's version is the
  stream sequence of its last batch: every append carries
  `Nats-Expected-Last-Subject-Sequence: <version>`, so when two hosts race for
  move n the server stores one and refuses the other (`Conflict`: the loser reads
  the winner's batch with `since` and answers its student from there), and
  `Nats-Msg-Id: <class>.<table>.<seq>.<host>`, so a publish retried after a lost
  acknowledgement (a server restart) is stored once.
- Seats, the class's settings and presence: key-value buckets
  `parley_<class>_seats` (a seat is created only if absent; changed with
  compare-and-set on its revision), `parley_<class>_class` (key `meta`, created
  by the first host) and `parley_<class>_presence` (each host's connected seats,
  with a TTL, so a dead host's students show as gone).
- The hub: one ordered consumer on every table's subject and watchers on the
  buckets feed `listen`'s handler with every batch, seat and setting, whoever
  wrote it. After a reconnection they start again where they were.

nats-py is asyncio; the host's loop must never wait on the network for a read,
so the client runs on its own event loop in a thread (like the SQLite journal's
writer thread) and the host awaits its futures.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import secrets
import threading
import time
from typing import Any

try:
    import nats
    from nats.errors import ConnectionClosedError, NoServersError, TimeoutError as NatsTimeout
    from nats.js import api
    from nats.js.errors import APIError, KeyNotFoundError, KeyWrongLastSequenceError, NoKeysError, NotFoundError, \
        NoStreamResponseError
except ImportError:  # without the `nats` extra the module still loads; `installed()` says so
    nats = api = None

    class _Missing(Exception):
        pass

    ConnectionClosedError = NoServersError = NatsTimeout = APIError = KeyNotFoundError = _Missing
    KeyWrongLastSequenceError = NoKeysError = NotFoundError = NoStreamResponseError = _Missing

from game.net.store import Batch, ClassStore, Conflict, Loaded, SEAT_FIELDS, StoreUnavailable, seat_row

CLASS_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")  # as checked by `parley host --class-id`
WRONG_LAST_SEQUENCE = 10071
PATIENCE = 30.0          # seconds an append keeps retrying while the server is away
PRESENCE_TTL, PRESENCE_EVERY = 10.0, 2.0
RETRYABLE = (NatsTimeout, asyncio.TimeoutError, NoStreamResponseError, ConnectionClosedError, NoServersError, OSError)


def installed() -> bool:
    """Whether nats-py (the `nats` extra) is installed."""
    return nats is not None


def valid_class_id(class_id: str) -> bool:
    return bool(CLASS_ID.match(class_id))


class JetStreamStore(ClassStore):
    shared = True

    def __init__(self, url: str, class_id: str, *, replicas: int = 1, timeout: float = 5.0,
                 host_id: str | None = None):
        if not valid_class_id(class_id):
            raise ValueError(class_id)
        self.url, self.class_id, self.replicas, self.timeout = url, class_id, replicas, timeout
        self.host_id = host_id or secrets.token_hex(4)
        self.stream = f"PARLEY_{class_id}"
        self._lock = threading.Lock()
        self._loaded = False
        self._events: list[tuple[str, Any]] = []       # before listen(): kept, then handed over in order
        self._batches: list[Batch] = []
        self._seats: dict[tuple[int, str], tuple[dict, int]] = {}
        self._meta: dict[str, Any] | None = None
        self._last_stream_seq = 0
        self._seat_revision = 0  # the last change of the seats bucket this host's watcher has seen
        self._present: set[tuple[int, str]] = set()
        self._others: set[tuple[int, str]] = set()
        self._nloop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._nloop.run_forever, name="parley-jetstream", daemon=True)
        self._thread.start()
        try:
            self._call(self._connect(), timeout + 10)
        except Exception:
            self.close()
            raise

    # -- the client's own loop ----------------------------------------------------------------
    def _call(self, coro, timeout: float | None = None):
        future = asyncio.run_coroutine_threadsafe(coro, self._nloop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise StoreUnavailable("no answer from the server") from None

    async def _on(self, coro):
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self._nloop))

    async def _connect(self) -> None:
        self.last_error = ""

        async def noted(exc: Exception) -> None:  # the client's errors, kept for a clear message (not printed)
            self.last_error = str(exc) or type(exc).__name__

        try:
            self.nc = await asyncio.wait_for(nats.connect(
                [u.strip() for u in self.url.split(",") if u.strip()], name=f"parley-host-{self.host_id}", connect_timeout=self.timeout, max_reconnect_attempts=-1,
                reconnect_time_wait=0.5, allow_reconnect=True, reconnected_cb=self._reconnected, error_cb=noted),
                self.timeout)
        except (NoServersError, OSError, NatsTimeout, asyncio.TimeoutError, nats.errors.Error) as exc:
            raise StoreUnavailable(self.last_error or str(exc) or "no answer") from None
        self.js = self.nc.jetstream(timeout=self.timeout)
        try:
            await self.js.add_stream(name=self.stream, subjects=[f"parley.{self.class_id}.*.moves"],
                                     storage=api.StorageType.FILE, num_replicas=self.replicas,
                                     duplicate_window=120.0)
        except APIError as exc:
            raise StoreUnavailable(f"JetStream refused the class's stream: {exc.description}") from None
        bucket = f"parley_{self.class_id}"
        kv = dict(storage=api.StorageType.FILE, replicas=self.replicas, history=1)
        self.kv_meta = await self.js.create_key_value(bucket=bucket + "_class", **kv)
        self.kv_seats = await self.js.create_key_value(bucket=bucket + "_seats", **kv)
        self.kv_presence = await self.js.create_key_value(bucket=bucket + "_presence", ttl=PRESENCE_TTL, **kv)
        self.kv_pins = await self.js.create_key_value(bucket=bucket + "_pins", **kv)  # a PIN is given once per class
        try:
            entry = await self.kv_meta.get("meta")
            self._meta = json.loads(entry.value)
        except KeyNotFoundError:
            self._meta = None
        self._caught_up = asyncio.Event()
        self._seats_ready = asyncio.Event()
        await self._subscribe()
        await asyncio.wait_for(asyncio.gather(self._caught_up.wait(), self._seats_ready.wait()), self.timeout + 10)
        await self._seats_heard()  # the watcher's "no more for now" can come before the last seat under load
        self._presence_task = asyncio.ensure_future(self._presence_loop())

    async def _subscribe(self) -> None:
        """The live tail of every table (from the last batch seen on) and the seats' watcher."""
        target = (await self.js.stream_info(self.stream)).state.last_seq
        if target <= self._last_stream_seq:
            self._caught_up.set()
        start = self._last_stream_seq + 1
        self._sub = await self.js.subscribe(f"parley.{self.class_id}.*.moves", cb=self._on_batch, ordered_consumer=True,
                                            config=api.ConsumerConfig(deliver_policy=api.DeliverPolicy.BY_START_SEQUENCE,
                                                                      opt_start_seq=start),
                                            idle_heartbeat=2.0, stream=self.stream)
        self._target = target
        self._watcher = await self.kv_seats.watchall()
        self._watch_task = asyncio.ensure_future(self._watch_seats(self._watcher))

    async def _reconnected(self) -> None:
        """After the server came back: consumers on it may be gone, so start them again where we were."""
        for stop in (lambda: self._sub.unsubscribe(), lambda: self._watcher.stop()):
            try:
                await stop()
            except Exception:  # already gone with the old connection
                pass
        self._watch_task.cancel()
        for attempt in range(40):
            try:
                await self._subscribe()
                return
            except RETRYABLE + (APIError,):
                await asyncio.sleep(0.25)

    async def _on_batch(self, msg) -> None:
        sseq = msg.metadata.sequence.stream
        if sseq <= self._last_stream_seq:
            return
        self._last_stream_seq = sseq
        data = json.loads(msg.data)
        table = int(msg.subject.split(".")[2])
        batch = Batch(table, int(data["seq"]), sseq, tuple(tuple(m) for m in data["moves"]))
        with self._lock:
            if not self._loaded:
                self._batches.append(batch)
            else:
                self._event("batch", batch)
        if sseq >= self._target:
            self._caught_up.set()

    async def _watch_seats(self, watcher) -> None:
        async for entry in watcher:
            if entry is None:
                self._seats_ready.set()
                continue
            self._seat_revision = max(self._seat_revision, entry.revision or 0)
            if entry.value is None or entry.operation is not None:
                continue
            t, party = entry.key[1:].split(".", 1)
            record = json.loads(entry.value)
            with self._lock:
                self._seats[(int(t), party)] = (record, entry.revision)
                if self._loaded:
                    self._event("seat", seat_row(int(t), party, record))

    async def _presence_loop(self) -> None:
        while True:
            try:
                await self.kv_presence.put(self.host_id, json.dumps(sorted(self._present)).encode())
                others: set[tuple[int, str]] = set()
                try:
                    keys = await self.kv_presence.keys()
                except NoKeysError:
                    keys = []
                for key in keys:
                    if key != self.host_id:
                        try:
                            others |= {(int(t), p) for t, p in json.loads((await self.kv_presence.get(key)).value)}
                        except (KeyNotFoundError, ValueError, TypeError):
                            pass  # expired between keys() and get()
                meta = json.loads((await self.kv_meta.get("meta")).value)
                if meta.get("ended") and not (self._meta or {}).get("ended"):
                    self._meta = meta
                    with self._lock:
                        if self._loaded:
                            self._event("meta", {"ended": True})
                if others != self._others:
                    self._others = others
                    with self._lock:
                        if self._loaded:
                            self._event("presence", set(others))
            except RETRYABLE + (APIError,):
                pass
            await asyncio.sleep(PRESENCE_EVERY)

    def _event(self, kind: str, value: Any) -> None:
        """Under the lock: hand an event to the host, or keep it until the host listens."""
        if getattr(self, "_handler", None) is None:
            self._events.append((kind, value))
        else:
            self._emit(kind, value)

    # -- ClassStore ---------------------------------------------------------------------------
    def exists(self) -> bool:
        return self._meta is not None

    def create(self, meta: dict[str, Any]) -> bool:
        async def put() -> bool:
            try:
                await self.kv_meta.create("meta", json.dumps(meta).encode())
            except KeyWrongLastSequenceError:
                self._meta = json.loads((await self.kv_meta.get("meta")).value)
                return False
            self._meta = dict(meta)
            with self._lock:  # a new class: nothing to load, everything from now on goes to the hub
                self._loaded = True
                self._events.extend(("batch", b) for b in self._batches)
                self._events.extend(("seat", seat_row(t, p, r)) for (t, p), (r, _rev) in self._seats.items())
            return True
        return self._call(put(), self.timeout + 5)

    def load(self) -> Loaded:
        with self._lock:
            self._loaded = True
            seats = [seat_row(t, p, record) for (t, p), (record, _rev) in sorted(self._seats.items())]
            return Loaded(dict(self._meta or {}), seats, list(self._batches))

    def listen(self, loop: asyncio.AbstractEventLoop, handler) -> None:
        with self._lock:
            super().listen(loop, handler)
            for kind, value in self._events:
                self._emit(kind, value)
            self._events.clear()

    async def append(self, table: int, seq: int, moves: list[tuple], version: int) -> int:
        return await self._on(self._append(table, seq, moves, version))

    async def _append(self, table: int, seq: int, moves: list[tuple], version: int) -> int:
        data = json.dumps({"seq": seq, "moves": [list(m) for m in moves]}, sort_keys=True).encode()
        headers = {"Nats-Expected-Last-Subject-Sequence": str(version),
                   "Nats-Msg-Id": f"{self.class_id}.{table}.{seq}.{self.host_id}"}
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                ack = await self.js.publish(f"parley.{self.class_id}.{table}.moves", data, headers=dict(headers))
                return ack.seq
            except APIError as exc:
                if exc.err_code == WRONG_LAST_SEQUENCE:
                    raise Conflict(f"table {table}: someone appended after version {version}") from None
                if time.monotonic() > deadline:
                    raise StoreUnavailable(str(exc)) from None
            except RETRYABLE as exc:
                if time.monotonic() > deadline:
                    raise StoreUnavailable(str(exc)) from None
            await asyncio.sleep(0.2)

    async def since(self, table: int, version: int) -> list[Batch]:
        return await self._on(self._since(table, version))

    async def _since(self, table: int, version: int) -> list[Batch]:
        found, subject = [], f"parley.{self.class_id}.{table}.moves"
        while True:
            try:
                raw = await self.js.get_msg(self.stream, seq=version + 1, subject=subject, next=True)
            except NotFoundError:
                return found
            data = json.loads(raw.data)
            found.append(Batch(table, int(data["seq"]), raw.seq, tuple(tuple(m) for m in data["moves"])))
            version = raw.seq

    async def put_seat(self, table: int, party: str, record: dict[str, Any], *, new: bool) -> None:
        await self._on(self._put_seat(table, party, {k: record.get(k) for k in SEAT_FIELDS}, new))
        self._emit("seat", seat_row(table, party, record))

    async def _put_seat(self, table: int, party: str, record: dict, new: bool) -> None:
        key, value = f"t{table}.{party}", json.dumps(record).encode()
        try:
            if new:
                rev = await self.kv_seats.create(key, value)
            else:
                rev = await self.kv_seats.update(key, value, last=self._seats.get((table, party), ({}, 0))[1])
        except KeyWrongLastSequenceError:
            raise Conflict(f"table {table}: the {party} seat changed on another host") from None
        with self._lock:
            self._seats[(table, party)] = (record, rev)

    async def claim_pin(self, pin: str, table: int, party: str) -> bool:
        async def create() -> bool:
            try:
                await self.kv_pins.create(pin, f"{table}.{party}".encode())
                return True
            except KeyWrongLastSequenceError:
                return False
        return await self._on(create())

    async def seats_now(self) -> list[tuple]:
        return await self._on(self._seats_now())

    async def _seats_now(self) -> list[tuple]:
        await self._seats_heard()
        with self._lock:
            return [seat_row(t, p, record) for (t, p), (record, _rev) in sorted(self._seats.items())]

    async def _seats_heard(self) -> None:
        """Wait (at most the timeout) until the seats' watcher has seen every change stored so far."""
        try:
            info = await self.js.stream_info(f"KV_parley_{self.class_id}_seats")
        except RETRYABLE + (APIError,):
            raise StoreUnavailable("no answer from the server") from None
        last = info.state.last_seq or 0
        for _n in range(int(self.timeout / 0.01)):
            if self._seat_revision >= last:
                return
            await asyncio.sleep(0.01)

    async def put_meta(self, items: dict[str, Any]) -> None:
        async def merge() -> None:
            while True:
                entry = await self.kv_meta.get("meta")
                meta = {**json.loads(entry.value), **items}
                try:
                    await self.kv_meta.update("meta", json.dumps(meta).encode(), last=entry.revision)
                    self._meta = meta
                    return
                except KeyWrongLastSequenceError:
                    continue
        await self._on(merge())
        self._emit("meta", items)

    async def present(self, seats: set[tuple[int, str]]) -> None:
        self._present = set(seats)

    def close(self) -> None:
        async def stop() -> None:
            task = getattr(self, "_presence_task", None)
            if task is not None:
                task.cancel()
            nc = getattr(self, "nc", None)
            if nc is not None and not nc.is_closed:
                try:
                    await asyncio.wait_for(nc.close(), 3)
                except Exception:  # closing a connection that is already broken
                    pass
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in others:
                t.cancel()
            await asyncio.gather(*others, return_exceptions=True)
        if self._nloop.is_running():
            try:
                self._call(stop(), 5)
            except Exception:
                pass
            self._nloop.call_soon_threadsafe(self._nloop.stop)
            self._thread.join(5)
        if not self._thread.is_alive() and not self._nloop.is_closed():
            self._nloop.close()
