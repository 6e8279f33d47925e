"""Graceful shutdown: a real ``peerhub serve`` process gets SIGTERM.

Order promised in ``peerhub.serving``: ``/readyz`` 503 first (while the
process still serves), then new connections refused, open sockets get a
``reconnect`` hint and close 1012, frames being handled finish first; a
client resends what was not acknowledged after reconnecting, and nothing is
stored twice.
"""

from __future__ import annotations

import asyncio
import signal
import uuid
from pathlib import Path

import httpx
import pytest
import uvicorn
from websockets.exceptions import InvalidStatus

from bench.load_common import ServerProc, connect, prepare, server_env
from peerhub.app import create_app
from peerhub.errors import WS_RESTART
from peerhub.realtime.hub import Hub
from peerhub.serving import UVICORN_OPTIONS, GracefulServer
from peerhub.settings import Settings
from tests.wsclient import WsClient

DRAIN_SECONDS = 1.5


async def wait_until(predicate: object, timeout: float = 10.0) -> None:
    """Poll a condition on server state that has no event to await."""
    async with asyncio.timeout(timeout):
        while not predicate():  # type: ignore[operator]
            await asyncio.sleep(0.01)


async def test_sigterm_readiness_first_then_refuse_then_reconnect_1012(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    alice, bob = await prepare(url, 2, prefix="shut")
    env = server_env(url, tmp_path)
    server = await ServerProc(env, args=("--drain-seconds", str(DRAIN_SECONDS)),
                              log_path=tmp_path / "serve.log").start()
    try:
        a = await connect(server.ws_url, alice)
        b = await connect(server.ws_url, bob)
        await a.join("lobby")
        await b.join("lobby")
        acked = [await a.say("lobby", f"before the restart {i}") for i in range(3)]
        async with httpx.AsyncClient(base_url=server.base, timeout=5) as http:
            assert (await http.get("/readyz")).json() == {"status": "ready"}
            server.signal(signal.SIGTERM)
            # 1. Not ready at once, while the process still serves everything else.
            for _ in range(100):
                ready = await http.get("/readyz")
                if ready.status_code == 503:
                    break
                await asyncio.sleep(0.02)
            assert ready.status_code == 503 and ready.json()["status"] == "shutting_down"
            assert (await http.get("/healthz")).status_code == 200
            still = await a.say("lobby", "during the drain window")  # sockets still work
            assert still["seq"] == 4
        # 2. Then open sockets get the hint and 1012 ...
        hint = await a.expect("reconnect", timeout=DRAIN_SECONDS + 10)
        assert hint == {"type": "reconnect"}
        assert await a.closed() == WS_RESTART and await b.closed() == WS_RESTART
        assert [f["type"] for f in a.frames].index("reconnect") > max(
            i for i, f in enumerate(a.frames) if f["type"] == "ack")
        # 3. ... and new connections are refused.
        with pytest.raises((OSError, InvalidStatus)):
            await connect(server.ws_url, alice)
        assert await server.wait(30) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal after a clean shutdown
        # Another process (here: the same database, restarted) takes the clients back.
        again = await ServerProc(env, log_path=tmp_path / "serve2.log").start()
        try:
            back = await connect(again.ws_url, alice)
            await back.join("lobby", since=a.last_seq("lobby"))
            await back.say("lobby", "after the restart", client_msg_id=acked[0]["client_msg_id"])  # a repeat
            ack = await back.say("lobby", "after the restart")
            assert ack["seq"] == 5
            async with httpx.AsyncClient(base_url=again.base, cookies={"peerhub_session": alice}) as http:
                history = (await http.get("/api/rooms/lobby/messages", params={"after": 0})).json()["messages"]
            assert [m["seq"] for m in history] == [1, 2, 3, 4, 5]
            await back.close()
        finally:
            await again.stop()
    finally:
        await server.stop()


async def test_a_send_in_flight_finishes_before_the_socket_closes(tmp_path: Path) -> None:
    """The drain waits for a send that is inside its transaction: it is
    acknowledged, then the hint, then 1012."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    (token,) = await prepare(url, 1, prefix="inflight")
    settings = Settings(env="development", data_dir=tmp_path, database_url=url, secret_key="x" * 32)
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", **UVICORN_OPTIONS)
    server = GracefulServer(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve())
    await wait_until(lambda: server.started or task.done())
    port = server.servers[0].sockets[0].getsockname()[1]
    ws: WsClient = await connect(f"ws://127.0.0.1:{port}/ws", token)
    try:
        await ws.join("lobby")
        hub: Hub = app.state.hub
        write_lock = app.state.ctx.db._write_lock  # SQLite's process-wide writer lock
        await write_lock.acquire()
        cid = await ws.send("lobby", "held inside the write path", client_msg_id=uuid.uuid4().hex)
        await wait_until(lambda: not hub.drain._idle.is_set())  # the send is being handled
        server.should_exit = True
        await wait_until(lambda: hub.drain.active)
        await asyncio.sleep(0.2)  # the drain is waiting, not closing
        assert ws.close_code is None and not any(f["type"] == "reconnect" for f in ws.frames)
        write_lock.release()
        ack = await ws.expect("ack", client_msg_id=cid)
        assert ack["seq"] == 1
        await ws.expect("reconnect")
        assert await ws.closed() == WS_RESTART
        await asyncio.wait_for(task, 30)
    finally:
        if not task.done():
            server.should_exit = True
            await asyncio.wait_for(task, 30)


@pytest.mark.redis
async def test_workers_share_the_port_and_all_drain_on_sigterm(tmp_path: Path) -> None:
    from bench.load_common import drop_postgres, make_postgres
    from tests.conftest import POSTGRES_URL, REDIS_URL, need_service

    need_service("postgres", POSTGRES_URL)
    redis_url = need_service("redis", REDIS_URL)
    name, url = await make_postgres()
    try:
        tokens = await prepare(url, 8, prefix="worker")
        env = server_env(url, tmp_path, redis_url=redis_url)
        env["PEERHUB_REDIS_PREFIX"] = f"peerhub-shutdown-{uuid.uuid4().hex[:8]}:"
        server = await ServerProc(env, args=("--workers", "2"), log_path=tmp_path / "serve.log").start()
        try:
            sockets = [await connect(server.ws_url, token) for token in tokens]
            for ws in sockets:
                await ws.join("lobby")
            await sockets[0].say("lobby", "to every worker")
            for ws in sockets:  # whichever worker each landed on (Redis)
                await ws.wait_seq("lobby", 1)
            server.signal(signal.SIGTERM)
            for ws in sockets:
                await ws.expect("reconnect", timeout=20)
                assert await ws.closed() == WS_RESTART
            assert await server.wait(40) == 0
        finally:
            await server.stop()
    finally:
        await drop_postgres(name)
