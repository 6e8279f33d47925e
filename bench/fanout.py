"""Fan-out benchmark: one room, one sender, N receivers, on 127.0.0.1.

    .venv/bin/python bench/fanout.py                    # everything (takes a few minutes)
    .venv/bin/python bench/fanout.py --n 100 --seconds 3 --idle 500 --only peerhub-sqlite,websockets

Servers, each started here as its own process:
  peerhub-sqlite    peerhub on the embedded default (SQLite), the send rate limit lifted
  peerhub-postgres  peerhub on PostgreSQL (PEERHUB_BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1/postgres)
  websockets        a minimal broadcast server on the `websockets` library alone (the practical ceiling)
  socketio          python-socketio with rooms on uvicorn (pip install python-socketio)
  starlette-bare    a minimal Starlette websocket broadcast on uvicorn, same server settings as peerhub
                    (what ASGI + Starlette alone allow; not in the default --only)
  peerhub-filters   peerhub-sqlite where every user has 3 muted topics and 20 custom words (trigger filters)

For N in --n (default 100 and 1,000) it measures deliveries per second at
saturation (the sender keeps WINDOW messages in flight, counted over all
receivers) and end-to-end latency p50/p99 at a fixed 20 messages/s; then
resident memory per idle connection with --idle connections (default 2,000).
The client side is a raw-socket WebSocket client that parses only frame
headers on the hot path, so the clients cost far less CPU than the servers.
Every peerhub message goes the whole way: JSON parse, moderation pipeline,
database commit with its seq, publish, fan-out, ack.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import json
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WINDOW = 40  # messages in flight at saturation (counted over all receivers)
RATE = 20  # messages per second for the latency run
TEXT_CHARS = 160  # chat text; with peerhub's envelope a frame is ~330 bytes
CONNECT_PARALLEL = 100


# --------------------------------------------------------------------------- servers


def serve_websockets(port: int) -> None:
    import websockets
    from websockets.asyncio.server import broadcast, serve

    clients: set[Any] = set()

    async def handler(ws: Any) -> None:
        clients.add(ws)
        try:
            async for message in ws:
                if message != "join":
                    broadcast(clients, message)
        finally:
            clients.discard(ws)

    async def main() -> None:
        async with serve(handler, "127.0.0.1", port, compression=None, max_size=16 * 1024):
            print("READY", flush=True)
            await asyncio.Future()

    assert websockets
    asyncio.run(main())


def serve_socketio(port: int) -> None:
    import socketio
    import uvicorn

    sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins="*", logger=False, engineio_logger=False)

    @sio.event  # type: ignore[untyped-decorator]
    async def join(sid: str, room: str) -> bool:
        await sio.enter_room(sid, room)
        return True

    @sio.event  # type: ignore[untyped-decorator]
    async def send(sid: str, data: str) -> None:
        await sio.emit("message", data, room="lobby")

    config = uvicorn.Config(socketio.ASGIApp(sio), host="127.0.0.1", port=port, log_level="warning",
                            ws="websockets-sansio", ws_per_message_deflate=False, access_log=False)
    server = uvicorn.Server(config)

    async def main() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        print("READY", flush=True)
        await task

    asyncio.run(main())


def serve_starlette(port: int) -> None:
    """A bare Starlette broadcast: every text frame is sent to every socket,
    in turn, with ``WebSocket.send_text``; uvicorn configured as for peerhub."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocket, WebSocketDisconnect

    clients: set[WebSocket] = set()

    async def endpoint(ws: WebSocket) -> None:
        await ws.accept()
        clients.add(ws)
        try:
            while True:
                message = await ws.receive_text()
                if message != "join":
                    for other in list(clients):
                        with contextlib.suppress(Exception):
                            await other.send_text(message)
        except WebSocketDisconnect:
            pass
        finally:
            clients.discard(ws)

    app = Starlette(routes=[WebSocketRoute("/ws", endpoint)])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off",
                            ws="websockets-sansio", ws_max_size=16 * 1024, ws_per_message_deflate=False)
    server = uvicorn.Server(config)

    async def main() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        print("READY", flush=True)
        await task

    asyncio.run(main())


