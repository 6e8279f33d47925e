"""Crash: two ``peerhub serve`` processes share PostgreSQL and Redis; members
send steadily; one process is killed with SIGKILL mid-stream; its members
reconnect to the other and resume with ``since``. Reports acknowledged lines
lost (must be 0), lines stored twice and duplicate deliveries (0), and the
recovery time (kill -> the member's next acknowledged line)."""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench.fault_traffic import Traffic
from bench.load_common import REDIS, Member, ServerProc, drop_postgres, make_postgres, prepare, server_env


async def crash(n: int, *, before: float, after: float) -> dict[str, Any]:
    name, url = await make_postgres()
    servers: list[ServerProc] = []
    members: list[Member] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tokens = await prepare(url, n, prefix="crash")
            env = server_env(url, Path(tmp), redis_url=REDIS)
            env["PEERHUB_REDIS_PREFIX"] = f"peerhub-crash-{uuid.uuid4().hex[:8]}:"
            a = await ServerProc(env, log_path=Path(tmp) / "a.log").start()
            servers.append(a)
            b = await ServerProc(env, log_path=Path(tmp) / "b.log").start()
            servers.append(b)
            members = [Member(t, keep=True) for t in tokens]
            urls = [[a.ws_url, b.ws_url] if i < n // 2 else [b.ws_url, a.ws_url] for i in range(n)]
            for m, u in zip(members, urls, strict=True):
                await m.connect(u[0])
                await m.join("lobby")
            traffic = Traffic(members, [[u[1]] if i < n // 2 else u for i, u in enumerate(urls)])
            tasks = [asyncio.create_task(traffic.run_member(i)) for i in range(n)]
            await asyncio.sleep(before)
            assert a.proc is not None
            traffic.fault_at = time.monotonic()
            a.proc.kill()  # SIGKILL: no drain, no goodbye
            await asyncio.sleep(after)
            traffic.stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks), 90)
            result = await traffic.account(b.base, tokens[0])
            return {"members": n, "killed_after_s": before, "ran_after_kill_s": after, **result}
    finally:
        await asyncio.gather(*(m.close() for m in members), return_exceptions=True)
        for server in servers:
            await server.stop()
        await drop_postgres(name)
