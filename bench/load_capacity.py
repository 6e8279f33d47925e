"""Capacity and connect storm against one ``peerhub serve`` process (SQLite).

- capacity: open ``n`` idle authenticated sockets (each waits for ``hello``);
  report how many the process holds, its memory per socket (RSS growth
  divided by sockets) and its open files.
- storm: ``n`` clients connect spread evenly over ``window`` seconds;
  report the handshake success rate and handshake time (TCP + upgrade +
  session check + ``hello``) p50/p99.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.load_common import Member, ServerProc, percentile, prepare, raise_fd_limit, server_env

# Sockets opened at once while filling up (the server's accept backlog is 2048).
OPEN_CONCURRENCY = 200
# One member holds this many sockets (sessions are per member, sockets are not).
SOCKETS_PER_MEMBER = 50


async def _server(workdir: Path, members: int) -> tuple[ServerProc, list[str]]:
    url = f"sqlite+aiosqlite:///{workdir / 'peerhub.sqlite3'}"
    tokens = await prepare(url, members, prefix="cap")
    server = await ServerProc(server_env(url, workdir), log_path=workdir / "serve.log").start()
    return server, tokens


async def capacity(n: int) -> dict[str, Any]:
    raise_fd_limit(2 * n + 1000)
    with tempfile.TemporaryDirectory() as tmp:
        server, tokens = await _server(Path(tmp), max(1, n // SOCKETS_PER_MEMBER))
        members = [Member(tokens[i % len(tokens)]) for i in range(n)]
        try:
            warm = members[:20]
            for m in warm:
                await m.connect(server.ws_url)
            await asyncio.sleep(1.0)
            rss_before, fds_before = server.rss_kib(), server.fds()
            started = time.monotonic()
            gate = asyncio.Semaphore(OPEN_CONCURRENCY)
            failures = 0

            async def open_one(m: Member) -> None:
                nonlocal failures
                async with gate:
                    try:
                        await m.connect(server.ws_url, timeout=30)
                    except Exception:
                        failures += 1

            await asyncio.gather(*(open_one(m) for m in members[20:]))
            elapsed = time.monotonic() - started
            await asyncio.sleep(2.0)  # let the server settle (freed buffers, GC)
            held = sum(1 for m in members if m.open)
            rss_after, fds_after = server.rss_kib(), server.fds()
            added = max(1, held - len(warm))
            return {
                "sockets_asked": n, "sockets_held": held, "failures": failures, "open_seconds": round(elapsed, 1),
                "server_rss_mib_before": round(rss_before / 1024, 1), "server_rss_mib_after": round(rss_after / 1024, 1),
                "kib_per_socket": round((rss_after - rss_before) / added, 1),
                "server_fds": fds_after, "fds_per_socket": round((fds_after - fds_before) / added, 2),
            }
        finally:
            await asyncio.gather(*(m.close() for m in members), return_exceptions=True)
            await server.stop()


async def storm(n: int, window: float) -> dict[str, Any]:
    raise_fd_limit(2 * n + 1000)
    with tempfile.TemporaryDirectory() as tmp:
        server, tokens = await _server(Path(tmp), max(1, n // SOCKETS_PER_MEMBER))
        members = [Member(tokens[i % len(tokens)]) for i in range(n)]
        times: list[float] = []
        failures: list[str] = []
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.5

        async def one(i: int, m: Member) -> None:
            await asyncio.sleep(max(0.0, start + i * window / n - loop.time()))
            try:
                times.append(await m.connect(server.ws_url, timeout=30))
            except Exception as exc:
                failures.append(type(exc).__name__)

        try:
            await asyncio.gather(*(one(i, m) for i, m in enumerate(members)))
            finished = loop.time() - start
            return {
                "clients": n, "window_seconds": window, "all_connected_after_seconds": round(finished, 2),
                "success_rate": round(len(times) / n, 4), "failures": len(failures),
                "handshake_p50_ms": round(percentile(times, 50) * 1000, 1),
                "handshake_p99_ms": round(percentile(times, 99) * 1000, 1),
                "handshake_max_ms": round(max(times, default=0) * 1000, 1),
            }
        finally:
            await asyncio.gather(*(m.close() for m in members), return_exceptions=True)
            await server.stop()
