"""Two server processes sharing PostgreSQL and Redis behave as one server,
and a Redis outage mid-stream loses nothing (resync + catch-up by since)."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from peerhub.clock import FakeClock
from peerhub.settings import Settings
from tests.conftest import REDIS_URL, LiveServer, need_service, start_server, stop_server
from tests.test_realtime import People
from tests.wsclient import WsClient

ROOM = "lobby"


async def kill_broker_connections(redis_url: str, name: str) -> int:
    """Drop every Redis connection our two servers hold (subscribers and publishers)."""
    admin = aioredis.from_url(redis_url)
    try:
        killed = 0
        for client in await admin.client_list():
            if str(client.get("name", "")).startswith(name):
                killed += int(await admin.client_kill_filter(_id=client["id"]))
        return killed
    finally:
        await admin.aclose()


@pytest.mark.redis
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_two_processes_through_redis_survive_an_outage(database_url: str, tmp_path: Path) -> None:
    redis_url = need_service("redis", REDIS_URL)
    tag = f"peerhub-test-{uuid.uuid4().hex[:10]}"
    settings = Settings(
        env="development", data_dir=tmp_path, database_url=database_url, redis_url=redis_url,
        secret_key="test-secret-key-that-is-long-enough", redis_prefix=tag + ":", redis_name=tag,
    )
    clock = FakeClock()
    server_a: LiveServer = await start_server(settings, clock)
    server_b: LiveServer = await start_server(settings, clock)
    people_a, people_b = People(server_a), People(server_b)
    try:
        apis = [await people_a.api(f"shared_{i}") for i in range(6)]
        # Sessions live in the database: the same cookie works on either process.
        readers: list[WsClient] = [
            await (people_a if i % 2 == 0 else people_b).ws(apis[i], auto_resync=True) for i in range(4)
        ]
        sender_a = await people_a.ws(apis[4], auto_resync=True)
        sender_b = await people_b.ws(apis[5], auto_resync=True)
        for ws in [*readers, sender_a, sender_b]:
            await ws.join(ROOM)

        async def send(n: int, start: int) -> None:
            for i in range(start, start + n):
                clock.advance(1)
                await (sender_a if i % 2 == 0 else sender_b).say(ROOM, f"line {i + 1}")

        await send(40, 0)
        for ws in readers:
            await ws.wait_seq(ROOM, 40)
            # Cross-process delivery arrives in seq order, each once.
            assert [f["seq"] for f in ws.frames if f["type"] == "message"] == list(range(1, 41))
        assert all(ws.messages(ROOM) == readers[0].messages(ROOM) for ws in readers)

        # Redis goes away for ~2 s while both processes keep taking messages.
        outage = asyncio.Event()

        async def keep_killing() -> int:
            total = 0
            while not outage.is_set():
                total += await kill_broker_connections(redis_url, tag)
                await asyncio.sleep(0.05)
            return total

        killer = asyncio.create_task(keep_killing())
        await asyncio.sleep(0.2)
        await send(30, 40)
        await asyncio.sleep(1.5)
        outage.set()
        assert await killer > 0
        await send(10, 70)
        for ws in readers:
            await ws.wait_seq(ROOM, 80, timeout=30)
            assert [m["seq"] for m in ws.messages(ROOM)] == list(range(1, 81))
            assert [m["text"] for m in ws.messages(ROOM)] == [f"line {i}" for i in range(1, 81)]
        assert any(f["type"] == "resync" for ws in readers for f in ws.frames)
        history = (await apis[0].get("/api/rooms/lobby/messages", params={"after": 0, "limit": 200})).json()
        assert [m["seq"] for m in history["messages"]] == list(range(1, 81))
        assert server_a.app.state.ctx.broker.healthy and server_b.app.state.ctx.broker.healthy
    finally:
        await people_a.close()
        await people_b.close()
        await stop_server(server_a)
        await stop_server(server_b)
