"""Benchmark: scoring every package of each shipped scenario in bulk (target: flagship < 50 ms).

Run on demand: `python benchmarks/bench_rules.py [--repeat N]`. Prints a table and
one JSON line. Each timing builds a fresh Scorer (so nothing is cached between
repeats) and scores the whole outcome space for both parties, rules included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from game.rules import Rulebook
from game.scenario import load

ROOT = Path(__file__).resolve().parent.parent


def bench(path: Path, repeat: int) -> dict:
    scenario = load(path)
    book = Rulebook(scenario)
    book.space.packages  # enumerate once; scoring is what is measured
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        scorer = book.scorer()
        scorer.bulk_points()
        times.append((time.perf_counter() - start) * 1000)
    single = time.perf_counter()
    scorer = book.scorer()
    n = min(book.space.size, 20_000)
    for row in range(n):
        scorer.score(book.space.package(row))
    per_package_us = (time.perf_counter() - single) / n * 1e6
    return {"scenario": scenario.id, "packages": book.space.size, "bulk_ms_median": round(statistics.median(times), 2),
            "bulk_ms_max": round(max(times), 2), "single_us_per_package": round(per_package_us, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rows = [bench(p, args.repeat) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
    print(f"{'scenario':<16}{'packages':>10}{'bulk ms (median)':>18}{'bulk ms (max)':>15}{'single µs/pkg':>15}")
    for r in rows:
        print(f"{r['scenario']:<16}{r['packages']:>10,}{r['bulk_ms_median']:>18}{r['bulk_ms_max']:>15}{r['single_us_per_package']:>15}")
    print(json.dumps({"benchmark": "rules", "results": rows}))


if __name__ == "__main__":
    main()
