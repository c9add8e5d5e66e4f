"""The class store's contract, on both backends: the SQLite journal and NATS JetStream (a real server)."""

from __future__ import annotations

import asyncio

import pytest

from game.net.jetstream import JetStreamStore
from game.net.store import Conflict, SqliteStore
from natskit import NatsServer


@pytest.fixture(scope="module")
def nats_server(tmp_path_factory):
    server = NatsServer(tmp_path_factory.mktemp("nats")).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "nats"])
def opener(request, tmp_path, nats_server):
    """A function that opens the same class's store again (a second host, or the host after a restart)."""
    opened = []

    def open_store():
        if request.param == "sqlite":
            store = SqliteStore(tmp_path / "class.sqlite")
        else:
            store = JetStreamStore(nats_server.url, f"c{abs(hash(str(tmp_path))) % 10**8}")
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


def run(coro):
    return asyncio.run(coro)


SAY = {"kind": "say", "act": "ask_priorities"}


def test_the_first_creates_the_class_and_the_settings_are_read_back(opener):
    store = opener()
    assert not store.exists()
    assert store.create({"tables": 3, "code": "ABCDEF"})
    assert not store.create({"tables": 9})  # a class is created once
    run(store.put_meta({"ended": True}))
    store.close()
    again = opener()
    assert again.exists() and again.load().meta == {"tables": 3, "code": "ABCDEF", "ended": True}


def test_moves_come_back_in_order_and_move_n_is_stored_once(opener):
    store = opener()
    store.create({"tables": 2})
    store.load()

    async def play():
        v1 = await store.append(1, 1, [("russia", SAY, "a1")], 0)
        v2 = await store.append(1, 2, [("turkey", SAY, None), ("turkey", {"kind": "walk_away"}, None)], v1)
        w1 = await store.append(2, 1, [("turkey", SAY, "b1")], 0)
        with pytest.raises(Conflict):  # a second host with the old version: refused, nothing written
            await store.append(1, 2, [("russia", SAY, "a2")], v1)
        with pytest.raises(Conflict):  # the same batch again (a retry after the ack was lost): not stored twice
            await store.append(1, 2, [("turkey", SAY, None), ("turkey", {"kind": "walk_away"}, None)], v1)
        missed = await store.since(1, v1)
        return v2, w1, missed

    v2, w1, missed = run(play())
    assert [(b.seq + n, m[0]) for b in missed for n, m in enumerate(b.moves)] == [(2, "turkey"), (3, "turkey")]
    assert missed[-1].version == v2
    store.close()
    loaded = opener().load()
    moves = [(b.table, b.seq + n, m[0], m[2]) for b in loaded.batches for n, m in enumerate(b.moves)]
    assert sorted(moves) == [(1, 1, "russia", "a1"), (1, 2, "turkey", None), (1, 3, "turkey", None),
                             (2, 1, "turkey", "b1")]
    assert [b.version for b in loaded.batches if b.table == 1][-1] == v2
    assert [b.version for b in loaded.batches if b.table == 2][-1] == w1


def test_a_seat_is_taken_once_and_changed_in_place(opener):
    store = opener()
    store.create({"tables": 1})
    store.load()
    seat = {"name": "Ayşe", "token_hash": "h1", "pin": "1234", "kind": "human", "strategy": None}

    async def sit():
        await store.put_seat(1, "russia", seat, new=True)
        with pytest.raises(Conflict):
            await store.put_seat(1, "russia", {**seat, "name": "Boris"}, new=True)
        await store.put_seat(1, "russia", {**seat, "token_hash": "h2"}, new=False)
        await store.put_seat(1, "turkey", {"name": "Computer", "kind": "ai", "strategy": "boulware"}, new=True)

    run(sit())
    store.close()
    seats = sorted(opener().load().seats)
    assert seats == [(1, "russia", "Ayşe", "h2", "1234", "human", None),
                     (1, "turkey", "Computer", None, None, "ai", "boulware")]


def test_the_hub_hands_every_write_to_the_listener_in_order(opener):
    store = opener()
    store.create({"tables": 1})
    store.load()
    got = []

    async def listen():
        store.listen(asyncio.get_running_loop(), lambda kind, value: got.append((kind, value)))
        v = await store.append(1, 1, [("russia", SAY, "x")], 0)
        await store.append(1, 2, [("turkey", SAY, "y")], v)
        await store.put_seat(1, "russia", {"name": "A", "kind": "human"}, new=True)
        for _ in range(100):
            if len([k for k, _v in got if k == "batch"]) >= 2 and any(k == "seat" for k, _v in got):
                break
            await asyncio.sleep(0.02)

    run(listen())
    batches = [v for k, v in got if k == "batch"]
    assert [(b.seq, b.moves[0][2]) for b in batches][:2] == [(1, "x"), (2, "y")]
    assert ("seat", (1, "russia", "A", None, None, "human", None)) in got


