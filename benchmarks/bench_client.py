"""Benchmark of the pygame client (run on demand: `python benchmarks/bench_client.py`).

Measures, under SDL's dummy video driver:
- cold start: from launching `python -m game play` (what `parley` runs) to its first
  frame on screen, median of a few runs (target < 1 s);
- the negotiation screen's frame time at 1280x720 with the flagship scenario, p50
  and p99, both for quiet frames and for frames with input (mouse moving over the
  cards, keys picking options so the meter is redrawn) (target p99 < 8 ms);
- the frames that show the computer's move (a refresh of the table), p50 and p99,
  and the frames after them, which finish the refresh (target p99 < 8 ms);
- idle CPU: process CPU time over 5 s of wall time with the negotiation screen
  open and nobody touching it, as a share of one core (target < 5 %).

Prints a table, then one JSON line with every figure.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cold_start(runs: int = 5) -> dict:
    times, totals = [], []
    with tempfile.TemporaryDirectory() as home:
        for _n in range(runs):
            env = dict(os.environ, PARLEY_HOME=home, PARLEY_BENCH_T0=repr(time.time()))
            started = time.perf_counter()
            env["PARLEY_BENCH_T0"] = repr(time.time())
            out = subprocess.run([sys.executable, "-m", "game", "play", "--size", "1280x720"], env=env,
                                 capture_output=True, text=True, timeout=120, cwd=str(ROOT))
            totals.append(time.perf_counter() - started)
            line = next((ln for ln in out.stdout.splitlines() if ln.startswith("PARLEY_FIRST_FRAME")), None)
            if line is None:
                raise SystemExit(f"no first frame reported: {out.stderr[-2000:]}")
            times.append(float(line.split()[1]))
    return {"cold_start_s": statistics.median(times), "cold_start_min_s": min(times),
            "process_total_s": statistics.median(totals)}


def table_app(base: Path):
    import pygame  # noqa: F401

    from game import resources
    from game.app import catalog
    from game.app.app import App
    from game.app.game_state import Game, GameSetup
    from game.app.screens.table import TableScreen
    from game.app.settings import Settings
    from game.app.testing import settle
    from game.play.match import PlayerSpec
    from game.scenario import load

    path = resources.scenarios_dir() / f"{catalog.FLAGSHIP}.yaml"
    if not path.exists():
        path = resources.scenarios_dir() / "tutorial.yaml"
    scenario = load(path)
    app = App(Settings(1280, 720), base=base, persist_settings=False, think_delay=0.0)
    party = scenario.protocol.opens
    game = Game(GameSetup(scenario, scenario.other(party), PlayerSpec("ai", "boulware"), 1), base=base)
    app.stack.push(TableScreen(app, game, scenario.other(party)))
    settle(app)
    while app.stack.top.name != "table":
        app.stack.top.dismiss()
        settle(app)
    app.keyboard_used = True
    return app, scenario.id


def frame_times(app) -> dict:
    import pygame

    quiet, busy, busy_cpu = [], [], []
    for _n in range(30):
        app.frame(dt=1 / 60)
    for _n in range(600):
        t = time.perf_counter()
        app.frame(dt=1 / 60)
        quiet.append((time.perf_counter() - t) * 1000)
    table = app.stack.top
    cards = table.board.row_buttons + table.board.option_buttons
    keys = [pygame.K_DOWN, pygame.K_RIGHT, pygame.K_UP, pygame.K_LEFT]
    for n in range(600):
        if n % 2 == 0:
            pos = cards[(n // 2) % len(cards)].rect.center
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, {"pos": pos, "rel": (1, 1), "buttons": (0, 0, 0)}))
        if n % 10 == 5:
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, {"key": keys[(n // 10) % 4], "mod": 0,
                                                                  "unicode": "", "scancode": 0}))
        t, c = time.perf_counter(), time.thread_time()
        app.frame(dt=1 / 60)
        busy.append((time.perf_counter() - t) * 1000)
        busy_cpu.append((time.thread_time() - c) * 1000)

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))]

    return {"frame_quiet_p50_ms": pct(quiet, 0.5), "frame_quiet_p99_ms": pct(quiet, 0.99),
            "frame_input_p50_ms": pct(busy, 0.5), "frame_input_p99_ms": pct(busy, 0.99),
            "frame_p99_ms": pct(quiet + busy, 0.99),
            "frame_input_cpu_p50_ms": pct(busy_cpu, 0.5), "frame_input_cpu_p99_ms": pct(busy_cpu, 0.99),
            "load_average_1min": os.getloadavg()[0], "cpus": os.cpu_count()}


def move_frames(app, turns: int = 6) -> dict:
    """Frames that show the computer's move: the player proposes (ten frames after seeing the last move),
    the computer answers in its worker thread, and the frame whose update sees the new move refreshes the
    table (spread over the next frames). Frames while the computer's thread runs are counted apart."""
    import pygame

    seen, busy, other, cpu, proposed, calm = [], [], [], [], 0, 10
    for _n in range(turns * 400):
        top = app.stack.top
        if top.name == "notice":  # news the computer's move brought: read and closed
            top.on_key(pygame.K_RETURN, 0)
            continue
        if top.name == "confirm":  # the package crosses the player's red line: proposed anyway
            top.confirm()
            continue
        if top.name != "table" or proposed > turns:
            break
        if top.my_turn() and top.seen_version == top.game.version and calm >= 10:  # the player saw the move
            calm = 0
            top.next_issue()
            top.next_option()
            top.propose()
            proposed += 1
        before, thinking = top.seen_version, top.game.thinking
        t, c = time.perf_counter(), time.thread_time()
        app.frame(dt=1 / 60)
        ms = (time.perf_counter() - t) * 1000
        (seen if top.seen_version != before else busy if thinking else other).append(ms)
        if not thinking:
            cpu.append((time.thread_time() - c) * 1000)
        calm = 0 if top.seen_version != before else calm + 1
        time.sleep(0.002)  # the computer's thread gets the interpreter

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")

    return {"move_frames": len(seen), "move_frame_p50_ms": pct(seen, 0.5), "move_frame_p99_ms": pct(seen, 0.99),
            "move_frame_max_ms": max(seen, default=float("nan")), "after_move_frame_p99_ms": pct(other, 0.99),
            "thinking_frame_p99_ms": pct(busy, 0.99), "move_and_after_cpu_p99_ms": pct(cpu, 0.99),
            "move_and_after_cpu_max_ms": max(cpu, default=float("nan"))}