def serve_peerhub(port: int, db_url: str, data_dir: str) -> None:
    import logging

    import uvicorn

    from peerhub.app import create_app
    from peerhub.clock import SystemClock
    from peerhub.ratelimit import RateLimiter
    from peerhub.settings import Settings

    logging.basicConfig(level=logging.WARNING)
    settings = Settings(env="development", data_dir=Path(data_dir), database_url=db_url,
                        secret_key="bench-secret-key-long-enough-0123456789", seed_defaults=False)
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="on",
                            ws="websockets-sansio", ws_max_size=16 * 1024, ws_per_message_deflate=False)
    server = uvicorn.Server(config)

    async def main() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        # One sender at full speed: lift the per-person send limit for the benchmark.
        app.state.hub.sends = RateLimiter(SystemClock(), 1e12, 1e12)
        print("READY", flush=True)
        await task

    asyncio.run(main())


async def prepare_peerhub_db(db_url: str, users: int) -> list[str]:
    """Migrate, seed, and create users with sessions directly (no password hashing); returns cookies."""
    from peerhub.accounts.models import AuthSession, User
    from peerhub.accounts.service import token_hash
    from peerhub.clock import SystemClock
    from peerhub.db import Database
    from peerhub.migrations import upgrade
    from peerhub.seed import seed_defaults

    await upgrade(db_url)
    db = Database(db_url, pool_size=1)
    clock = SystemClock()
    await seed_defaults(db, clock)
    tokens = [secrets.token_urlsafe(24) for _ in range(users)]
    now = clock.now()
    from datetime import timedelta

    async with db.write() as session:
        rows = [User(handle=f"bench_{i}", handle_key=f"bench_{i}", password_hash=None, role="member",
                     created_at=now) for i in range(users)]
        session.add_all(rows)
        await session.flush()
        session.add_all(AuthSession(token_hash=token_hash(t), user_id=u.id, created_at=now, last_seen_at=now,
                                    expires_at=now + timedelta(days=1)) for t, u in zip(tokens, rows, strict=True))
    await db.dispose()
    return tokens


# --------------------------------------------------------------------------- trigger-filter run
# ``--only peerhub-sqlite,peerhub-filters``: peerhub-filters is peerhub-sqlite
# where every user has 3 muted topics and 20 custom words (issue 7: at least
# 0.8x the deliveries/s of the same run without filters).
FILTER_TOPICS_PER_USER = 3
FILTER_WORDS_PER_USER = 20


async def add_bench_filters(db_url: str) -> None:
    """Give every user 3 muted topics and 20 custom words, drawn from a shared
    pool so the room's automaton holds a few hundred distinct words."""
    import random

    from sqlalchemy import select

    from peerhub.accounts.models import User
    from peerhub.clock import SystemClock
    from peerhub.db import Database
    from peerhub.moderation.filters_models import UserFilters
    from peerhub.moderation.triggers import TOPIC_IDS

    rnd = random.Random(7)
    topics = sorted(TOPIC_IDS)
    pool = [f"benchword{i}" for i in range(400)] + ["casino", "tequila", "wine o'clock", "a cold one", "relapse"]
    db = Database(db_url, pool_size=1)
    now = SystemClock().now()
    async with db.write() as session:
        ids = list((await session.execute(select(User.id))).scalars())
        session.add_all(UserFilters(user_id=uid, updated_at=now, rules={
            "topics": [{"topic": t, "action": rnd.choice(["hide", "collapse"]), "until": None}
                       for t in rnd.sample(topics, FILTER_TOPICS_PER_USER)],
            "words": [{"text": w, "action": rnd.choice(["hide", "collapse"]), "whole_word": rnd.random() < 0.8,
                       "until": None} for w in rnd.sample(pool, FILTER_WORDS_PER_USER)],
            "muted_users": [],
        }) for uid in ids)
    await db.dispose()


