"""Shared by the operations benchmarks (bench/ops.py) and their quick versions
in the test suite: start ``peerhub serve`` processes on 127.0.0.1, make
members with live sessions without password hashing, open chat sockets, and
summarise timings.

Members are written straight into a migrated database through the accounts
store (a session row per member, as a login would leave); hashing thousands
of passwords with argon2 would measure argon2, not the chat server.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import asyncpg
import httpx

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from peerhub.accounts import store as accounts_store  # noqa: E402
from peerhub.accounts.handles import handle_key  # noqa: E402
from peerhub.accounts.models import AuthSession, Role, User  # noqa: E402
from peerhub.accounts.service import token_hash  # noqa: E402
from peerhub.clock import SystemClock  # noqa: E402
from peerhub.db import Database  # noqa: E402
from peerhub.migrations import upgrade  # noqa: E402
from peerhub.seed import seed_defaults  # noqa: E402
from peerhub.settings import normalize_database_url  # noqa: E402
from tests.wsclient import WsClient  # noqa: E402

SECRET = "bench-secret-key-that-is-long-enough"
# A server that is not answering /healthz this long after start has failed.
START_TIMEOUT_SECONDS = 60.0
PG_ADMIN = os.environ.get("PEERHUB_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("PEERHUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raise_fd_limit(wanted: int) -> int:
    """Raise this process's open-file limit towards ``wanted`` (children inherit it)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, wanted), hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


# -- databases -----------------------------------------------------------------


async def make_postgres() -> tuple[str, str]:
    """A fresh PostgreSQL database on the shared server: (name, async URL)."""
    name = f"peerhub_bench_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return name, normalize_database_url(PG_ADMIN.rsplit("/", 1)[0] + "/" + name)


async def drop_postgres(name: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def prepare(url: str, members: int, prefix: str = "m") -> list[str]:
    """Migrate, seed the default rooms, and make ``members`` members with one
    session each; returns their session tokens."""
    await upgrade(url)
    db = Database(url, pool_size=2)
    clock = SystemClock()
    tokens: list[str] = []
    try:
        await seed_defaults(db, clock)
        now = clock.now()
        for start in range(0, members, 500):
            async with db.write() as session:
                for i in range(start, min(members, start + 500)):
                    handle = f"{prefix}{i:05d}"
                    user = await accounts_store.add_user(session, User(
                        handle=handle, handle_key=handle_key(handle), password_hash=None, role=Role.member,
                        created_at=now))
                    token = secrets.token_urlsafe(32)
                    await accounts_store.add_session(session, AuthSession(
                        token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                        expires_at=now + timedelta(days=1)))
                    tokens.append(token)
    finally:
        await db.dispose()
    return tokens


# -- server processes -------------------------------------------------------------


@dataclass
class ServerProc:
    """A ``peerhub serve`` subprocess."""

    env: dict[str, str]
    port: int = field(default_factory=free_port)
    args: tuple[str, ...] = ()
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    async def start(self) -> ServerProc:
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "peerhub", "serve", "--port", str(self.port), *self.args],
            env=self.env, stdout=log, stderr=log, cwd=REPO,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        async with httpx.AsyncClient(timeout=2) as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"peerhub serve exited with {self.proc.returncode}")
                try:
                    if (await client.get(self.base + "/healthz")).status_code == 200:
                        return self
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError("peerhub serve did not start")

    def signal(self, sig: int = signal.SIGTERM) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    async def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                self.proc.kill()
                raise TimeoutError("server did not exit")
            await asyncio.sleep(0.05)
        return self.proc.returncode

    async def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                await self.wait(30)
            except TimeoutError:
                pass

    def rss_kib(self) -> int:
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def fds(self) -> int:
        assert self.proc is not None
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))


def server_env(database_url: str, data_dir: Path, *, redis_url: str | None = None, tag: str = "",
               log_level: str = "WARNING") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env.update(PEERHUB_DATA_DIR=str(data_dir), PEERHUB_DATABASE_URL=database_url, PEERHUB_SECRET_KEY=SECRET,
               PEERHUB_LOG_LEVEL=log_level, PEERHUB_SEED_DEFAULTS="true")
    if redis_url:
        env["PEERHUB_REDIS_URL"] = redis_url
    del tag
    return env


async def connect(ws_url: str, token: str, **kwargs: object) -> WsClient:
    return await WsClient.connect(ws_url, token, **kwargs)  # type: ignore[arg-type]


async def metric(base: str, name: str) -> float:
    """One unlabelled sample from the server's /metrics (0 when absent)."""
    async with httpx.AsyncClient(timeout=5) as client:
        text = (await client.get(base + "/metrics")).text
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return 0.0


# -- a lean chat client ------------------------------------------------------------


