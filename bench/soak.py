"""Soak: ``n`` sockets in one room of one ``peerhub serve`` process (SQLite),
``rate`` lines per second in total from rotating senders (each member stays
far under its own send limit), for ``seconds``. Samples the server's memory
and open files every few seconds and a probe socket's ping round trip every
100 ms (an upper bound on the server's event-loop lag: loopback adds tens of
microseconds). Reports drift (last sample minus the first after warm-up),
round-trip p50/p99/max, errors, gaps and duplicates."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.load_common import Member, SendFailed, ServerProc, percentile, prepare, raise_fd_limit, server_env

# Resource samples this often; the first after WARMUP_SECONDS is the baseline.
SAMPLE_SECONDS = 5.0
WARMUP_SECONDS = 5.0
PROBE_SECONDS = 0.1


async def soak(n: int, *, rate: float, seconds: float) -> dict[str, Any]:
    raise_fd_limit(2 * n + 1000)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'peerhub.sqlite3'}"
        tokens = await prepare(url, n + 1, prefix="soak")
        server = await ServerProc(server_env(url, Path(tmp)), log_path=Path(tmp) / "serve.log").start()
        members = [Member(t) for t in tokens[:n]]
        probe = Member(tokens[n])
        try:
            for m in members:
                await m.connect(server.ws_url)
                await m.join("lobby")
            await probe.connect(server.ws_url)
            stop = asyncio.Event()
            rtts: list[float] = []
            samples: list[tuple[float, int, int]] = []
            send_errors: dict[str, int] = {}
            sent = 0

            async def probing() -> None:
                while not stop.is_set():
                    rtts.append(await probe.ping())
                    await asyncio.sleep(PROBE_SECONDS)

            async def sampling() -> None:
                started = time.monotonic()
                while not stop.is_set():
                    if time.monotonic() - started >= WARMUP_SECONDS:
                        samples.append((time.monotonic() - started, server.rss_kib(), server.fds()))
                    await asyncio.sleep(SAMPLE_SECONDS)

            async def sending() -> None:
                nonlocal sent
                loop = asyncio.get_running_loop()
                t0 = loop.time()
                k = 0
                inflight: set[asyncio.Task[None]] = set()

                async def one(m: Member, cid: str) -> None:
                    nonlocal sent
                    try:
                        await m.send(cid, f"soak line {cid}")
                        sent += 1
                    except SendFailed as exc:
                        send_errors[exc.code] = send_errors.get(exc.code, 0) + 1

                while not stop.is_set():
                    await asyncio.sleep(max(0.0, t0 + k / rate - loop.time()))
                    task = asyncio.create_task(one(members[k % n], f"s{k}"))
                    inflight.add(task)
                    task.add_done_callback(inflight.discard)
                    k += 1
                await asyncio.gather(*inflight)

            workers = [asyncio.create_task(f()) for f in (probing, sampling, sending)]
            await asyncio.sleep(seconds)
            samples.append((seconds, server.rss_kib(), server.fds()))
            stop.set()
            await asyncio.wait_for(asyncio.gather(*workers), 60)
            await asyncio.sleep(1.0)
            first, last = samples[0], samples[-1]
            return {
                "sockets": n, "rate_per_s": rate, "seconds": seconds, "lines_acknowledged": sent,
                "frames_delivered": sum(m.received for m in members),
                "send_errors": send_errors, "error_frames": sum(m.errors for m in members),
                "sockets_closed": sum(1 for m in members if not m.open),
                "gaps": sum(m.gaps for m in members), "duplicates": sum(m.duplicates for m in members),
                "rss_mib_first": round(first[1] / 1024, 1), "rss_mib_last": round(last[1] / 1024, 1),
                "rss_mib_max": round(max(s[1] for s in samples) / 1024, 1),
                "rss_drift_mib": round((last[1] - first[1]) / 1024, 1),
                "fds_first": first[2], "fds_last": last[2],
                "ping_rtt_p50_ms": round(percentile(rtts, 50) * 1000, 2),
                "ping_rtt_p99_ms": round(percentile(rtts, 99) * 1000, 2),
                "ping_rtt_max_ms": round(max(rtts, default=0) * 1000, 2),
            }
        finally:
            await asyncio.gather(*(m.close() for m in [*members, probe]), return_exceptions=True)
            await server.stop()
