"""Direct frame writes (peerhub.realtime.wire) through a real uvicorn server.

On uvicorn's sansio protocol without compression, fan-out writes each frame's
bytes straight to the transport; everywhere else (compression negotiated,
another protocol, a socket that cannot take the bytes now) it takes the ASGI
``send``. These tests count which path each socket took (a spy around
``direct_writer``) and check that the bytes on the wire, the order and the
slow-consumer close are the same either way.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import websockets
from websockets.exceptions import ConnectionClosed

from peerhub.errors import WS_SLOW_CONSUMER
from peerhub.realtime import endpoint, wire
from peerhub.realtime.hub import Hub
from peerhub.settings import Settings
from tests.conftest import FakeClock, LiveServer, start_server, stop_server
from tests.people import group_fixture
from tests.test_realtime import People, tick
from tests.wsclient import WsClient, origin_of

people = group_fixture(People, "people")


class WireSpy:
    """Wraps ``direct_writer``: which sockets got a direct writer, and how many
    frames each wrote directly; sockets whose number is in ``refuse`` are kept
    on the ASGI path. Sockets are numbered in the order they were accepted."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.writers: list[wire.DirectWriter | None] = []
        self.refuse: set[int] = set()

    @property
    def direct(self) -> list[int]:
        return [0 if writer is None else writer.frames for writer in self.writers]

    def __call__(self, send: Any) -> wire.DirectWriter | None:
        index = len(self.paths)
        real = wire.direct_writer(send)
        if real is None or index in self.refuse:
            self.paths.append("asgi")
            self.writers.append(None)
            return None
        self.paths.append("direct")
        self.writers.append(real)
        return real


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> WireSpy:
    spy = WireSpy()
    monkeypatch.setattr(endpoint, "direct_writer", spy)
    return spy


