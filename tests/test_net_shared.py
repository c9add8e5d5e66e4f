"""Two `parley host` processes sharing one class over NATS JetStream; one is killed, then the server restarts."""

from __future__ import annotations

import json
import signal
import subprocess
import time

from game.net.jetstream import JetStreamStore
from game.negotiation import transcript as tr
from game.play.catalog import load_scenario
from natskit import NatsServer
from test_net_host import ENV, PARLEY, start_host

TABLES = 2


def stored_moves(url: str, class_id: str) -> list[tuple]:
    store = JetStreamStore(url, class_id)
    try:
        return [(b.table, b.seq + n, *m) for b in store.load().batches for n, m in enumerate(b.moves)]
    finally:
        store.close()


def wait_for(url: str, class_id: str, count: int, timeout: float = 40) -> None:
    """Until every table has `count` moves (both seats moving: so both hosts hear each other)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        moves = stored_moves(url, class_id)
        if all(sum(m[0] == t for m in moves) >= count for t in range(1, TABLES + 1)):
            return
        time.sleep(0.2)
    raise AssertionError(f"a table has fewer than {count} moves after {timeout} s")


def shared_host(tmp_path, name: str, nats: NatsServer, class_id: str) -> tuple[subprocess.Popen, dict]:
    info = tmp_path / f"{name}.json"
    proc = start_host(tmp_path / name, info, "--port", "0", "--tables", str(TABLES), "--backend", nats.url,
                      "--class-id", class_id)
    return proc, json.loads(info.read_text())


def students(urls: list[str], code: str) -> list[subprocess.Popen]:
    """Four students; every other one lists the hosts the other way round (spread over both)."""
    procs = []
    for n, strategy in enumerate(["boulware", "conceder", "linear", "titfortat"]):
        order = ",".join(urls if n % 2 == 0 else urls[::-1])
        procs.append(subprocess.Popen(PARLEY + ["join", order, "--code", code, "--name", f"Student {n}", "--ai", strategy,
                                                "--think", "0.05", "--json"],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV))
    return procs


def finish(procs: list[subprocess.Popen]) -> list[dict]:
    try:
        outputs = [p.communicate(timeout=90) for p in procs]
    finally:
        for p in procs:
            p.kill()
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _out, err in outputs]
    return [json.loads(out) for out, _err in outputs]


def check(reports: list[dict], folder, moves: list[tuple]) -> None:
    """No acknowledged move lost or stored twice; every table's transcript replays to what the seats were told."""
    ids = [m[4] for m in moves if m[4]]
    assert len(ids) == len(set(ids))
    for t in range(1, TABLES + 1):
        assert [m[1] for m in moves if m[0] == t] == list(range(1, 1 + sum(m[0] == t for m in moves)))
    assert {(r["table"], r["party"]) for r in reports} == {(t, p) for t in range(1, TABLES + 1) for p in ("russia", "turkey")}
    scenario = load_scenario("moscow_2020")
    for report in reports:
        transcript = tr.read(folder / "transcripts" / f"table-{report['table']}.jsonl")
        decisive = [m for m in transcript.moves if m.party == report["party"] and m.kind.value != "say"]
        assert report["acked"] == len(decisive)
        assert transcript.records[-1]["result"] == report["result"]
        assert tr.replay(transcript, scenario).result() == report["result"]


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def test_two_hosts_share_a_class_and_one_dies(tmp_path):
    nats = NatsServer(tmp_path / "nats").start()
    first = second = None
    try:
        first, a = shared_host(tmp_path, "a", nats, "killed")
        second, b = shared_host(tmp_path, "b", nats, "killed")
        assert a["code"] == b["code"]  # the second host serves the class the first one created
        procs = students([a["url"], b["url"]], a["code"])
        wait_for(nats.url, "killed", 4)
        first.send_signal(signal.SIGKILL)
        first.wait()
        reports = finish(procs)
        stop(second)
        check(reports, tmp_path / "b", stored_moves(nats.url, "killed"))
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.kill()
                proc.wait()
        nats.stop()


def test_a_class_goes_on_when_the_nats_server_restarts(tmp_path):
    nats = NatsServer(tmp_path / "nats").start()
    hosts = []
    try:
        first, a = shared_host(tmp_path, "a", nats, "restarted")
        hosts.append(first)
        second, b = shared_host(tmp_path, "b", nats, "restarted")
        hosts.append(second)
        procs = students([a["url"], b["url"]], a["code"])
        wait_for(nats.url, "restarted", 3)
        nats.restart()  # both hosts reconnect and hear each other again (the hub starts where it was)
        reports = finish(procs)
        for proc in hosts:
            stop(proc)
        moves = stored_moves(nats.url, "restarted")
        check(reports, tmp_path / "a", moves)
        check(reports, tmp_path / "b", moves)
    finally:
        for proc in hosts:
            proc.kill()
            proc.wait()
        nats.stop()


def test_backend_mistakes_are_clear_errors(tmp_path, capsys, monkeypatch):
    from game.main import main
    from game.net import jetstream

    from natskit import free_port

    base = ["host", "moscow_2020", "--class-dir", str(tmp_path / "c"), "--port", "0"]
    assert main(base + ["--class-id", "x"]) == 1
    assert "--class-id needs --backend" in capsys.readouterr().err
    assert main(base + ["--backend", "http://127.0.0.1:4222", "--class-id", "x"]) == 1
    assert "NATS address" in capsys.readouterr().err
    assert main(base + ["--backend", "nats://127.0.0.1:4222", "--class-id", "no spaces"]) == 1
    assert "--backend needs --class-id" in capsys.readouterr().err
    with monkeypatch.context() as m:
        m.setattr(jetstream, "nats", None)  # a plain install, without the nats extra
        assert main(base + ["--backend", "nats://127.0.0.1:4222", "--class-id", "x"]) == 1
    assert "needs the nats extra" in capsys.readouterr().err
    assert main(base + ["--backend", f"nats://127.0.0.1:{free_port()}", "--class-id", "x"]) == 1
    err = capsys.readouterr().err
    assert "cannot use NATS JetStream at nats://127.0.0.1:" in err and "nats-server" in err and "Traceback" not in err
