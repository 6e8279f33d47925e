"""Redis outage: two ``peerhub serve`` processes share PostgreSQL and Redis;
members send steadily; every Redis connection the two processes hold is
killed repeatedly for ``cut`` seconds (``CLIENT KILL``, as a Redis restart
or network cut would). Local delivery must continue meanwhile; members on
the other process catch up after the resync; acknowledged lines lost 0."""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis

from bench.fault_traffic import Traffic
from bench.load_common import REDIS, Member, ServerProc, drop_postgres, make_postgres, prepare, server_env

# How often the Redis connections are killed while the outage lasts.
KILL_EVERY_SECONDS = 0.05


async def _kill(prefix: str) -> int:
    admin = aioredis.from_url(REDIS)
    try:
        killed = 0
        for client in await admin.client_list():
            if str(client.get("name", "")).startswith(prefix):
                killed += int(await admin.client_kill_filter(_id=client["id"]))
        return killed
    finally:
        await admin.aclose()


async def outage(n: int, *, cut: float, around: float) -> dict[str, Any]:
    name, url = await make_postgres()
    servers: list[ServerProc] = []
    members: list[Member] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tokens = await prepare(url, n, prefix="rdout")
            prefix = f"peerhub-redis-{uuid.uuid4().hex[:8]}:"
            env = server_env(url, Path(tmp), redis_url=REDIS)
            env["PEERHUB_REDIS_PREFIX"] = prefix
            a = await ServerProc(env, log_path=Path(tmp) / "a.log").start()
            servers.append(a)
            b = await ServerProc(env, log_path=Path(tmp) / "b.log").start()
            servers.append(b)
            members = [Member(t, keep=True) for t in tokens]
            urls = [[a.ws_url] if i % 2 == 0 else [b.ws_url] for i in range(n)]
            for m, u in zip(members, urls, strict=True):
                await m.connect(u[0])
                await m.join("lobby")
            traffic = Traffic(members, urls)
            tasks = [asyncio.create_task(traffic.run_member(i)) for i in range(n)]
            await asyncio.sleep(around)
            received_before = [m.received for m in members]
            acked_before = len(traffic.acked)
            traffic.fault_at = time.monotonic()
            killed = 0
            end = time.monotonic() + cut
            while time.monotonic() < end:
                killed += await _kill(prefix)
                await asyncio.sleep(KILL_EVERY_SECONDS)
            received_during = [m.received - r for m, r in zip(members, received_before, strict=True)]
            acked_during = len(traffic.acked) - acked_before
            await asyncio.sleep(around)
            traffic.stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks), 90)
            result = await traffic.account(b.base, tokens[0])
            return {
                "members": n, "outage_s": cut, "redis_connections_killed": killed,
                "acknowledged_during_outage": acked_during,
                "min_frames_received_during_outage_per_member": min(received_during, default=0),
                **result,
            }
    finally:
        await asyncio.gather(*(m.close() for m in members), return_exceptions=True)
        for server in servers:
            await server.stop()
        await drop_postgres(name)
