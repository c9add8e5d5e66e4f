"""Benchmark the outcome-space analysis (run on demand: `python benchmarks/bench_analysis.py`).

Measures, and prints as a table and then as one JSON line:

- every shipped scenario (scenarios/*.yaml): the full analysis (scoring, frontier,
  deal zone, Nash, Kalai-Smorodinsky, maximum welfare, the historical position
  with its beaten-by list and missed trades), median of several runs from a fresh
  `Analysis` each time; and, separately, rendering it as JSON text (which grows
  with the number of packages listed, e.g. every package beating the historical);
- a generated scenario of 1,000,000 packages (2 parties, 6 issues of 10 options,
  one rule, one red-line-free event): time (median) and peak memory, both as
  tracemalloc's peak of Python/numpy allocations and as the growth of the
  process's maximum resident set (measured in a fresh child process);
- the size limit: a scenario of 10^9 packages (9 issues of 10 options) must be
  refused with `SpaceTooLarge` at once, before anything is allocated.

Targets: the flagship (1,327,104 packages since it gained the airspace, verification and
south-of-M4 issues) under 2 s, like `parley analyze moscow_2020`; 1,000,000 packages under 2 s and 1 GB.
Options: `--repeat N` (default 7), `--skip-million`.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gen import build_scenario, load_dict  # noqa: E402

from game.analysis import Analysis  # noqa: E402
from game.rules import MAX_OUTCOMES, SpaceTooLarge  # noqa: E402
from game.scenario import load  # noqa: E402

FLAGSHIP = "moscow_2020"


def full_analysis(scenario) -> Analysis:
    """Everything the JSON holds, as numbers: scoring, frontier, zone, solutions, historical position."""
    a = Analysis(scenario)
    a.frontier, a.deal_zone, a.nash_index, a.kalai_smorodinsky_index, a.max_welfare_index
    h = a.historical
    if h is not None:
        h.distance_to_frontier, h.distance_to_nash, h.beaten_by_indexes, h.missed_trades
    return a


def render_json(a: Analysis) -> int:
    return len(json.dumps(a.to_json()))


def median_ms(scenario, repeat: int) -> tuple[float, float, Analysis]:
    """Median ms of the analysis (fresh each time) and of rendering its JSON text."""
    times, renders = [], []
    a = None
    for _ in range(repeat):
        start = time.perf_counter()
        a = full_analysis(scenario)
        mid = time.perf_counter()
        render_json(a)
        times.append((mid - start) * 1000)
        renders.append((time.perf_counter() - mid) * 1000)
    return statistics.median(times), statistics.median(renders), a


def maxrss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def million_child(repeat: int) -> dict:
    """Runs in a fresh process so that the resident-set growth is the analysis's own."""
    scenario = load_dict(build_scenario(issues=6, options=10, seed=1))
    base = maxrss_mb()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        a = full_analysis(scenario)
        times.append((time.perf_counter() - start) * 1000)
        del a
    rss_growth = maxrss_mb() - base
    tracemalloc.start()
    a = full_analysis(scenario)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start = time.perf_counter()
    size = render_json(a)
    json_ms = (time.perf_counter() - start) * 1000
    h = a.historical
    return {"packages": a.outcome_count, "median_ms": round(statistics.median(times), 1),
            "tracemalloc_peak_mb": round(peak / 2**20, 1), "maxrss_growth_mb": round(rss_growth, 1),
            "frontier": int(len(a.frontier)), "deal_zone": int(len(a.deal_zone)),
            "historical_beaten_by": int(len(h.beaten_by_indexes)) if h else 0,
            "json_ms": round(json_ms, 1), "json_bytes": size}


def size_limit() -> dict:
    scenario = load_dict(build_scenario(issues=9, options=10))
    start = time.perf_counter()
    try:
        Analysis(scenario)
        raised, message = False, ""
    except SpaceTooLarge as exc:
        raised, message = True, exc.problems[0].message
    return {"packages": 10**9, "raised": raised, "ms": round((time.perf_counter() - start) * 1000, 3),
            "message": message, "limit": MAX_OUTCOMES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--skip-million", action="store_true")
    parser.add_argument("--million-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.million_child:
        print(json.dumps(million_child(args.repeat)))
        return 0

    result: dict = {"scenarios": {}}
    rows = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load(path)
        ms, json_ms, a = median_ms(scenario, args.repeat)
        result["scenarios"][path.stem] = {"packages": a.outcome_count, "median_ms": round(ms, 2),
                                          "json_ms": round(json_ms, 2), "frontier": int(len(a.frontier)),
                                          "deal_zone": int(len(a.deal_zone))}
        target = " (target < 2000 ms)" if path.stem == FLAGSHIP else ""
        rows.append((path.stem, f"{a.outcome_count:,}", f"{ms:.2f} ms{target}", f"JSON text {json_ms:.2f} ms"))
    if not args.skip_million:
        out = subprocess.run([sys.executable, __file__, "--million-child", "--repeat", str(max(3, args.repeat // 2))],
                             capture_output=True, text=True, check=True)
        million = json.loads(out.stdout.strip().splitlines()[-1])
        result["million"] = million
        rows.append(("generated 6x10", f"{million['packages']:,}", f"{million['median_ms']:.0f} ms (target < 2000)",
                     f"tracemalloc peak {million['tracemalloc_peak_mb']} MB, "
                     f"max RSS +{million['maxrss_growth_mb']} MB (target < 1024); JSON text "
                     f"{million['json_ms']:.0f} ms ({million['json_bytes'] / 2**20:.0f} MB: "
                     f"{million['historical_beaten_by']:,} packages beat the historical one)"))
    limit = size_limit()
    result["size_limit"] = limit
    rows.append(("generated 9x10", "1,000,000,000",
                 f"{limit['ms']:.3f} ms", "SpaceTooLarge" if limit["raised"] else "NOT REFUSED"))

    header = ("scenario", "packages", "analysis (median)", "memory / note")
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(4)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
