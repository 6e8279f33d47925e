"""Presence across two server processes sharing PostgreSQL and Redis: a join on
one process shows on the other, an explicit ``leave`` and an abrupt drop
(socket gone without ``leave``) are reported promptly, and ``GET /api/rooms``
counts the same on both; typing crosses processes with the same rules."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from peerhub.clock import FakeClock
from peerhub.realtime.protocol import PRESENCE_COALESCE_SECONDS, PRESENCE_REFRESH_SECONDS
from peerhub.settings import Settings
from tests.conftest import REDIS_URL, ApiClient, LiveServer, need_service, start_server, stop_server
from tests.people import People
from tests.wsclient import Frame, WsClient

ROOM = "lobby"
# A change takes two coalescing windows (the leaver's process, then the watcher's)
# plus the Redis hop: ~0.5 s. Waits allow ten times that for a loaded machine,
# still a quarter of a refresh, so nothing here can pass by a refresh or expiry.
PROMPT = 20 * PRESENCE_COALESCE_SECONDS
assert PROMPT < PRESENCE_REFRESH_SECONDS


@asynccontextmanager
async def two_processes(database_url: str, tmp_path: Path) -> AsyncIterator[tuple[LiveServer, LiveServer]]:
    redis_url = need_service("redis", REDIS_URL)
    tag = f"peerhub-presence-{uuid.uuid4().hex[:10]}"
    settings = Settings(
        env="development", data_dir=tmp_path, database_url=database_url, redis_url=redis_url,
        secret_key="test-secret-key-that-is-long-enough", redis_prefix=tag + ":", redis_name=tag,
    )
    clock = FakeClock()
    one = await start_server(settings, clock)
    try:
        two = await start_server(settings, clock)
        try:
            yield one, two
        finally:
            await stop_server(two)
    finally:
        await stop_server(one)


async def online_counts(clients: list[ApiClient]) -> list[int]:
    counts = []
    for client in clients:
        r = await client.get("/api/rooms")
        assert r.status_code == 200, r.text
        counts.append(next(room["online"] for room in r.json()["rooms"] if room["slug"] == ROOM))
    return counts


async def presence_since(ws: WsClient, mark: int, where: Callable[[Frame], bool]) -> Frame:
    """The first ``presence`` frame received after ``ws.frames[mark]`` for which ``where`` holds."""
    found: list[Frame] = []

    def seen() -> bool:
        found[:] = [f for f in ws.frames[mark:] if f["type"] == "presence" and f["room"] == ROOM and where(f)]
        return bool(found)

    await ws.wait_for(seen, timeout=PROMPT)
    return found[0]


def user_id(ws: WsClient) -> int:
    hello = ws.frames[0]
    assert hello["type"] == "hello"
    return int(hello["user"]["id"])


@pytest.mark.redis
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_presence_across_processes_leave_and_abrupt_drop(database_url: str, tmp_path: Path) -> None:
    async with two_processes(database_url, tmp_path) as (one, two):
        people_one, people_two = People(one, hello=True), People(two, hello=True)
        try:
            a_api = await people_one.api("cross_a")
            b_api = await people_one.api("cross_b")
            # Sessions live in the database: B's cookie works on process two as well.
            b_on_two = two.client()
            people_two.apis.append(b_on_two)
            b_on_two.cookies.set("peerhub_session", b_api.session_cookie)

            a = await people_one.ws(a_api)
            b = await people_two.ws(b_api)
            a_id, b_id = user_id(a), user_id(b)
            await a.join(ROOM)
            await b.join(ROOM)
            # Each sees the other, whichever came first: in `joined.online` or a later `presence` delta.
            await b.wait_for(lambda: b.online(ROOM) == ["cross_a", "cross_b"], timeout=PROMPT)
            await a.wait_for(lambda: a.online(ROOM) == ["cross_a", "cross_b"], timeout=PROMPT)
            assert await online_counts([a_api, b_on_two]) == [2, 2]

            # An explicit leave on process one: B on process two gets the presence leave.
            mark = len(b.frames)
            await a.leave(ROOM)
            gone = await presence_since(b, mark, lambda f: a_id in f["left"])
            assert gone["room"] == ROOM and gone["count"] == 1 and gone["joined"] == []
            assert b.online(ROOM) == ["cross_b"]
            assert await online_counts([a_api, b_on_two]) == [1, 1]
            await a.close()

            # A comes back (a new socket on process one) and then drops without a leave or a close.
            mark = len(b.frames)
            a2 = await people_one.ws(a_api)
            await a2.join(ROOM)
            back = await presence_since(b, mark, lambda f: a_id in {u["id"] for u in f["joined"]})
            assert back["count"] == 2
            await a2.wait_for(lambda: a2.online(ROOM) == ["cross_a", "cross_b"], timeout=PROMPT)
            mark = len(b.frames)
            a2.abort()
            dropped = await presence_since(b, mark, lambda f: a_id in f["left"])
            assert dropped["count"] == 1 and b_id not in dropped["left"]
            assert b.online(ROOM) == ["cross_b"]
            # Both processes agree (process one learns B only from process two's snapshot).
            assert await online_counts([a_api, b_on_two]) == [1, 1]
            # B's socket is unaffected.
            await b.ping()
            assert b.close_code is None
        finally:
            await people_one.close()
            await people_two.close()



@pytest.mark.redis
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_typing_crosses_processes_and_respects_a_hide_mute(database_url: str, tmp_path: Path) -> None:
    async with two_processes(database_url, tmp_path) as (one, two):
        people_one, people_two = People(one, hello=True, room=ROOM), People(two, hello=True, room=ROOM)
        try:
            typer_api, muter_api, other_api = (await people_one.api("far_typer"), await people_one.api("far_muter"),
                                               await people_one.api("far_other"))
            r = await muter_api.put("/api/me/filters", json={"muted_users": [{"handle": "far_typer", "action": "hide"}]})
            assert r.status_code == 200, r.text
            typer = await people_one.ws(typer_api)
            muter, other = await people_two.ws(muter_api), await people_two.ws(other_api)
            await typer.send_frame({"type": "typing", "room": ROOM})
            await typer.ping()
            got = await other.expect("typing", timeout=PROMPT)
            assert got == {"type": "typing", "room": ROOM, "user": {"id": user_id(typer), "handle": "far_typer"}}
            # The muter's process had the event before the other's own typing (one Redis channel, in order).
            await other.send_frame({"type": "typing", "room": ROOM})
            assert (await muter.expect("typing", timeout=PROMPT))["user"]["handle"] == "far_other"
            assert [f["user"]["handle"] for f in muter.frames if f["type"] == "typing"] == ["far_other"]
            assert not [f for f in typer.frames if f["type"] == "typing" and f["user"]["handle"] == "far_typer"]
        finally:
            await people_one.close()
            await people_two.close()