class SendFailed(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Member:
    """One member's socket for load runs: keeps counters, not frames.

    Frames of one room arrive in ``seq`` order on one connection, so a seq at
    or below the last one seen is a duplicate and a jump is a gap. With
    ``keep`` the seqs and texts received are kept (for comparing views with
    the server's record after a fault)."""

    def __init__(self, token: str, *, keep: bool = False) -> None:
        self.token = token
        self.keep = keep
        self.conn: object = None
        self.last_seq = 0
        self.received = 0
        self.duplicates = 0
        self.gaps = 0
        self.errors = 0
        self.resyncs = 0
        self.hinted = False
        self.close_code: int | None = None
        self.view: dict[int, str] = {}
        self._pending: dict[str, asyncio.Future[int]] = {}
        self._waiters: dict[str, asyncio.Future[dict[str, object]]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.room = "lobby"

    async def connect(self, ws_url: str, timeout: float = 10.0) -> float:
        """Open the socket and wait for ``hello``; returns the handshake time in seconds."""
        import websockets

        started = time.perf_counter()
        self.close_code = None
        self.hinted = False
        origin = ws_url.replace("ws://", "http://").split("/ws")[0]
        conn = await websockets.connect(
            ws_url, additional_headers={"Cookie": f"peerhub_session={self.token}"}, origin=origin,  # type: ignore[arg-type]
            open_timeout=timeout, compression=None, ping_interval=None, max_queue=None,
        )
        self.conn = conn
        hello = self._expect("hello")
        self._reader = asyncio.get_running_loop().create_task(self._read(conn))
        await asyncio.wait_for(hello, timeout)
        return time.perf_counter() - started

    def _expect(self, kind: str) -> asyncio.Future[dict[str, object]]:
        fut: asyncio.Future[dict[str, object]] = asyncio.get_running_loop().create_future()
        self._waiters[kind] = fut
        return fut

    async def _read(self, conn: object) -> None:
        import json

        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in conn:  # type: ignore[attr-defined]
                frame = json.loads(raw)
                kind = frame.get("type")
                if kind == "message":
                    seq = int(frame["seq"])
                    if seq <= self.last_seq:
                        self.duplicates += 1
                        continue
                    if self.last_seq and seq > self.last_seq + 1:
                        self.gaps += 1
                    self.last_seq = seq
                    self.received += 1
                    if self.keep:
                        self.view[seq] = str(frame.get("text"))
                elif kind == "ack":
                    fut = self._pending.pop(str(frame["client_msg_id"]), None)
                    if fut is not None and not fut.done():
                        fut.set_result(int(frame["seq"]))
                elif kind == "error":
                    fut = self._pending.pop(str(frame.get("ref")), None)
                    if fut is not None and not fut.done():
                        fut.set_exception(SendFailed(str(frame.get("code"))))
                    else:
                        self.errors += 1
                elif kind == "resync":
                    self.resyncs += 1
                    await conn.send(json.dumps({"type": "join", "room": self.room,  # type: ignore[attr-defined]
                                                "since": self.last_seq}))
                elif kind == "reconnect":
                    self.hinted = True
                waiter = self._waiters.pop(kind, None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(frame)
        except ConnectionClosed:
            pass
        finally:
            code = getattr(conn, "close_code", None)
            self.close_code = code if code is not None else 1006
            for fut in [*self._pending.values(), *self._waiters.values()]:
                if not fut.done():
                    fut.set_exception(SendFailed("closed"))
            self._pending.clear()
            self._waiters.clear()

    @property
    def open(self) -> bool:
        return self.close_code is None and self.conn is not None

    async def join(self, room: str = "lobby", timeout: float = 10.0) -> None:
        import json

        self.room = room
        joined = self._expect("joined")
        frame: dict[str, object] = {"type": "join", "room": room}
        if self.last_seq:
            frame["since"] = self.last_seq
        await self.conn.send(json.dumps(frame))  # type: ignore[attr-defined]
        await asyncio.wait_for(joined, timeout)

    async def send(self, cid: str, text: str, timeout: float = 15.0) -> int:
        """Send and wait for the ack; raises SendFailed (error code or "closed")."""
        import json

        fut: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending[cid] = fut
        try:
            await self.conn.send(json.dumps({"type": "send", "room": self.room,  # type: ignore[attr-defined]
                                             "client_msg_id": cid, "text": text}))
        except Exception:
            self._pending.pop(cid, None)
            raise SendFailed("closed") from None
        try:
            return await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            self._pending.pop(cid, None)
            raise SendFailed("timeout") from None

    async def ping(self, timeout: float = 10.0) -> float:
        import json

        started = time.perf_counter()
        pong = self._expect("pong")
        await self.conn.send(json.dumps({"type": "ping"}))  # type: ignore[attr-defined]
        await asyncio.wait_for(pong, timeout)
        return time.perf_counter() - started

    async def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.conn.close(), 5)  # type: ignore[attr-defined]
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)


async def history(base: str, token: str, room: str = "lobby") -> list[dict[str, object]]:
    """The server's record of a room, oldest first (paged)."""
    out: list[dict[str, object]] = []
    async with httpx.AsyncClient(base_url=base, cookies={"peerhub_session": token}, timeout=30) as client:
        after = 0
        while True:
            page = (await client.get(f"/api/rooms/{room}/messages", params={"after": after, "limit": 200})).json()
            rows = page["messages"]
            out.extend(rows)
            if len(rows) < 200:
                return out
            after = int(rows[-1]["seq"])