# --------------------------------------------------------------------------- raw client


class RawWs(asyncio.Protocol):
    """A minimal WebSocket client: handshake, masked text frames out, frame
    headers parsed in; payloads are looked at only when ``keep`` says so."""

    def __init__(self, bench: Bench, path: str, headers: dict[str, str], *, pong_eio: bool = False) -> None:
        self.bench = bench
        self.path = path
        self.headers = headers
        self.pong_eio = pong_eio
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.upgraded = asyncio.get_running_loop().create_future()
        self.waiters: list[tuple[bytes, asyncio.Future[bytes]]] = []
        self.count = 0
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {self.path} HTTP/1.1", f"Host: {self.bench.host}:{self.bench.port}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13",
                 *[f"{k}: {v}" for k, v in self.headers.items()]]
        transport.write(("\r\n".join(lines) + "\r\n\r\n").encode())

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if not self.upgraded.done():
            self.upgraded.set_exception(ConnectionError("closed during handshake"))

    def send_text(self, text: str) -> None:
        data = text.encode()
        n = len(data)
        head = bytearray([0x81])
        if n < 126:
            head.append(0x80 | n)
        elif n < 65536:
            head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        # Zero masking key: valid framing, and the payload needs no XOR.
        assert self.transport is not None
        self.transport.write(bytes(head) + b"\x00\x00\x00\x00" + data)

    def wait_prefix(self, prefix: bytes) -> asyncio.Future[bytes]:
        fut: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.waiters.append((prefix, fut))
        return fut

    def data_received(self, data: bytes) -> None:
        buf = self.buf
        buf += data
        if not self.upgraded.done():
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buf[:12])
            del buf[: end + 4]
            if b" 101" not in status:
                self.upgraded.set_exception(ConnectionError(status.decode(errors="replace")))
                return
            self.upgraded.set_result(None)
        pos, size = 0, len(buf)
        bench = self.bench
        prefix = bench.count_prefix
        while size - pos >= 2:
            b1 = buf[pos + 1] & 0x7F
            opcode = buf[pos] & 0x0F
            hdr = 2
            if b1 == 126:
                if size - pos < 4:
                    break
                b1 = int.from_bytes(buf[pos + 2 : pos + 4], "big")
                hdr = 4
            elif b1 == 127:
                if size - pos < 10:
                    break
                b1 = int.from_bytes(buf[pos + 2 : pos + 10], "big")
                hdr = 10
            end = pos + hdr + b1
            if end > size:
                break
            start = pos + hdr
            if opcode == 1:
                if buf.startswith(prefix, start):
                    self.count += 1
                    bench.deliveries += 1
                    if bench.latency is not None:
                        bench.note_latency(bytes(buf[start:end]))
                elif self.waiters or self.pong_eio:
                    payload = bytes(buf[start:end])
                    if self.pong_eio and payload == b"2":
                        self.send_text("3")
                    for i, (want, fut) in enumerate(self.waiters):
                        if payload.startswith(want) and not fut.done():
                            fut.set_result(payload)
                            del self.waiters[i]
                            break
            elif opcode == 8:
                self.closed = True
            pos = end
        if pos:
            del buf[:pos]
        if bench.wake is not None and not bench.wake.is_set():
            bench.wake.set()


@dataclass
class Bench:
    kind: str
    host: str
    port: int
    count_prefix: bytes
    deliveries: int = 0
    latency: list[float] | None = None
    wake: asyncio.Event | None = None
    t_base: float = field(default_factory=time.perf_counter)

    def note_latency(self, payload: bytes) -> None:
        i = payload.find(b"t=")
        if i >= 0 and self.latency is not None:
            sent = int(payload[i + 2 : i + 22])
            self.latency.append(time.perf_counter_ns() - sent)