def idle_cpu(app, seconds: float = 5.0) -> dict:
    sample = {}

    def watch():
        time.sleep(1.0)  # the loop goes idle half a second after the last input
        sample["cpu0"], sample["wall0"] = time.process_time(), time.perf_counter()
        time.sleep(seconds)
        sample["cpu1"], sample["wall1"] = time.process_time(), time.perf_counter()

    watcher = threading.Thread(target=watch)
    watcher.start()
    frames = app.frames
    app.run(None, max_seconds=seconds + 1.5)
    watcher.join()
    share = (sample["cpu1"] - sample["cpu0"]) / (sample["wall1"] - sample["wall0"])
    return {"idle_cpu_percent": share * 100, "idle_frames_per_s": (app.frames - frames) / (seconds + 1.5)}


def main() -> int:
    results = cold_start()
    with tempfile.TemporaryDirectory() as home:
        app, scenario = table_app(Path(home))
        results["scenario"] = scenario
        results.update(frame_times(app))
        results.update(move_frames(app))
        results.update(idle_cpu(app))
        app.stack.clear()
    rows = [
        ("cold start to first frame (median)", f"{results['cold_start_s'] * 1000:.0f} ms", "< 1000 ms"),
        ("negotiation frame p50 / p99, quiet", f"{results['frame_quiet_p50_ms']:.2f} / {results['frame_quiet_p99_ms']:.2f} ms", ""),
        ("negotiation frame p50 / p99, input", f"{results['frame_input_p50_ms']:.2f} / {results['frame_input_p99_ms']:.2f} ms", ""),
        ("negotiation frame p99, all", f"{results['frame_p99_ms']:.2f} ms", "< 8 ms"),
        ("  the same input frames in CPU time p50 / p99",
         f"{results['frame_input_cpu_p50_ms']:.2f} / {results['frame_input_cpu_p99_ms']:.2f} ms", ""),
        ("  machine load (1 min) / cores", f"{results['load_average_1min']:.1f} / {results['cpus']}", ""),
        ("idle CPU (share of one core)", f"{results['idle_cpu_percent']:.1f} %", "< 5 %"),
        (f"frames showing the computer's move ({results['move_frames']}) p50 / p99",
         f"{results['move_frame_p50_ms']:.2f} / {results['move_frame_p99_ms']:.2f} ms", "< 8 ms"),
        ("  the frames after them (rest of the refresh, news dialogs opening) p99", f"{results['after_move_frame_p99_ms']:.2f} ms",
         "< 8 ms"),
        ("  frames while the computer thinks (its thread) p99", f"{results['thinking_frame_p99_ms']:.2f} ms", ""),
        ("  the move's frames and those after, CPU time p99 / max",
         f"{results['move_and_after_cpu_p99_ms']:.2f} / {results['move_and_after_cpu_max_ms']:.2f} ms", ""),
    ]
    print(f"{'measure':40} {'value':>22}  target")
    for name, value, target in rows:
        print(f"{name:40} {value:>22}  {target}")
    print(json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
