"""Benchmark: the class report of 500 results files (target: under 2 s, `parley report` end to end).

Run on demand: `python benchmarks/bench_report.py [--games 500] [--repeat 3]`. Prints a
table and one JSON line. The results come from real games of the flagship: every
pairing of the registered strategies is played once (seeded), and each game's
record is saved again under other dates and student names until there are
`--games` files (each a distinct, valid results file). Then, `--repeat` times, the
report is built the way the command line does it: read the folder, load the
scenario, summarise, render and write the page and the CSV. The phases are timed
separately as well.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import itertools
import json
import statistics
import tempfile
import time
from pathlib import Path

from game.agents import registry
from game.cli import main as parley
from game.play.catalog import load_scenario
from game.play.match import Match, PlayerSpec
from game.report import class_summary, render, write_csv, write_report
from game.play.results import read_folder, results_record, save_record

SCENARIO = "moscow_2020"
NAMES = ["Ayşe", "Mehmet", "Olga", "Ivan", "Zeynep", "Dmitri", "Elif", "Sasha", "Can", "Nadia", "Emre", "Katya"]


def make_results(folder: Path, games: int) -> dict:
    scenario = load_scenario(SCENARIO)
    start = time.perf_counter()
    records = []
    pairings = list(itertools.product(registry.names(), repeat=2))
    for seed, (a, b) in enumerate(pairings):
        match = Match(scenario, seed=seed, players={"russia": PlayerSpec("ai", a), "turkey": PlayerSpec("ai", b)})
        match.run()
        records.append(results_record(match, date="2025-03-05"))
    played = time.perf_counter() - start
    start = time.perf_counter()
    day = datetime.date(2025, 3, 5)
    for n in range(games):
        record = dict(records[n % len(records)])
        record["date"] = (day + datetime.timedelta(days=n // len(records))).isoformat()
        players = {pid: dict(p) for pid, p in record["players"].items()}
        if n % 2:  # half the games: a student plays Turkey against the AI
            players["turkey"] = {"kind": "human", "strategy": None, "name": NAMES[n % len(NAMES)]}
        record["players"] = players
        save_record(record, folder)
    return {"games_played": len(records), "play_s": round(played, 2), "write_s": round(time.perf_counter() - start, 2)}


def time_phases(folder: Path, out: Path) -> dict:
    t0 = time.perf_counter()
    read = read_folder(folder)
    t1 = time.perf_counter()
    scenario = load_scenario(SCENARIO)
    t2 = time.perf_counter()
    summary = class_summary(scenario, read.results, skipped=read.problems)
    t3 = time.perf_counter()
    render(summary, source=str(folder))
    t4 = time.perf_counter()
    write_report(summary, out / "phases.html", source=str(folder))
    write_csv(summary, out / "phases.csv")
    t5 = time.perf_counter()
    ms = lambda a, b: round((b - a) * 1000, 1)  # noqa: E731
    return {"read_ms": ms(t0, t1), "scenario_ms": ms(t1, t2), "summary_ms": ms(t2, t3), "render_ms": ms(t3, t4),
            "write_ms": ms(t4, t5), "games": summary.games}


def time_cli(folder: Path, out: Path) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = parley(["report", str(folder), "--out", str(out / "class.html"), "--csv", str(out / "class.csv")])
    elapsed = time.perf_counter() - start
    assert code == 0, code
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "results", Path(tmp) / "out"
        out.mkdir()
        made = make_results(folder, args.games)
        phases = time_phases(folder, out)
        times = [time_cli(folder, out) for _ in range(args.repeat)]
        size = (out / "class.html").stat().st_size
    result = {"benchmark": "report", "results_files": args.games, **made, "report_s_median": round(statistics.median(times), 3),
              "report_s_max": round(max(times), 3), "html_kb": round(size / 1024), "target_s": 2.0, **phases}
    print(f"{'results files':<26}{args.games:>10}")
    print(f"{'real games played':<26}{made['games_played']:>10}   ({made['play_s']} s; files written in {made['write_s']} s)")
    for key in ("read_ms", "scenario_ms", "summary_ms", "render_ms", "write_ms"):
        print(f"{key.replace('_ms', ' (ms)'):<26}{phases[key]:>10}")
    print(f"{'parley report (s, median)':<26}{result['report_s_median']:>10}   (max {result['report_s_max']}, target < 2)")
    print(f"{'page size (KiB)':<26}{result['html_kb']:>10}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
