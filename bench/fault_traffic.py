"""Steady chat traffic for the fault benchmarks, and the loss accounting.

Each member sends one line every ``interval`` seconds and waits for its ack.
What a real client does on trouble, so does this one: a failed socket is
reopened (on the next server in ``urls``) and the room re-joined with
``since``; an unacknowledged line is resent with the same ``client_msg_id``
(stored once); ``unavailable`` and ``rate_limited`` are retried after a pause.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

from bench.load_common import Member, SendFailed, history, percentile

# Pause before retrying a send the server answered with a retryable error.
RETRY_PAUSE_SECONDS = 0.5
# A member gives up reconnecting after this long (the run then reports it).
RECONNECT_GIVE_UP_SECONDS = 60.0


@dataclass
class Traffic:
    members: list[Member]
    urls: list[list[str]]  # per member: the servers to try, in order
    interval: float = 1.0
    acked: dict[str, tuple[int, str]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    reconnects: int = 0
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    fault_at: float | None = None
    recovered: list[float] = field(default_factory=list)
    unfinished: int = 0

    async def _reconnect(self, i: int) -> None:
        m = self.members[i]
        deadline = time.monotonic() + RECONNECT_GIVE_UP_SECONDS
        while time.monotonic() < deadline:
            for url in self.urls[i]:
                try:
                    await m.close()
                    await m.connect(url, timeout=5)
                    await m.join(m.room)
                    self.reconnects += 1
                    return
                except Exception:
                    await asyncio.sleep(0.2)
        raise RuntimeError("could not reconnect")

    async def run_member(self, i: int) -> None:
        m = self.members[i]
        k = 0
        await asyncio.sleep(random.random() * self.interval)
        while not self.stop.is_set():
            cid, text = f"c{i}-{k}", f"line {i}-{k}"
            hurt = False
            while True:
                try:
                    seq = await m.send(cid, text)
                    break
                except SendFailed as exc:
                    self.errors[exc.code] = self.errors.get(exc.code, 0) + 1
                    hurt = True
                    if exc.code in {"closed", "timeout"}:
                        await self._reconnect(i)
                    else:
                        await asyncio.sleep(RETRY_PAUSE_SECONDS)
            self.acked[cid] = (seq, text)
            if hurt and self.fault_at is not None:
                self.recovered.append(time.monotonic() - self.fault_at)
            k += 1
            try:
                await asyncio.wait_for(self.stop.wait(), self.interval)
            except TimeoutError:
                pass

    async def account(self, base: str, token: str, settle: float = 30.0) -> dict[str, Any]:
        """Compare every acknowledged line and every member's view with the
        server's record (after waiting up to ``settle`` s for views to catch up)."""
        record = await history(base, token)
        by_seq = {int(str(row["seq"])): str(row["text"]) for row in record}
        head = max(by_seq, default=0)
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline and any(m.last_seq < head for m in self.members):
            await asyncio.sleep(0.1)
        lost = [cid for cid, (seq, text) in self.acked.items() if by_seq.get(seq) != text]
        texts = list(by_seq.values())
        views_differ = sum(1 for m in self.members if m.view != by_seq)
        return {
            "acknowledged": len(self.acked), "stored": len(by_seq),
            "acknowledged_lost": len(lost), "stored_twice": len(texts) - len(set(texts)),
            "duplicate_deliveries": sum(m.duplicates for m in self.members),
            "views_differing_from_record": views_differ,
            "errors_returned": dict(sorted(self.errors.items())), "reconnects": self.reconnects,
            "resyncs": sum(m.resyncs for m in self.members),
            "recovery_p50_s": round(percentile(self.recovered, 50), 2) if self.recovered else None,
            "recovery_max_s": round(max(self.recovered), 2) if self.recovered else None,
        }
