"""PostgreSQL goes away and comes back: the server recovers without a
restart. Meanwhile requests fail fast with a retryable 503, the socket
answers ``error unavailable``, a new socket closes 1013, ``/readyz`` says
``database``; nothing acknowledged is lost.

The shared PostgreSQL cannot be stopped (other suites use it), so the server
connects through a TCP proxy that the test cuts and restores.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench.fault_proxy import TcpProxy
from peerhub.clock import FakeClock
from peerhub.errors import WS_TRY_AGAIN
from peerhub.settings import Settings
from tests.conftest import start_server, stop_server
from tests.test_realtime import People
from tests.wsclient import WsClient, WsError

# A request while the database is away must be answered within this long.
FAIL_FAST_SECONDS = 2.0


def through(url: str, port: int) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_database_outage_fails_fast_and_recovers(settings: Settings, clock: FakeClock) -> None:
    target = urlsplit(settings.database_url)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 5432)
    await proxy.start()
    live = await start_server(settings.with_overrides(database_url=through(settings.database_url, proxy.port)), clock)
    people = People(live)
    try:
        api = await people.api("outage_writer")
        ws = await people.ws(api)
        await ws.join("lobby")
        acked = []
        for i in range(5):
            clock.advance(1)
            acked.append(await ws.say("lobby", f"before {i}"))

        await proxy.cut()
        started = time.monotonic()
        r = await api.get("/api/rooms")
        assert time.monotonic() - started < FAIL_FAST_SECONDS
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "unavailable" and r.json()["error"]["retryable"] is True
        assert r.headers["Retry-After"] == "1"
        ready = await api.get("/readyz")
        assert ready.status_code == 503 and ready.json() == {"status": "unavailable", "reason": "database"}
        clock.advance(1)
        with pytest.raises(WsError) as failed:
            await ws.say("lobby", "during the outage", timeout=FAIL_FAST_SECONDS + 5)
        assert failed.value.code == "unavailable" and failed.value.frame["retryable"] is True
        await ws.ping()  # the socket itself stays open
        fresh = await WsClient.connect(live.ws_url, api.session_cookie)
        assert await fresh.closed() == WS_TRY_AGAIN

        proxy.restore()
        async with asyncio.timeout(10):
            while (await api.get("/readyz")).status_code != 200:
                await asyncio.sleep(0.1)
        clock.advance(1)
        retry = await ws.say("lobby", "during the outage", client_msg_id=failed.value.frame["ref"])
        assert retry["seq"] == 6
        history = (await api.get("/api/rooms/lobby/messages", params={"after": 0})).json()["messages"]
        assert [m["seq"] for m in history] == [1, 2, 3, 4, 5, 6]
        assert [m["text"] for m in history] == [f"before {i}" for i in range(5)] + ["during the outage"]
    finally:
        await people.close()
        await stop_server(live)
        await proxy.stop()
