"""Time loading + checking each scenario: the median of N runs, as a table and a JSON line.

    python benchmarks/bench_load.py              # every file in scenarios/, 20 runs each
    python benchmarks/bench_load.py -n 50 FILE   # chosen files
    python benchmarks/bench_load.py --conditions # also: condition evaluations per second

Target: the flagship (scenarios/moscow_2020.yaml) loads and checks in under
100 ms (median wall time). The `cpu ms` column (median process time) is steadier
when other work shares the machine. `--conditions` measures how fast compiled conditions run, one package at
a time (`Compiled.predicate`) and in bulk over a big array (`Compiled.mask`); the
figures in docs/authoring.md come from it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.play.check import check_file  # noqa: E402

FLAGSHIP = "moscow_2020.yaml"
TARGET_MS = 100.0


def time_file(path: Path, runs: int) -> dict:
    check_file(path)  # warm-up: imports, pydantic's first validation
    samples, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = check_file(path)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    errors = sum(p.is_error for p in result.problems)
    return {"file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
            "median_ms": round(statistics.median(samples), 2), "min_ms": round(min(samples), 2),
            "cpu_median_ms": round(statistics.median(cpu), 2),
            "errors": errors, "warnings": len(result.problems) - errors}


def condition_rates(path: Path, seconds: float = 0.5) -> dict:
    """Evaluations per second of every condition in a scenario: scalar and bulk."""
    import numpy as np

    from game.rules.conditions import compile_condition
    from game.scenario.loader import load

    scenario = load(path)
    conds = [r.when for r in scenario.rules] + [r.when for p in scenario.parties for r in p.red_lines]
    conds += [e.when for e in scenario.events if e.when is not None]
    if not conds:
        return {}
    compiled = [compile_condition(c, scenario) for c in conds]
    rng = np.random.default_rng(0)
    sizes = [len(i.options) for i in scenario.issues]
    packages = [tuple(int(rng.integers(n)) for n in sizes) for _ in range(1000)]
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for c in compiled:
            for p in packages:
                c.predicate(p)
        count += len(compiled) * len(packages)
    scalar = count / (time.perf_counter() - start)
    rows = np.column_stack([rng.integers(0, n, size=1_000_000, dtype=np.uint8) for n in sizes])
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for c in compiled:
            c.mask(rows)
        count += len(compiled) * len(rows)
    bulk = count / (time.perf_counter() - start)
    return {"file": path.name, "conditions": len(compiled), "predicate_per_s": round(scalar),
            "mask_per_s": round(bulk)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time loading + checking scenario files.")
    parser.add_argument("paths", nargs="*", type=Path, help="scenario files (default: every file in scenarios/)")
    parser.add_argument("-n", "--runs", type=int, default=20, help="runs per file (default 20)")
    parser.add_argument("--conditions", action="store_true", help="also measure condition evaluation rates")
    args = parser.parse_args(argv)
    paths = args.paths or sorted(p for p in (ROOT / "scenarios").rglob("*") if p.suffix in (".yaml", ".yml"))
    rows = [time_file(p, max(1, args.runs)) for p in paths]
    width = max([len(r["file"]) for r in rows] + [4])
    print(f"{'file':<{width}}  {'median ms':>9}  {'min ms':>7}  {'cpu ms':>7}  errors  warnings")
    for r in rows:
        print(f"{r['file']:<{width}}  {r['median_ms']:>9.2f}  {r['min_ms']:>7.2f}  {r['cpu_median_ms']:>7.2f}"
              f"  {r['errors']:>6}  {r['warnings']:>8}")
    flagship = next((r for r in rows if r["file"].endswith(FLAGSHIP)), None)
    if flagship:
        verdict = "met" if flagship["median_ms"] < TARGET_MS else "MISSED"
        print(f"target: {FLAGSHIP} under {TARGET_MS:g} ms: {verdict} ({flagship['median_ms']:.2f} ms)")
    report = {"bench": "load+check", "runs": args.runs, "target_ms": TARGET_MS, "results": rows}
    if args.conditions:
        rates = [r for r in (condition_rates(p) for p in paths if not any(
            x["errors"] for x in rows if x["file"].endswith(p.name))) if r]
        for r in rates:
            print(f"conditions of {r['file']} ({r['conditions']}): {r['predicate_per_s']:,} predicate calls/s, "
                  f"{r['mask_per_s']:,} packages/s through mask")
        report["conditions"] = rates
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
