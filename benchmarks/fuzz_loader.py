"""A long fuzz run of the scenario loader: N inputs, none may raise.

    python benchmarks/fuzz_loader.py                 # 20,000 cases
    python benchmarks/fuzz_loader.py 100000 --seed 7 --jobs 4

Inputs are mutations of the shipped scenarios and of the broken corpus (1-6
stacked edits: delete, duplicate, swap or join lines, change a character or an
indent, truncate, paste a hostile fragment) and random input (bytes, text, and
YAML-flavoured text). Case i uses its own seeded generator, so a run is the same
whatever --jobs is, and one case can be replayed with --case I.

Each case is timed; every --memory-every'th case is loaded again under
tracemalloc for its peak (tracing slows loading, so those runs are not timed).
Prints a table and one JSON line: cases, crashes (any exception), bad results
(no scenario and no error, or a problem without line:col), max and median time
per case, max traced memory per case, max RSS of the processes. Crashing inputs
are written to --crash-dir. Exit 1 on any crash or bad result.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.scenario import load_text  # noqa: E402

SEEDS = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests" / "broken").glob("**/*.yaml"))
FRAGMENTS = [
    ":", "- ", "  ", "\t", "[", "]", "{", "}", "'", '"', "#", "&a ", "*a", "<<: *a", "!!python/name:os.system ",
    "!tag ", "---\n", "...\n", "? ", "|\n", ">-\n", "%YAML 1.1\n", "yes", "no", "~", "1e400", "nan", ".inf",
    "\u202e", "\u2066", "\x07", "\x85", "\u2028", "\ufeff", "\x00", "\ufffe", "ğ", "é", "Я", "😀",
    "a: &a [*a]\n", "[" * 60, "{a: " * 60, "l0: &l0 [x]\nl1: &l1 [*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0]\n",
]
YAML_ALPHABET = list("ab_-: \n\n  \t[]{},&*!|>'\"#%@`?~.0123456789eE+\\") + FRAGMENTS


def _texts() -> list[str]:
    return [p.read_bytes().decode("utf-8", errors="replace") for p in SEEDS]


def mutate(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    kind = rng.choice(["delete", "duplicate", "swap", "character", "indent", "truncate", "join", "fragment"])
    i = rng.randrange(len(lines))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "character":
        at = rng.randrange(len(lines[i]) + 1)
        new = rng.choice([chr(rng.randrange(32, 127)), chr(rng.randrange(0x10FFFF + 1)), rng.choice(":-[]{}&*!#'\"|> \t")])
        if 0xD800 <= ord(new) <= 0xDFFF:
            new = "?"
        lines[i] = lines[i][:at] + new + lines[i][at + rng.randrange(2):]
    elif kind == "indent":
        change = rng.choice([-4, -2, -1, 1, 2, 4])
        line = lines[i]
        lines[i] = " " * change + line if change > 0 else line[min(-change, len(line) - len(line.lstrip(" "))):]
    elif kind == "join" and i + 1 < len(lines):
        lines[i:i + 2] = [lines[i] + " " + lines[i + 1].lstrip()]
    elif kind == "fragment":
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + rng.choice(FRAGMENTS) + lines[i][at:]
    else:
        return text[:rng.randrange(len(text) + 1)]
    return "\n".join(lines)


def make_case(seed: int, index: int, texts: list[str]) -> tuple[str, bytes | str]:
    rng = random.Random(seed * 1_000_003 + index)
    roll = rng.random()
    if roll < 0.75:
        text = rng.choice(texts)
        for _ in range(rng.choice([1, 1, 1, 2, 3, 6])):
            text = mutate(rng, text)
        return "mutation", text
    if roll < 0.85:
        return "bytes", bytes(rng.randrange(256) for _ in range(rng.choice([1, 10, 100, 1000, 5000])))
    if roll < 0.92:
        return "text", "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x10000)])) for _ in range(rng.randrange(2000)))
    return "yaml", "".join(rng.choice(YAML_ALPHABET) for _ in range(rng.randrange(1, 600)))


def bad_result(result) -> str:
    if result.scenario is None and not any(p.is_error for p in result.problems):
        return "no scenario and no error"
    for p in result.problems:
        if p.line < 1 or p.col < 1 or not p.message:
            return f"problem without a position: {p!r}"
    return ""


def run_cases(args: tuple[int, list[int], int, str]) -> dict:
    seed, indexes, memory_every, crash_dir = args
    texts = _texts()
    out = {"cases": 0, "crashes": [], "bad": [], "times": [], "peak": 0, "peak_case": None, "slowest_case": None,
           "kinds": {}, "traced": 0}
    for index in indexes:
        kind, data = make_case(seed, index, texts)
        out["cases"] += 1
        out["kinds"][kind] = out["kinds"].get(kind, 0) + 1
        start = time.perf_counter()
        try:
            result = load_text(data, "fuzz.yaml")
        except BaseException as exc:  # noqa: BLE001 - any exception is what we look for
            if isinstance(exc, KeyboardInterrupt):
                raise
            name = Path(crash_dir) / f"crash-{seed}-{index}.bin"
            name.parent.mkdir(parents=True, exist_ok=True)
            name.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", errors="surrogatepass"))
            out["crashes"].append({"case": index, "kind": kind, "error": f"{type(exc).__name__}: {exc}"[:300],
                                   "input": str(name), "traceback": traceback.format_exc()[-2000:]})
            continue
        elapsed = time.perf_counter() - start
        out["times"].append(elapsed)
        if elapsed >= max(out["times"]):
            out["slowest_case"] = index
        problem = bad_result(result)
        if problem:
            out["bad"].append({"case": index, "kind": kind, "problem": problem})
        if memory_every and index % memory_every == 0:
            out["traced"] += 1
            tracemalloc.start()
            try:
                load_text(data, "fuzz.yaml")
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            if peak > out["peak"]:
                out["peak"], out["peak_case"] = peak, index
    out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=int, default=20_000, help="how many inputs (default 20,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--memory-every", type=int, default=10, help="trace memory on every n-th case (0: never)")
    parser.add_argument("--crash-dir", default=str(Path(tempfile.gettempdir()) / "parley-fuzz-crashes"))
    parser.add_argument("--case", type=int, help="replay one case and print its problems")
    args = parser.parse_args(argv)

    if args.case is not None:
        kind, data = make_case(args.seed, args.case, _texts())
        result = load_text(data, "fuzz.yaml")
        print(f"case {args.case} ({kind}, {len(data)} long):")
        for p in result.problems:
            print("  " + p.headline())
        return 0

    started = time.perf_counter()
    chunks = [(args.seed, list(range(j, args.cases, args.jobs)), args.memory_every, args.crash_dir) for j in range(args.jobs)]
    if args.jobs == 1:
        parts = [run_cases(chunks[0])]
    else:
        with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
            parts = pool.map(run_cases, chunks)
    wall = time.perf_counter() - started

    times = [t for part in parts for t in part["times"]]
    crashes = [c for part in parts for c in part["crashes"]]
    bad = [b for part in parts for b in part["bad"]]
    kinds: dict[str, int] = {}
    for part in parts:
        for k, n in part["kinds"].items():
            kinds[k] = kinds.get(k, 0) + n
    slowest = max(parts, key=lambda part: max(part["times"], default=0))
    heaviest = max(parts, key=lambda part: part["peak"])
    summary = {
        "cases": sum(part["cases"] for part in parts),
        "crashes": len(crashes),
        "bad_results": len(bad),
        "max_ms": round(max(times, default=0) * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 2) if times else 0,
        "slowest_case": slowest["slowest_case"],
        "max_traced_mb": round(heaviest["peak"] / 2**20, 1),
        "heaviest_case": heaviest["peak_case"],
        "traced_cases": sum(part["traced"] for part in parts),
        "max_rss_mb": round(max(part["maxrss_kb"] for part in parts) / 1024, 1),
        "wall_s": round(wall, 1),
        "seed": args.seed,
        "kinds": kinds,
    }
    rows = [("cases", f"{summary['cases']:,}"), ("  of which", ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items()))),
            ("crashes (exceptions)", f"{summary['crashes']}"), ("bad results", f"{summary['bad_results']}"),
            ("max time per case", f"{summary['max_ms']} ms (case {summary['slowest_case']})"),
            ("median time per case", f"{summary['median_ms']} ms"),
            ("max traced memory per case", f"{summary['max_traced_mb']} MB (case {summary['heaviest_case']}, "
                                           f"{summary['traced_cases']:,} cases traced)"),
            ("max RSS of a process", f"{summary['max_rss_mb']} MB"), ("wall time", f"{summary['wall_s']} s")]
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    for c in crashes[:10]:
        print(f"\nCRASH case {c['case']} ({c['kind']}): {c['error']}\n  input: {c['input']}\n{c['traceback']}", file=sys.stderr)
    for b in bad[:10]:
        print(f"BAD case {b['case']} ({b['kind']}): {b['problem']}", file=sys.stderr)
    print(json.dumps(summary))
    return 1 if crashes or bad else 0


if __name__ == "__main__":
    sys.exit(main())