class RawSocket:
    """A WebSocket client that keeps every server frame's exact bytes."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, ws_url: str, cookie: str) -> RawSocket:
        where = urlsplit(ws_url)
        reader, writer = await asyncio.open_connection(where.hostname, where.port)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write((f"GET /ws HTTP/1.1\r\nHost: {where.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                      f"Origin: {origin_of(ws_url)}\r\nCookie: peerhub_session={cookie}\r\n\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101"), head
        return cls(reader, writer)

    def send(self, frame: dict[str, Any]) -> None:
        data = json.dumps(frame).encode()
        assert len(data) < 126
        self.writer.write(bytes([0x81, 0x80 | len(data)]) + b"\x00\x00\x00\x00" + data)

    async def frame(self) -> tuple[bytes, dict[str, Any]]:
        """The next text frame: its bytes as received, and its JSON."""
        head = await self.reader.readexactly(2)
        length = head[1] & 0x7F
        extended = b""
        if length == 126:
            extended = await self.reader.readexactly(2)
            length = int.from_bytes(extended, "big")
        elif length == 127:
            extended = await self.reader.readexactly(8)
            length = int.from_bytes(extended, "big")
        payload = await self.reader.readexactly(length)
        assert head[0] == 0x81 and not head[1] & 0x80, head  # final text frame, unmasked, no RSV bits
        return head + extended + payload, json.loads(payload)

    async def until(self, kind: str, **fields: Any) -> tuple[bytes, dict[str, Any]]:
        while True:
            raw, frame = await asyncio.wait_for(self.frame(), 10)
            if frame.get("type") == kind and all(frame.get(k) == v for k, v in fields.items()):
                return raw, frame

    def close(self) -> None:
        self.writer.close()


async def test_direct_and_asgi_frames_are_byte_identical_and_in_order(
        live: LiveServer, people: People, spy: WireSpy) -> None:
    sender = await people.ws(await people.api("wire_sender"))
    await sender.join("lobby")
    spy.refuse.add(2)  # the third socket: ASGI path
    direct_api, asgi_api = await people.api("wire_direct"), await people.api("wire_asgi")
    direct = await RawSocket.connect(live.ws_url, direct_api.session_cookie)
    through_asgi = await RawSocket.connect(live.ws_url, asgi_api.session_cookie)
    hub: Hub = live.app.state.hub
    try:
        for raw in (direct, through_asgi):
            raw.send({"type": "join", "room": "lobby"})
            await raw.until("joined", room="lobby")
        # Room messages (16-bit length form, multi-byte UTF-8), a pong (7-bit)
        # and one big frame pushed to both (64-bit form).
        texts = [f"line {i}" + (" héllo 🌱" * (i * 7)) for i in range(12)]
        seqs = []
        for text in texts:
            tick(live)
            seqs.append((await sender.say("lobby", text))["seq"])
        big = json.dumps({"type": "pong", "pad": "é" * 40_000})
        for api in (direct_api, asgi_api):
            me = (await api.get("/api/me")).json()["user"]["id"]
            (conn,) = hub.by_user[me]
            conn.push(big)
        got: dict[str, list[bytes]] = {}
        for name, raw in (("direct", direct), ("asgi", through_asgi)):
            frames = []
            for seq in seqs:
                data, frame = await raw.until("message", seq=seq)
                frames.append(data)
                assert frame["text"] == texts[seqs.index(seq)]
            frames.append((await raw.until("pong"))[0])
            raw.send({"type": "ping"})
            frames.append((await raw.until("pong"))[0])
            got[name] = frames
        assert got["direct"] == got["asgi"]
        assert [f[1] for f in got["direct"][-2:]] == [127, len(b'{"type":"pong"}')]
        assert spy.paths == ["direct", "direct", "asgi"]
        assert spy.direct[1] >= len(texts) and spy.direct[2] == 0
    finally:
        direct.close()
        through_asgi.close()


async def not_reading(live: LiveServer, cookie: str) -> websockets.ClientConnection:
    """A client that stops reading: a tiny receive buffer, and nobody reads until told."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    where = urlsplit(live.ws_url)
    sock.connect((where.hostname, where.port))
    return await websockets.connect(live.ws_url, sock=sock, origin=origin_of(live.ws_url),  # type: ignore[arg-type]
                                    additional_headers={"Cookie": f"peerhub_session={cookie}"},
                                    compression=None, max_queue=None)


async def only_conn(hub: Hub, api_user_id: int) -> Any:
    while not hub.by_user.get(api_user_id):
        await asyncio.sleep(0.01)
    (conn,) = hub.by_user[api_user_id]
    return conn


async def test_a_burst_switches_from_direct_to_queued_writes_and_keeps_order(
        live: LiveServer, people: People, spy: WireSpy) -> None:
    api = await people.api("wire_burst")
    me = (await api.get("/api/me")).json()["user"]["id"]
    ws = await not_reading(live, api.session_cookie)
    conn = await only_conn(live.app.state.hub, me)
    # No yield in these loops: the socket cannot drain, so once the kernel's
    # buffers are full the transport pauses, the next frame's ASGI send
    # suspends and what follows queues in the outbox (under its limits).
    pad = "p" * 3000
    count = 0
    while conn._stuck is None:
        assert count < 5000, "the transport never filled"
        conn.push(f'{{"type":"pong","n":{count},"pad":"{pad}"}}')
        count += 1
    direct_writes = spy.direct[0]
    for _ in range(100):
        conn.push(f'{{"type":"pong","n":{count},"pad":"{pad}"}}')
        count += 1
    assert conn.closing is None and len(conn.out) == 100
    assert spy.direct[0] == direct_writes > 0  # nothing jumps the queue
    seen = []
    async for raw in ws:
        frame = json.loads(raw)
        if frame["type"] == "pong":
            seen.append(frame["n"])
            if len(seen) == count:
                break
    assert seen == list(range(count))
    await ws.close()


