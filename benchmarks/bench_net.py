"""Benchmark a class on the network (run on demand: `python benchmarks/bench_net.py`).

A real `parley host` process on loopback, and one load process holding every
student's WebSocket (asyncio). The students are paced scripted players: on their
turn they wait `think` seconds, then propose a random complete package, or from
round 6 on accept the standing offer one time in three; moves are the protocol's
real moves, refereed, journaled and broadcast by the host. Measured, as a table
and then one JSON line:

- move latency: from sending a move to its acknowledgement (which the host sends
  only after the move is committed to the journal), p50/p99/max, at 30 tables and
  at 500 tables of paced players. Goals: p99 under 100 ms (30) and 150 ms (500);
- moves per second at saturation: 500 tables, no thinking. Goal: at least 1,000;
  again with the teacher's page open (as in class: the host pushes it the class's state
  a few times a second);
- resume after SIGKILL: during a 30-table class the host is killed; the time from
  starting `parley host --resume` to accepting connections again (every table
  replayed from the journal). Goal: under 2 s;
- acknowledged moves lost: every move a student saw acknowledged, looked up in
  the journal after the class (and none stored twice). Must be 0;
- the game window at a class table (dummy video driver, 1280x720) playing a whole
  game against the host's computer seat: frame times on the table screen,
  including the frames that apply the host's messages. Goal: p99 under 8 ms.

Options: `--small N` (default 30), `--large N` (default 500), `--think S` (paced
players' thinking, default 1.0), `--seconds S` (how long the paced runs last,
default 20).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from game.play.remote import protocol as proto  # noqa: E402
from game.net.journal import read_moves  # noqa: E402

PARLEY = [sys.executable, "-m", "game"]


def run_loop(main) -> None:
    """The students' event loop: uvloop's where installed (as the host's), so the load process, which
    shares the cores with the host, takes less of them and the host is what is measured."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def start_host(folder: Path, info: Path, *args: str) -> tuple[subprocess.Popen, dict, float]:
    info.unlink(missing_ok=True)
    started = time.monotonic()
    proc = subprocess.Popen(PARLEY + ["host", "moscow_2020", "--host", "127.0.0.1", "--class-dir", str(folder),
                                      "--info-file", str(info), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    while not info.exists():
        if proc.poll() is not None:
            raise SystemExit(proc.stderr.read())
        time.sleep(0.005)
    return proc, json.loads(info.read_text()), time.monotonic() - started


SCENARIOS: dict[str, dict] = {}  # the load process reads each party's scenario once, not once a student


def read(raw: str) -> dict:
    """A host message; a welcome's large scenario (spliced in last) is parsed once per distinct text."""
    cut = raw.find(',"scenario":{', 0, 8000) if len(raw) > 20_000 else -1
    if cut < 0:
        return json.loads(raw)
    msg = json.loads(raw[:cut] + "}")
    text = raw[cut + len(',"scenario":'):-1]
    key = str(hash(text))
    if key not in SCENARIOS:
        SCENARIOS[key] = json.loads(text)
    msg["scenario"] = SCENARIOS[key]
    return msg


async def receive(ws, timeout: float) -> str:
    """The next message, or asyncio.TimeoutError; `asyncio.timeout` where there is one (3.11): wait_for
    makes a task for every message, which made the students' process cost the cores as much as the host."""
    if hasattr(asyncio, "timeout"):
        async with asyncio.timeout(timeout):
            return await ws.recv()
    return await asyncio.wait_for(ws.recv(), timeout=timeout)


class Student:
    def __init__(self, n: int, url: str, code: str, think: float, stats: dict, go: asyncio.Event):
        self.go, self.seated = go, asyncio.Event()
        self.n, self.url, self.code, self.think, self.stats = n, url + "/ws", code, think, stats
        self.rng = random.Random(n)
        self.token: str | None = None
        self.party = ""
        self.issues: list[tuple[str, list[str]]] = []
        self.seq = 0
        self.turn = ""
        self.round = 1
        self.standing = False      # an offer from the other side can be accepted
        self.started = False
        self.done = False
        self.pending: dict | None = None
        self.sent_at = 0.0

    def hello(self) -> dict:
        if self.token:
            return proto.message("rejoin", token=self.token)
        return proto.message("join", code=self.code, name=f"Student {self.n}")

    def note(self, msg: dict) -> None:
        kind = msg["type"]
        if kind == "welcome":
            self.token = msg.get("token") or self.token
            self.party = msg["party"]
            self.issues = [(i["id"], [o["id"] for o in i["options"]]) for i in msg["scenario"]["issues"]]
            self.order = [msg["scenario"]["protocol"]["opens"]]
            self.order.append(next(p["id"] for p in msg["scenario"]["parties"] if p["id"] != self.order[0]))
            self.turn, self.round, self.standing = self.order[0], 1, False
            self.seq = 0
            for record in msg["records"]:
                self.follow(record)
            self.seq = msg["seq"]
            self.started = msg.get("started", False)
        elif kind in ("update", "end"):
            for record in msg.get("records", []):
                self.follow(record)
            self.seq = msg.get("seq", self.seq)
            self.started = msg.get("started", self.started)
            if kind == "end" or msg.get("ended"):
                self.done = True
        elif kind == "ack" and self.pending and msg["id"] == self.pending["id"]:
            now = time.monotonic()
            self.stats["latency"].append(now - self.sent_at)
            self.stats["first"] = min(self.stats["first"], self.sent_at)
            self.stats["last"] = max(self.stats["last"], now)
            self.stats["acked"].append(msg["id"])
            self.pending = None
        elif kind == "reject" and self.pending and msg["id"] == self.pending["id"]:
            self.stats["rejected"] += 1
            self.pending = None

    def follow(self, record: dict) -> None:
        if record.get("type") != "move":
            return
        move = record["move"]["kind"]
        if move == "propose":
            self.standing = True
            if record["party"] == self.order[1]:
                self.round += 1
            self.turn = self.order[1] if record["party"] == self.order[0] else self.order[0]
        elif move in ("accept", "walk_away"):
            self.done = True

    def next_move(self) -> dict:
        if self.standing and self.round >= 6 and self.rng.random() < 1 / 3:
            return {"kind": "accept"}
        return {"kind": "propose", "package": {i: self.rng.choice(opts) for i, opts in self.issues}}

    async def play(self, deadline: float) -> None:
        self.deadline = deadline
        while not self.done and time.monotonic() < self.deadline:
            try:
                async with connect(self.url, max_size=proto.MAX_HOST_FRAME, open_timeout=10) as ws:
                    await ws.send(proto.encode(self.hello()))
                    if self.pending is not None and self.token:
                        self.sent_at = time.monotonic()
                    resend = self.pending is not None
                    while not self.done and time.monotonic() < self.deadline:
                        if not self.go.is_set() and self.party:  # seated (welcomed)
                            self.seated.set()
                            await self.go.wait()  # every student seated first: moves, not joins, are measured
                        if self.started and self.pending is None and self.turn == self.party and self.party:
                            await asyncio.sleep(self.think * (0.5 + self.rng.random()))
                            self.pending = proto.message("move", seq=self.seq, id=uuid.uuid4().hex, move=self.next_move())
                            self.sent_at = time.monotonic()
                            await ws.send(proto.encode(self.pending))
                        try:
                            raw = await receive(ws, max(0.05, self.deadline - time.monotonic()))
                        except asyncio.TimeoutError:
                            break
                        msg = read(raw)
                        if msg["type"] == "error":
                            self.stats["errors"].append(msg["code"])
                            self.done = True
                            break
                        self.note(msg)
                        if msg["type"] == "welcome" and resend and self.pending is not None:
                            await ws.send(proto.encode(self.pending))  # the same id: applied once
                            resend = False
            except (OSError, ConnectionClosed, asyncio.TimeoutError):
                self.stats["reconnects"] += 1
                await asyncio.sleep(0.05 + 0.1 * self.rng.random())


async def run_class(url: str, code: str, students: int, think: float, seconds: float, stats: dict,
                    during=None, make=None) -> float:
    """`make(n, go)` builds student n (default: a `Student` on `url`)."""
    go = asyncio.Event()
    crowd = [make(n, go) if make else Student(n, url, code, think, stats, go) for n in range(students)]
    deadline = time.monotonic() + seconds + 120
    started = time.monotonic()
    tasks = [asyncio.create_task(s.play(deadline)) for s in crowd]
    for student in crowd:  # the welcomes first (each carries the seat's scenario)
        await student.seated.wait()
    stats["seating_s"] = time.monotonic() - started
    for student in crowd:
        student.deadline = time.monotonic() + seconds
    go.set()
    if during is not None:
        await during(crowd)
    await asyncio.gather(*tasks)
    return time.monotonic() - started


def new_stats() -> dict:
    return {"latency": [], "acked": [], "rejected": 0, "reconnects": 0, "errors": [], "first": float("inf"),
            "last": 0.0}


async def watch_teacher_page(teacher_url: str, stats: dict) -> None:
    """The teacher's page open through the class: every state push is received (and counted)."""
    url = teacher_url.replace("http://", "ws://").replace("/teacher#key=", "/ws/teacher?key=")
    try:
        async with connect(url, max_size=None) as ws:
            async for _raw in ws:
                stats["pushes"] = stats.get("pushes", 0) + 1
    except (OSError, ConnectionClosed):
        pass


def measure(tables: int, think: float, seconds: float, kill_after: int | None = None, teacher: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder, info = Path(tmp) / "class", Path(tmp) / "host.json"
        host, where, _t = start_host(folder, info, "--port", "0", "--tables", str(tables))
        stats = new_stats()
        resume_s = None

        async def kill_and_resume(crowd) -> None:
            nonlocal host, resume_s
            while len(stats["acked"]) < kill_after:
                await asyncio.sleep(0.01)
            host.send_signal(signal.SIGKILL)
            host.wait()
            port = where["url"].rsplit(":", 1)[1]
            host, _w, resume_s = await asyncio.to_thread(start_host, folder, info, "--resume", "--port", port)

        async def with_teacher() -> None:
            page = asyncio.create_task(watch_teacher_page(where["teacher_url"], stats))
            await run_class(where["url"], where["code"], tables * 2, think, seconds, stats)
            page.cancel()

        run_loop(with_teacher() if teacher else run_class(where["url"], where["code"], tables * 2, think, seconds,
                                                          stats, kill_and_resume if kill_after else None))
        host.send_signal(signal.SIGINT)
        host.wait(timeout=30)
        stored = read_moves(folder / "class.sqlite")
        ids = [m[4] for m in stored if m[4]]
        lost = len(set(stats["acked"]) - set(ids))
        playing = max(1e-9, stats["last"] - stats["first"])  # from the first move sent to the last acknowledged
        return {"tables": tables, "think_s": think, "seating_s": round(stats.get("seating_s", 0), 2), "moves": len(stats["acked"]), "seconds": round(playing, 2),
                "moves_per_s": round(len(stats["acked"]) / playing, 1),
                "p50_ms": round(percentile(stats["latency"], 0.5) * 1000, 1),
                "p99_ms": round(percentile(stats["latency"], 0.99) * 1000, 1),
                "max_ms": round(max(stats["latency"], default=0) * 1000, 1),
                "rejected": stats["rejected"], "reconnects": stats["reconnects"], "errors": len(stats["errors"]),
                "acked_lost": lost, "stored_twice": len(ids) - len(set(ids)),
                "resume_s": round(resume_s, 3) if resume_s is not None else None,
                "teacher_pushes": stats.get("pushes", 0) if teacher else None}


def client_frames(student_think: float = 2.0) -> dict:
    """The game window at a class table against the host's computer seat: frame times while it plays.

    The student takes `student_think` seconds over each move, as a person does (the window
    keeps drawing at its own pace meanwhile); 0 plays as fast as the frames go, which makes
    the frames that apply the host's moves a large share of a short game."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from websockets.sync.client import connect as connect_sync

    from game.app.app import App
    from game.app.screens.join import JoinScreen
    from game.app.screens.title import TitleScreen
    from game.app.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        host, where, _t = start_host(Path(tmp) / "class", Path(tmp) / "host.json", "--port", "0", "--tables", "1",
                                     "--ai-fill", "conceder")
        app = App(Settings(1280, 720), base=Path(tmp) / "user", persist_settings=False)
        app.stack.push(TitleScreen(app))
        join = JoinScreen(app, where["url"], where["code"], "Bench")
        app.stack.push(join)
        join.join()
        end = time.monotonic() + 30
        while join.game is None and time.monotonic() < end:
            app.frame(dt=1 / 60)
        teacher = where["teacher_url"].replace("http://", "ws://").replace("/teacher#key=", "/ws/teacher?key=")
        with connect_sync(teacher) as ws:
            ws.recv()
            ws.send(proto.encode(proto.message("fill")))
        game = join.game
        times: list[float] = []   # frames on the table with nothing from the host
        moved: list[float] = []   # frames that applied a move or event from the host (the screen is refreshed)
        cpus: list[float] = []    # every table frame's CPU time in the window's thread (what the VM's noise leaves)
        end = time.monotonic() + 120 + 40 * student_think
        turn_since = None
        while time.monotonic() < end:
            top = app.stack.top
            name = getattr(top, "name", "")
            if name == "outcome":
                break
            if name == "briefing":
                top.on_key(__import__("pygame").K_RETURN, 0)
            elif name == "notice":
                app.stack.pop()
            elif name == "table" and top.my_turn():
                turn_since = turn_since or time.monotonic()
                if time.monotonic() - turn_since >= student_think:
                    top.propose()
                    turn_since = None
            version = game.version
            cpu = time.thread_time()
            app.frame(dt=1 / 60, force_draw=True)
            if name == "table":
                (moved if game.version != version else times).append(app.last_frame_ms)
                cpus.append((time.thread_time() - cpu) * 1000)
            time.sleep(1 / 60)
        host.send_signal(signal.SIGINT)
        host.wait(timeout=30)
        app.stack.clear()
        every = times + moved
        return {"frames": len(times), "finished": bool(game and game.finished),
                "p50_ms": round(percentile(times, 0.5), 2), "p99_ms": round(percentile(times, 0.99), 2),
                "max_ms": round(max(times, default=0), 2), "message_frames": len(moved),
                "message_p50_ms": round(percentile(moved, 0.5), 2), "message_p99_ms": round(percentile(moved, 0.99), 2),
                "message_max_ms": round(max(moved, default=0), 2),
                "all_frames": len(every), "all_p50_ms": round(percentile(every, 0.5), 2),
                "all_p99_ms": round(percentile(every, 0.99), 2),
                "slowest_ms": [round(t, 1) for t in sorted(every, reverse=True)[:5]],
                "over_8ms": sum(t > 8 for t in every), "student_think_s": student_think,
                "cpu_p99_ms": round(percentile(cpus, 0.99), 2), "cpu_over_8ms": sum(t > 8 for t in cpus),
                "cpu_slowest_ms": [round(t, 1) for t in sorted(cpus, reverse=True)[:5]],
                "load_average_1min": round(os.getloadavg()[0], 2)}


def report_frames(frames: dict) -> None:
    print(f"client at a class table (the student takes {frames['student_think_s']:g} s a move): "
          f"{frames['frames']} quiet frames, p50 {frames['p50_ms']} ms, "
          f"p99 {frames['p99_ms']} ms, max {frames['max_ms']} ms; {frames['message_frames']} frames applying the "
          f"host's moves, p50 {frames['message_p50_ms']} ms, p99 {frames['message_p99_ms']} ms, max "
          f"{frames['message_max_ms']} ms; all {frames['all_frames']} table frames: p50 {frames['all_p50_ms']} ms, "
          f"p99 {frames['all_p99_ms']} ms (goal < 8 ms), {frames['over_8ms']} over 8 ms, slowest "
          f"{frames['slowest_ms']}; the same frames in the window thread's CPU time: p99 {frames['cpu_p99_ms']} ms, "
          f"{frames['cpu_over_8ms']} over 8 ms, slowest {frames['cpu_slowest_ms']}; game finished: "
          f"{frames['finished']}; load {frames['load_average_1min']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=30)
    parser.add_argument("--large", type=int, default=500)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--student-think", type=float, default=2.0,
                        help="seconds the window's student takes over a move in the client run (0: no pause)")
    parser.add_argument("--client-only", action="store_true", help="only the client's frames at a class table")
    parser.add_argument("--backend", choices=["sqlite", "nats"], default="sqlite",
                        help="nats: the --large class over two hosts sharing NATS JetStream, beside SQLite")
    args = parser.parse_args()
    if args.backend == "nats":
        from bench_net_shared import main_shared

        print(json.dumps(main_shared(args.large, args.think, args.seconds)))
        return
    if args.client_only:
        frames = client_frames(args.student_think)
        report_frames(frames)
        print(json.dumps({"client_frames": frames}))
        return
    runs = {
        "paced_small": measure(args.small, args.think, args.seconds),
        "paced_large": measure(args.large, args.think * 2, args.seconds),
        "saturation": measure(args.large, 0.0, args.seconds),
        "saturation_teacher": measure(args.large, 0.0, args.seconds, teacher=True),
        "kill_and_resume": measure(args.small, args.think / 4, args.seconds, kill_after=args.small * 4),
    }
    keys = ["tables", "think_s", "seating_s", "moves", "seconds", "moves_per_s", "p50_ms", "p99_ms", "max_ms", "rejected",
            "reconnects", "errors", "acked_lost", "stored_twice", "resume_s", "teacher_pushes"]
    widths = [max(13, len(k) + 1) for k in keys]
    print(f"{'run':<20}" + "".join(f"{k:>{w}}" for k, w in zip(keys, widths)))
    for name, r in runs.items():
        print(f"{name:<20}" + "".join(f"{str(r[k]):>{w}}" for k, w in zip(keys, widths)))
    print(f"machine load (1 min) after these runs: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    frames = client_frames(args.student_think)
    report_frames(frames)
    runs["client_frames"] = frames
    print(json.dumps(runs))


if __name__ == "__main__":
    main()
