"""In-memory token buckets keyed by an HMAC of the client key.

Client addresses are only ever held here, hashed with a per-process random
key, and never written to the database or logs. Buckets are pruned when full
again, so memory stays bounded by the number of recently active keys.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from peerhub.clock import Clock
from peerhub.errors import RateLimited

# Hard cap on remembered keys; beyond it the oldest are forgotten (a flood of
# distinct keys cannot exhaust memory).
MAX_KEYS = 100_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``capacity`` tokens, refilled at ``rate`` per second, per key."""

    def __init__(self, clock: Clock, capacity: float, rate: float) -> None:
        self._clock = clock
        self.capacity = capacity
        self.rate = rate
        self._buckets: dict[bytes, _Bucket] = {}
        self._key = secrets.token_bytes(32)

    def _digest(self, key: str) -> bytes:
        return hmac.new(self._key, key.encode(), hashlib.sha256).digest()[:16]

    def check(self, key: str, cost: float = 1.0) -> None:
        """Take ``cost`` tokens or raise ``RateLimited`` with the wait in seconds."""
        wait = self.take(key, cost)
        if wait > 0:
            raise RateLimited(wait)

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take tokens; return 0 on success or the seconds to wait otherwise."""
        now = self._clock.monotonic()
        digest = self._digest(key)
        bucket = self._buckets.get(digest)
        if bucket is None:
            if len(self._buckets) >= MAX_KEYS:
                self._prune(now)
            bucket = _Bucket(self.capacity, now)
            self._buckets[digest] = bucket
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0.0
        return (cost - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.updated) * self.rate >= self.capacity]
        for k in full:
            del self._buckets[k]
        while len(self._buckets) >= MAX_KEYS:
            self._buckets.pop(next(iter(self._buckets)))
