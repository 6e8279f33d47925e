"""Database outage: one ``peerhub serve`` on PostgreSQL through a TCP proxy
(the shared PostgreSQL cannot be stopped); members send steadily; the proxy
cuts every connection for ``cut`` seconds. Reports acknowledged lines lost
(0), errors returned meanwhile (by code), the time from restore to
``/readyz`` 200, and each member's time to its next acknowledged line."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from bench.fault_proxy import TcpProxy
from bench.fault_traffic import Traffic
from bench.load_common import Member, ServerProc, drop_postgres, make_postgres, prepare, server_env


async def outage(n: int, *, cut: float, around: float) -> dict[str, Any]:
    name, url = await make_postgres()
    target = urlsplit(url)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432)
    await proxy.start()
    server: ServerProc | None = None
    members: list[Member] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tokens = await prepare(url, n, prefix="dbout")
            proxied = url.replace(f"{target.hostname}:{target.port}", f"127.0.0.1:{proxy.port}")
            server = await ServerProc(server_env(proxied, Path(tmp)), log_path=Path(tmp) / "serve.log").start()
            members = [Member(t, keep=True) for t in tokens]
            for m in members:
                await m.connect(server.ws_url)
                await m.join("lobby")
            traffic = Traffic(members, [[server.ws_url]] * n)
            tasks = [asyncio.create_task(traffic.run_member(i)) for i in range(n)]
            await asyncio.sleep(around)
            traffic.fault_at = time.monotonic()
            await proxy.cut()
            await asyncio.sleep(cut)
            proxy.restore()
            restored = time.monotonic()
            async with httpx.AsyncClient(timeout=5) as client:
                while (await client.get(server.base + "/readyz")).status_code != 200:
                    await asyncio.sleep(0.05)
            back_to_ready = time.monotonic() - restored
            await asyncio.sleep(around)
            traffic.stop.set()
            await asyncio.wait_for(asyncio.gather(*tasks), 90)
            result = await traffic.account(server.base, tokens[0])
            result["recovery_max_s_after_restore"] = (
                round(result["recovery_max_s"] - cut, 2) if result["recovery_max_s"] is not None else None)
            return {"members": n, "cut_s": cut, "ready_again_after_restore_s": round(back_to_ready, 2), **result}
    finally:
        await asyncio.gather(*(m.close() for m in members), return_exceptions=True)
        if server is not None:
            await server.stop()
        await proxy.stop()
        await drop_postgres(name)