async def test_slow_consumer_on_the_direct_path_is_closed_with_4408(
        live: LiveServer, people: People, spy: WireSpy) -> None:
    api = await people.api("wire_slow")
    me = (await api.get("/api/me")).json()["user"]["id"]
    ws = await not_reading(live, api.session_cookie)
    conn = await only_conn(live.app.state.hub, me)
    pad = "x" * 8000
    for i in range(2000):
        if conn.closing is not None:
            break
        conn.push(f'{{"type":"pong","n":{i},"pad":"{pad}"}}')
    assert conn.closing is not None and conn.closing[0] == WS_SLOW_CONSUMER
    assert spy.paths == ["direct"] and spy.direct[0] > 1
    try:
        async for _ in ws:
            pass
    except ConnectionClosed:
        pass
    assert ws.close_code in (WS_SLOW_CONSUMER, 1006)  # 1006 if the transport dropped first


@pytest.fixture
async def other_server(request: pytest.FixtureRequest, settings: Settings, clock: FakeClock
                       ) -> AsyncIterator[LiveServer]:
    server = await start_server(settings, clock, **request.param)
    try:
        yield server
    finally:
        await stop_server(server)


@pytest.mark.parametrize("other_server", [{"ws_per_message_deflate": True}], indirect=True)
async def test_compressed_sockets_take_the_asgi_path(other_server: LiveServer, spy: WireSpy) -> None:
    group = People(other_server)
    try:
        compressed_api = await group.api("wire_deflate")
        sender = await group.ws(await group.api("wire_plain"))  # compression=None: direct
        compressed = await websockets.connect(
            other_server.ws_url, origin=origin_of(other_server.ws_url),  # type: ignore[arg-type]
            additional_headers={"Cookie": f"peerhub_session={compressed_api.session_cookie}"},
            compression="deflate")
        try:
            assert compressed.protocol.extensions  # permessage-deflate was negotiated
            await sender.join("lobby")
            await compressed.send(json.dumps({"type": "join", "room": "lobby"}))
            while json.loads(await asyncio.wait_for(compressed.recv(), 10))["type"] != "joined":
                pass  # joined before the first line is sent: a join replays nothing older
            texts = [f"compressed {i}" + " z" * (i * 50) for i in range(8)]
            for text in texts:
                other_server.clock.advance(1)
                await sender.say("lobby", text)
            got = []
            while len(got) < len(texts):
                frame = json.loads(await asyncio.wait_for(compressed.recv(), 10))
                if frame["type"] == "message":
                    got.append(frame["text"])
            assert got == texts
            assert spy.paths == ["direct", "asgi"] and spy.direct[0] >= len(texts) and spy.direct[1] == 0
        finally:
            await compressed.close()
    finally:
        await group.close()


@pytest.mark.parametrize("other_server", [{"ws": "wsproto"}], indirect=True)
async def test_another_websocket_protocol_takes_the_asgi_path(other_server: LiveServer, spy: WireSpy) -> None:
    group = People(other_server)
    try:
        a, b = await group.ws(await group.api("wire_wsproto_a")), await group.ws(await group.api("wire_wsproto_b"))
        await a.join("lobby")
        await b.join("lobby")
        seqs = []
        for i in range(5):
            other_server.clock.advance(1)
            seqs.append((await a.say("lobby", f"wsproto {i}"))["seq"])
        for seq in seqs:
            await b.expect("message", seq=seq)
        assert [m["seq"] for m in b.messages("lobby")] == seqs
        assert spy.paths == ["asgi", "asgi"]
    finally:
        await group.close()


async def test_wsclient_sees_the_same_frames_as_before(live: LiveServer, people: People, spy: WireSpy) -> None:
    """The ordinary client (websockets library) parses direct frames like any other."""
    a: WsClient = await people.ws(await people.api("wire_lib_a"))
    b: WsClient = await people.ws(await people.api("wire_lib_b"))
    await a.join("lobby")
    await b.join("lobby")
    tick(live)
    ack = await a.say("lobby", "ünïcode ✓" * 120)
    assert (await b.expect("message", seq=ack["seq"]))["text"] == "ünïcode ✓" * 120
    assert spy.paths == ["direct", "direct"] and spy.direct[1] > 0
