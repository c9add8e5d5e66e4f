"""`parley host` and `parley join --ai` as real processes on loopback: a class, a crash, a resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from game.net.journal import read_moves
from game.play.catalog import load_scenario
from game.negotiation import transcript as tr

PARLEY = [sys.executable, "-m", "game"]
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def start_host(folder: Path, info: Path, *extra: str) -> subprocess.Popen:
    info.unlink(missing_ok=True)
    proc = subprocess.Popen(PARLEY + ["host", "moscow_2020", "--host", "127.0.0.1", "--class-dir", str(folder),
                                      "--info-file", str(info), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    deadline = time.monotonic() + 30
    while not info.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the host did not start"
        time.sleep(0.05)
    return proc


def wait_for_moves(journal: Path, count: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            n = len(read_moves(journal))
        except Exception:  # the file is being created
            n = 0
        if n >= count:
            return n
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} moves after {timeout} s")


def test_a_class_survives_a_killed_host(tmp_path):
    folder, info = tmp_path / "class", tmp_path / "host.json"
    tables = 2
    host = start_host(folder, info, "--port", "0", "--tables", str(tables))
    where = json.loads(info.read_text())
    assert where["url"].startswith("ws://127.0.0.1:") and where["teacher_url"].startswith("http://127.0.0.1:")
    wrong = subprocess.Popen(PARLEY + ["join", where["url"], "--code", "ZZZZZZ", "--name", "X", "--ai", "linear"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    strategies = ["boulware", "conceder", "linear", "titfortat", "boulware", "linear"]
    students = [subprocess.Popen(PARLEY + ["join", where["url"], "--code", where["code"], "--name", f"Student {n}",
                                           "--ai", strategy, "--think", "0.01", "--json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
                for n, strategy in enumerate(strategies[: tables * 2])]
    _out, err = wrong.communicate(timeout=60)
    assert wrong.returncode == 1 and "not the code of this class" in err and "Traceback" not in err
    journal = folder / "class.sqlite"
    before = wait_for_moves(journal, 10)
    host.send_signal(signal.SIGKILL)
    host.wait()
    port = where["url"].rsplit(":", 1)[1]
    host = start_host(folder, info, "--resume", "--port", port)
    try:
        outputs = [s.communicate(timeout=40) for s in students]
    finally:
        for s in students:
            s.kill()
    host.send_signal(signal.SIGINT)
    host.communicate(timeout=20)
    assert all(s.returncode == 0 for s in students), [err for _out, err in outputs]
    reports = [json.loads(out) for out, _err in outputs]
    scenario = load_scenario("moscow_2020")
    moves = read_moves(journal)
    assert len(moves) >= before
    ids = [m[4] for m in moves if m[4]]
    assert len(ids) == len(set(ids))  # no move stored twice
    assert {(r["table"], r["party"]) for r in reports} == {(t, p) for t in range(1, tables + 1) for p in ("russia", "turkey")}
    for report in reports:
        transcript = tr.read(folder / "transcripts" / f"table-{report['table']}.jsonl")
        decisive = [m for m in transcript.moves if m.party == report["party"] and m.kind.value != "say"]
        assert report["acked"] == len(decisive)  # every acknowledged move is there, once
        assert transcript.records[-1]["result"] == report["result"]  # what the seat was told
        assert tr.replay(transcript, scenario).result() == report["result"]  # what `parley replay` does
    out = tmp_path / "class.html"
    report = subprocess.run(PARLEY + ["report", str(folder / "results"), "--out", str(out)],
                            capture_output=True, text=True, env=ENV)
    assert report.returncode == 0, report.stderr
    assert f"{tables} games" in report.stdout and "Student 0" in out.read_text(encoding="utf-8")


def test_tls_without_a_certificate_and_a_second_class_in_one_folder_are_clear_errors(tmp_path, capsys):
    from game.main import main

    assert main(["host", "moscow_2020", "--tls", "--class-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "--tls needs" in err and "tls-cert.pem" in err and "openssl req" in err and "Traceback" not in err
    (tmp_path / "class.sqlite").write_bytes(b"")
    assert main(["host", "moscow_2020", "--class-dir", str(tmp_path), "--port", "0"]) == 1
    assert "already holds a class" in capsys.readouterr().err
    assert main(["host", "moscow_2020", "--resume", "--class-dir", str(tmp_path / "none")]) == 1
    assert "no class to resume" in capsys.readouterr().err