async def open_client(bench: Bench, cookie: str | None) -> RawWs:
    loop = asyncio.get_running_loop()
    headers = {"Origin": f"http://{bench.host}:{bench.port}"}
    if cookie:
        headers["Cookie"] = f"peerhub_session={cookie}"
    path = {"socketio": "/socket.io/?EIO=4&transport=websocket"}.get(bench.kind, "/ws")
    if bench.kind == "websockets":
        path = "/"
    _, proto = await loop.create_connection(
        lambda: RawWs(bench, path, headers, pong_eio=bench.kind == "socketio"), bench.host, bench.port)
    await proto.upgraded
    if bench.kind.startswith("peerhub"):
        joined = proto.wait_prefix(b'{"type":"joined"')
        proto.send_text('{"type":"join","room":"lobby"}')
        await asyncio.wait_for(joined, 30)
    elif bench.kind == "socketio":
        connected = proto.wait_prefix(b"40")
        proto.send_text("40")
        await asyncio.wait_for(connected, 30)
        acked = proto.wait_prefix(b"431")
        proto.send_text('421["join","lobby"]')
        await asyncio.wait_for(acked, 30)
    else:
        proto.send_text("join")
    return proto


async def open_many(bench: Bench, cookies: list[str | None]) -> list[RawWs]:
    sem = asyncio.Semaphore(CONNECT_PARALLEL)

    async def one(cookie: str | None) -> RawWs:
        async with sem:
            return await open_client(bench, cookie)

    return list(await asyncio.gather(*(one(c) for c in cookies)))


def message(kind: str, i: int) -> str:
    stamp = f"t={time.perf_counter_ns():020d} "
    text = stamp + "x" * (TEXT_CHARS - len(stamp))
    if kind.startswith("peerhub"):
        return json.dumps({"type": "send", "room": "lobby", "client_msg_id": f"m{i}-{secrets.token_hex(3)}",
                           "text": text})
    if kind == "socketio":
        return json.dumps(["send", text])
    return json.dumps({"type": "message", "room": "lobby", "seq": i, "author": {"id": 1, "handle": "bench_0"},
                       "text": text, "ts": "2026-11-24T03:00:00Z"}, separators=(",", ":"))


def send_frame(kind: str, sender: RawWs, i: int) -> None:
    data = message(kind, i)
    sender.send_text("42" + data if kind == "socketio" else data)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def saturation(bench: Bench, sender: RawWs, receivers: int, seconds: float, pid: int) -> tuple[float, float]:
    """Deliveries per second with WINDOW messages in flight; and the server's CPU use."""
    bench.wake = asyncio.Event()
    sent = 0
    total = receivers + 1  # the sender receives its own broadcast too
    base = bench.deliveries
    loop = asyncio.get_running_loop()
    start_count = 0
    t0 = loop.time()
    measuring_from = t0 + 1.0  # one second of warm-up
    cpu0 = t_cpu = 0.0
    started = False
    while True:
        now = loop.time()
        if not started and now >= measuring_from:
            started, start_count, t_start, cpu0 = True, bench.deliveries, now, cpu_seconds(pid)
        if started and now - t_start >= seconds:
            break
        if bench.deliveries - base >= (sent - WINDOW) * total:
            send_frame(bench.kind, sender, sent)
            sent += 1
            if sent % 8:
                continue
            await asyncio.sleep(0)
        else:
            bench.wake.clear()
            try:
                await asyncio.wait_for(bench.wake.wait(), 5)
            except TimeoutError:
                raise RuntimeError(f"{bench.kind}: deliveries stalled at {bench.deliveries}") from None
    elapsed = loop.time() - t_start
    t_cpu = cpu_seconds(pid) - cpu0
    rate = (bench.deliveries - start_count) / elapsed
    # Let the in-flight window drain before the next phase.
    deadline = loop.time() + 10
    while bench.deliveries - base < sent * total and loop.time() < deadline:
        bench.wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(bench.wake.wait(), 1)
    bench.wake = None
    return rate, t_cpu / elapsed