def test_two_hosts_of_one_class_on_jetstream_see_each_other(nats_server):
    first, second = JetStreamStore(nats_server.url, "shared1"), JetStreamStore(nats_server.url, "shared1")
    try:
        assert first.create({"tables": 1}) and not second.create({"tables": 5})
        assert second.load().meta == {"tables": 1}
        got, heard = [], []  # what the second host hears, and the first (which created the class, loading nothing)

        async def race():
            second.listen(asyncio.get_running_loop(), lambda kind, value: got.append((kind, value)))
            first.listen(asyncio.get_running_loop(), lambda kind, value: heard.append((kind, value)))
            v = await first.append(1, 1, [("russia", SAY, "r1")], 0)
            with pytest.raises(Conflict):  # the second host had not seen move 1 yet
                await second.append(1, 1, [("turkey", SAY, "t1")], 0)
            caught = await second.since(1, 0)
            assert [(b.seq, b.version, b.moves[0][2]) for b in caught] == [(1, v, "r1")]
            await second.append(1, 2, [("turkey", SAY, "t2")], v)
            await first.put_seat(1, "russia", {"name": "A", "kind": "human"}, new=True)
            with pytest.raises(Conflict):
                await second.put_seat(1, "russia", {"name": "B", "kind": "human"}, new=True)
            await first.present({(1, "russia")})
            for _ in range(200):
                if any(k == "presence" for k, _v in got) and any(k == "seat" for k, _v in got):
                    break
                await asyncio.sleep(0.05)

        run(race())
        assert [b.moves[0][2] for k, b in got if k == "batch"] == ["r1", "t2"]
        assert [b.moves[0][2] for k, b in heard if k == "batch"] == ["r1", "t2"]
        assert ("seat", (1, "russia", "A", None, None, "human", None)) in got
        assert ("presence", {(1, "russia")}) in got
    finally:
        first.close()
        second.close()


def test_an_append_waits_for_a_restarted_server_and_the_log_survives(tmp_path):
    server = NatsServer(tmp_path / "store").start()
    store = None
    try:
        store = JetStreamStore(server.url, "restart1")
        store.create({"tables": 1})
        store.load()

        async def across_a_restart():
            v = await store.append(1, 1, [("russia", SAY, "before")], 0)
            server.restart()
            return await store.append(1, 2, [("turkey", SAY, "after")], v)

        run(across_a_restart())
        store.close()
        store = JetStreamStore(server.url, "restart1")
        assert [b.moves[0][2] for b in store.load().batches] == ["before", "after"]
    finally:
        if store is not None:
            store.close()
        server.stop()


def test_tls_to_a_server_with_the_schools_own_certificate(tmp_path, monkeypatch):
    """`--backend tls://...`: refused with the reason while the certificate is not trusted, and a working
    store once SSL_CERT_FILE names it (what docs/deployment.md tells a school with its own CA)."""
    import subprocess

    from game.net.store import StoreUnavailable

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    server = NatsServer(tmp_path / "nats", tls=(cert, key)).start()
    try:
        assert server.url.startswith("tls://")
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "nowhere.pem"))
        with pytest.raises(StoreUnavailable, match="certificate verify failed"):
            JetStreamStore(server.url, "tlsclass", timeout=3)
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        store = JetStreamStore(server.url, "tlsclass", timeout=3)
        try:
            assert store.create({"tables": 1}) and store.load().meta == {"tables": 1}
            assert run(store.append(1, 1, [("russia", SAY, "a1")], 0)) > 0
        finally:
            store.close()
        again = JetStreamStore(server.url, "tlsclass", timeout=3)
        try:
            [batch] = again.load().batches
            assert batch.moves[0][:2] == ("russia", SAY)
        finally:
            again.close()
    finally:
        server.stop()


def test_a_failing_write_fails_alone_in_its_group_commit(tmp_path):
    """A group commit goes at once; when one of its writes fails (a move stored twice), nothing of it is
    committed and it is made again write by write: the others are stored, the failing one alone refused."""
    import sqlite3

    from game.net.journal import Journal, connect, read_moves

    path = tmp_path / "class.sqlite"
    Journal(path).close()
    db = connect(path)
    batch = [(Journal.put_move(1, 1, "russia", {"kind": "accept"}, "a"), None),
             (Journal.put_move(1, 1, "turkey", {"kind": "accept"}, "b"), None),  # the same table and seq
             (Journal.put_move(2, 1, "russia", {"kind": "accept"}, "c"), None)]
    assert Journal._commit(db, batch, one_by_one=False) is None
    assert read_moves(path) == []
    outcomes = Journal._commit(db, batch, one_by_one=True)
    assert outcomes[0] is None and isinstance(outcomes[1], sqlite3.IntegrityError) and outcomes[2] is None
    assert [(t, s, p, c) for t, s, p, _m, c in read_moves(path)] == [(1, 1, "russia", "a"), (2, 1, "russia", "c")]
    db.close()
