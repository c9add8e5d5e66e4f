"""Secrets and limits of a class on a school network.

- the class code: 6 characters of an unambiguous alphabet, typed by the students;
- a seat token: 128 random bits, given to the seat's client once and kept only
  as its SHA-256 on the host, for reconnecting;
- a re-join PIN: 5 digits, shown on the teacher's page, for a student who moves
  to another computer (with the class code);
- the teacher's key: 128 random bits in the teacher's URL;
- `Attempts`: failed codes and PINs per address, refused after a few a minute;
- `Bucket`: a token bucket per connection (messages per second).

Times come from a clock the caller passes (monotonic seconds), so tests need no sleep.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import deque

from game.play.remote.protocol import CODE_ALPHABET, CODE_LENGTH, PIN_LENGTH


def class_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(16)  # 128 bits


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def new_pin(taken: set[str]) -> str:
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))
        if pin not in taken:
            return pin


class Attempts:
    """At most `limit` failures per address in `window` seconds; then refused until they age out."""

    def __init__(self, limit: int = 8, window: float = 60.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._failures.setdefault(address, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked(self, address: str, now: float) -> bool:
        return len(self._recent(address, now)) >= self.limit

    def fail(self, address: str, now: float) -> None:
        self._recent(address, now).append(now)
        if len(self._failures) > 10_000:  # a flood of addresses must not grow memory without end
            for key in [k for k, v in self._failures.items() if not v][:5_000]:
                del self._failures[key]


class Bucket:
    """A token bucket: `rate` messages a second, bursts of `burst`."""

    def __init__(self, rate: float = 10.0, burst: float = 30.0, now: float = 0.0):
        self.rate, self.burst = rate, burst
        self.tokens = burst
        self.stamp = now

    def take(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