async def latency(bench: Bench, sender: RawWs, seconds: float) -> tuple[float, float]:
    bench.latency = []
    loop = asyncio.get_running_loop()
    count = int(seconds * RATE)
    t0 = loop.time()
    for i in range(count):
        await asyncio.sleep(max(0.0, t0 + i / RATE - loop.time()))
        if i == RATE:  # drop the first second
            bench.latency.clear()
        send_frame(bench.kind, sender, 100_000 + i)
    await asyncio.sleep(1.0)
    samples = sorted(bench.latency)
    bench.latency = None
    if not samples:
        return float("nan"), float("nan")
    p50 = statistics.median(samples) / 1e6
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] / 1e6
    return p50, p99


# --------------------------------------------------------------------------- orchestration


def _nothing() -> None:
    return None


@dataclass
class Server:
    kind: str
    port: int
    proc: subprocess.Popen[str]
    cookies: list[str]
    cleanup: Callable[[], None] = _nothing


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(kind: str, users: int, workdir: Path) -> Server:
    port = free_port()
    cookies: list[str] = []
    cleanup: Callable[[], None] = _nothing
    args = [sys.executable, __file__, "--serve", kind, "--port", str(port)]
    if kind in ("peerhub-sqlite", "peerhub-filters"):
        url = f"sqlite+aiosqlite:///{workdir / 'bench.sqlite3'}"
        cookies = asyncio.run(prepare_peerhub_db(url, users))
        if kind == "peerhub-filters":
            asyncio.run(add_bench_filters(url))
        args += ["--db", url, "--data", str(workdir)]
    elif kind == "peerhub-postgres":
        import asyncpg

        from peerhub.settings import normalize_database_url

        admin = os.environ.get("PEERHUB_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
        name = f"peerhub_bench_{secrets.token_hex(4)}"

        async def admin_sql(sql: str) -> None:
            conn = await asyncpg.connect(admin)
            try:
                await conn.execute(sql)
            finally:
                await conn.close()

        asyncio.run(admin_sql(f'CREATE DATABASE "{name}"'))
        url = normalize_database_url(admin.rsplit("/", 1)[0] + "/" + name)
        cookies = asyncio.run(prepare_peerhub_db(url, users))
        args += ["--db", url, "--data", str(workdir)]

        def cleanup() -> None:
            asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "READY" not in line:
        proc.kill()
        raise RuntimeError(f"{kind} did not start: {line!r}")
    return Server(kind, port, proc, cookies, cleanup)


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
    server.cleanup()


PREFIX = {"websockets": b'{"type":"message"', "socketio": b'42["message"'}


async def run_kind(kind: str, server: Server, ns: list[int], seconds: float, idle: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    bench = Bench(kind, "127.0.0.1", server.port, PREFIX.get(kind, b'{"type":"message"'))
    cookies: list[str | None] = list(server.cookies) if server.cookies else [None] * (max([*ns, idle]) + 1)
    opened: list[RawWs] = []
    sender = await open_client(bench, cookies[0])
    for n in ns:
        more = await open_many(bench, cookies[1 + len(opened) : 1 + n])
        opened += more
        await asyncio.sleep(0.5)  # presence frames settle
        rate, cpu = await saturation(bench, sender, n, seconds, server.proc.pid)
        p50, p99 = await latency(bench, sender, seconds)
        results[f"n{n}"] = {"deliveries_per_s": rate, "server_cpu": cpu, "p50_ms": p50, "p99_ms": p99}
        print(f"  {kind:17} N={n:5}  {rate:10,.0f} deliveries/s (server CPU {cpu:4.0%})  "
              f"p50 {p50:6.2f} ms  p99 {p99:6.2f} ms", flush=True)
    for ws in [*opened, sender]:
        if ws.transport is not None:
            ws.transport.close()
    await asyncio.sleep(1.0)
    if idle:
        before = rss_kib(server.proc.pid)
        idle_socks = await open_many(bench, cookies[1 : 1 + idle])
        await asyncio.sleep(2.0)
        after = rss_kib(server.proc.pid)
        per = (after - before) * 1024 / idle
        results["idle_bytes_per_conn"] = per
        print(f"  {kind:17} idle: {idle} connections, {per / 1024:6.1f} KiB each (RSS {before} -> {after} KiB)",
              flush=True)
        for ws in idle_socks:
            if ws.transport is not None:
                ws.transport.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--n", default="100,1000", help="receiver counts (default 100,1000)")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each measurement")
    parser.add_argument("--idle", type=int, default=2000, help="idle connections for the memory figure (0: skip)")
    parser.add_argument("--only", default="peerhub-sqlite,peerhub-postgres,websockets,socketio")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    if args.serve:
        if args.serve == "websockets":
            serve_websockets(args.port)
        elif args.serve == "socketio":
            serve_socketio(args.port)
        elif args.serve == "starlette-bare":
            serve_starlette(args.port)
        else:
            serve_peerhub(args.port, args.db, args.data)
        return
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    ns = [int(x) for x in args.n.split(",")]
    kinds = args.only.split(",")
    users = max([*ns, args.idle]) + 1
    all_results: dict[str, Any] = {}
    for kind in kinds:
        if kind == "socketio":
            try:
                import socketio  # noqa: F401
            except ImportError:
                print("  socketio: python-socketio is not installed (pip install python-socketio); skipped")
                continue
        with tempfile.TemporaryDirectory() as tmp:
            server = start_server(kind, users, Path(tmp))
            try:
                all_results[kind] = asyncio.run(run_kind(kind, server, ns, args.seconds, args.idle))
            finally:
                stop_server(server)
    print_table(all_results, ns)
    if args.json:
        Path(args.json).write_text(json.dumps(all_results, indent=2))


def print_table(results: dict[str, Any], ns: list[int]) -> None:
    print()
    head = f"{'server':18}" + "".join(f"{'N=' + str(n) + ' deliv/s':>16}{'p50 ms':>9}{'p99 ms':>9}" for n in ns)
    print(head + f"{'idle KiB/conn':>15}")
    for kind, r in results.items():
        row = f"{kind:18}"
        for n in ns:
            m = r.get(f"n{n}", {})
            row += f"{m.get('deliveries_per_s', 0):>16,.0f}{m.get('p50_ms', 0):>9.2f}{m.get('p99_ms', 0):>9.2f}"
        idle = r.get("idle_bytes_per_conn")
        row += f"{idle / 1024:>15.1f}" if idle is not None else f"{'-':>15}"
        print(row)
    print()
    if "peerhub-filters" in results and "peerhub-sqlite" in results:
        for n in ns:
            a = results["peerhub-filters"].get(f"n{n}", {}).get("deliveries_per_s")
            b = results["peerhub-sqlite"].get(f"n{n}", {}).get("deliveries_per_s")
            if a and b:
                print(f"peerhub-filters/peerhub-sqlite at N={n}: {a / b:.2f}x (issue 7 target >= 0.80)")
    for peer in ("peerhub-sqlite", "peerhub-postgres", "starlette-bare"):
        for base in ("websockets", "starlette-bare", "socketio"):
            if peer != base and peer in results and base in results:
                for n in ns:
                    a = results[peer].get(f"n{n}", {}).get("deliveries_per_s")
                    b = results[base].get(f"n{n}", {}).get("deliveries_per_s")
                    if a and b:
                        print(f"{peer}/{base} at N={n}: {a / b:.2f}x")


if __name__ == "__main__":
    main()
