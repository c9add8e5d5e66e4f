"""The student's connection to the host: one WebSocket, kept open through network trouble.

`Link` runs in its own thread (`websockets.sync.client`). It tries the host's
addresses in turn; on a connection it sends `hello()` (join, or rejoin with the
seat's token) and hands every message to `on_message`. When the connection
drops it reports `reconnecting` and tries again with exponential backoff and
jitter, for up to `give_up_after` seconds (about ten minutes), then reports
`lost`. A host's `error` message (a wrong code, a full class) is final:
`refused`. Statuses go to `on_status`: connecting, connected, reconnecting,
refused, lost, closed. Pure: no pygame, no Starlette.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Callable, Sequence

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import connect

from game.play.remote import protocol as proto

GIVE_UP_AFTER = 600.0
FIRST_DELAY, MAX_DELAY = 0.25, 8.0


def backoff(attempt: int, rng: random.Random) -> float:
    """Seconds to wait before attempt `attempt` (1, 2, ...): doubling, capped, with full jitter above half."""
    ceiling = min(MAX_DELAY, FIRST_DELAY * 2 ** (attempt - 1))
    return ceiling / 2 + rng.random() * ceiling / 2


def seat_url(url: str) -> str:
    """The seat endpoint of a host address (`ws://host:port` or the full `.../ws`)."""
    url = url.strip().rstrip("/")
    return url if url.endswith("/ws") else url + "/ws"


class Link:
    def __init__(self, urls: Sequence[str], hello: Callable[[], dict], on_message: Callable[[dict], None],
                 on_status: Callable[[str, str], None], *, give_up_after: float = GIVE_UP_AFTER,
                 rng: random.Random | None = None):
        self.urls = [seat_url(u) for u in urls if u.strip()]
        self.hello, self.on_message, self.on_status = hello, on_message, on_status
        self.give_up_after = give_up_after
        self.rng = rng or random.Random()
        self.status = "connecting"
        self._conn = None
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="parley-link", daemon=True)

    def start(self) -> "Link":
        self._thread.start()
        return self

    def send(self, message: dict) -> bool:
        """Send now if connected (any thread); False if not (the caller resends after the welcome)."""
        conn = self._conn
        if conn is None:
            return False
        try:
            with self._send_lock:
                conn.send(proto.encode(message))
            return True
        except (ConnectionClosed, OSError, RuntimeError):
            return False

    def close(self) -> None:
        self._stop.set()
        conn = self._conn
        if conn is not None:
            try:
                conn.close()
            except Exception:  # already closing
                pass
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def _set(self, status: str, detail: str = "") -> None:
        self.status = status
        self.on_status(status, detail)

    def _run(self) -> None:
        attempt = 0
        trouble_since: float | None = None
        while not self._stop.is_set():
            for url in self.urls:
                if self._stop.is_set():
                    break
                try:
                    with connect(url, open_timeout=5, close_timeout=1, max_size=proto.MAX_HOST_FRAME,
                                 ping_interval=10, ping_timeout=20) as conn:
                        self._conn = conn
                        conn.send(proto.encode(self.hello()))
                        attempt, trouble_since = 0, None
                        self._set("connected")
                        for raw in conn:
                            msg = proto.decode(raw, limit=proto.MAX_HOST_FRAME)
                            if msg["type"] == "error":
                                self._conn = None
                                self._set("refused", str(msg.get("reason", "")))
                                return
                            self.on_message(msg)
                except (OSError, ConnectionClosed, InvalidHandshake, TimeoutError, proto.ProtocolError):
                    pass
                except InvalidURI as exc:
                    self._set("refused", str(exc))
                    return
                finally:
                    self._conn = None
            if self._stop.is_set():
                break
            now = time.monotonic()
            trouble_since = trouble_since or now
            if now - trouble_since > self.give_up_after:
                self._set("lost")
                return
            attempt += 1
            self._set("reconnecting")
            self._stop.wait(backoff(attempt, self.rng))
        self._set("closed")
