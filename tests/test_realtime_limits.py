"""The chat socket's refusals and limits: each bad input gets its documented
error frame or close code, and nobody else in the room is affected."""

from __future__ import annotations

import asyncio
import json
import socket
from urllib.parse import urlsplit

import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from peerhub.errors import WS_POLICY, WS_SLOW_CONSUMER, WS_TOO_BIG, WS_UNAUTHENTICATED
from peerhub.realtime.protocol import BAD_FRAME_BURST, MAX_ROOMS_PER_CONNECTION, SEND_BURST
from tests.conftest import LiveServer
from tests.people import group_fixture
from tests.test_realtime import People, tick
from tests.wsclient import WsClient, WsError, origin_of

people = group_fixture(People, "people")


async def room_pair(people: People) -> tuple[WsClient, WsClient]:
    """A misbehaving client and a bystander, both in the lobby."""
    bad = await people.ws(await people.api("rough_edges"))
    calm = await people.ws(await people.api("bystander"))
    await bad.join("lobby")
    await calm.join("lobby")
    return bad, calm


async def bystander_still_fine(live: LiveServer, calm: WsClient) -> None:
    tick(live)
    ack = await calm.say("lobby", "still here")
    await calm.expect("message", seq=ack["seq"])


async def test_malformed_and_unknown_frames_get_errors_and_the_socket_lives(live: LiveServer, people: People) -> None:
    bad, calm = await room_pair(people)
    await bad.send_raw("{not json")
    assert (await bad.expect("error"))["code"] == "malformed_json"
    await bad.send_raw("[1, 2]")
    assert (await bad.expect("error"))["code"] == "invalid_frame"
    await bad.send_frame({"type": "dance"})
    assert (await bad.expect("error"))["code"] == "unknown_type"
    await bad.send_frame({"type": "join", "room": 5})
    assert (await bad.expect("error"))["code"] == "invalid_frame"
    await bad.send_raw(b"\x00binary")
    assert (await bad.expect("error"))["code"] == "invalid_frame"
    await bad.ping()
    await bystander_still_fine(live, calm)


async def test_repeated_abuse_closes_with_1008(live: LiveServer, people: People) -> None:
    bad, calm = await room_pair(people)
    for _ in range(BAD_FRAME_BURST + 1):
        await bad.send_raw("nope")
    assert await bad.closed() == WS_POLICY
    await bystander_still_fine(live, calm)


async def test_oversized_frame_closes_with_1009(live: LiveServer, people: People) -> None:
    bad, calm = await room_pair(people)
    await bad.send_frame({"type": "send", "room": "lobby", "client_msg_id": "big", "text": "x" * 17_000})
    assert await bad.closed() == WS_TOO_BIG
    await bystander_still_fine(live, calm)


async def test_text_rules_and_personal_details(live: LiveServer, people: People) -> None:
    bad, calm = await room_pair(people)
    with pytest.raises(WsError) as err:
        await bad.say("lobby", "y" * 4001, client_msg_id="long-1")
    assert err.value.frame["code"] == "too_long" and err.value.frame["ref"] == "long-1"
    with pytest.raises(WsError) as err:
        await bad.say("lobby", "   \n ")
    assert err.value.code == "empty"
    ok = await bad.say("lobby", "  " + "z" * 4000 + "  ")
    assert ok["seq"] == 1
    tick(live)
    with pytest.raises(WsError) as err:
        await bad.say("lobby", "text me on 555-201-7788 anytime", client_msg_id="pd-1")
    assert err.value.frame["code"] == "personal_details" and err.value.frame["ref"] == "pd-1"
    assert err.value.frame["kinds"] == ["phone"]
    confirmed = await bad.say("lobby", "text me on 555-201-7788 anytime", client_msg_id="pd-1", confirm=True)
    assert confirmed["seq"] == 2
    await calm.wait_seq("lobby", 2)
    assert len(calm.messages("lobby")[0]["text"]) == 4000


async def test_join_unknown_room_send_without_join_and_too_many_rooms(live: LiveServer, people: People) -> None:
    staff = await people.api("room_maker", role="admin")
    member = await people.ws(await people.api("wanderer"))
    with pytest.raises(WsError) as err:
        await member.join("no-such-room")
    assert err.value.code == "room_not_found"
    with pytest.raises(WsError) as err:
        await member.say("lobby", "hello?", client_msg_id="nj-1")
    assert err.value.frame == {"type": "error", "code": "not_joined", "message": err.value.frame["message"],
                               "ref": "nj-1", "room": "lobby"}
    for i in range(MAX_ROOMS_PER_CONNECTION):
        r = await staff.post("/api/rooms", json={"slug": f"room-{i}", "title": f"Room {i}"})
        assert r.status_code == 201, r.text
    for i in range(MAX_ROOMS_PER_CONNECTION):
        await member.join(f"room-{i}")
    with pytest.raises(WsError) as err:
        await member.join("lobby")
    assert err.value.code == "too_many_rooms"
    await member.leave("room-0")
    await member.join("lobby")


async def test_send_rate_limit(live: LiveServer, people: People) -> None:
    bad, _ = await room_pair(people)
    for i in range(SEND_BURST):
        await bad.say("lobby", f"burst {i}")
    with pytest.raises(WsError) as err:
        await bad.say("lobby", "one too many", client_msg_id="rl-1")
    assert err.value.code == "rate_limited" and err.value.frame["retry_after"] >= 1
    assert err.value.frame["ref"] == "rl-1"
    live.clock.advance(1)
    assert (await bad.say("lobby", "after a breath"))["seq"] == SEND_BURST + 1


async def test_forged_origin_refused_before_the_handshake(live: LiveServer, people: People) -> None:
    api = await people.api("origin_check")
    with pytest.raises(InvalidStatus) as err:
        await WsClient.connect(live.ws_url, api.session_cookie, origin="https://evil.example")
    assert err.value.response.status_code == 403
    assert json.loads(err.value.response.body)["error"]["code"] == "origin_forbidden"
    ok = await people.ws(api)  # our own origin is fine, and so is none (non-browser clients)
    await ok.ping()
    none = await WsClient.connect(live.ws_url, api.session_cookie, origin=None)
    await none.ping()
    await none.close()


async def test_no_cookie_or_dead_session_closes_with_4401(live: LiveServer, people: People) -> None:
    anon = await WsClient.connect(live.ws_url)
    assert await anon.closed() == WS_UNAUTHENTICATED
    forged = await WsClient.connect(live.ws_url, "not-a-real-session-token")
    assert await forged.closed() == WS_UNAUTHENTICATED
    api = await people.api("logged_out")
    cookie = api.session_cookie
    await api.post("/api/auth/logout")
    gone = await WsClient.connect(live.ws_url, cookie)
    assert await gone.closed() == WS_UNAUTHENTICATED


async def test_slow_consumer_is_closed_and_the_room_keeps_its_pace(live: LiveServer, people: People) -> None:
    hub = live.app.state.hub
    slow_api = await people.api("slow_phone")
    sender, fast = await people.ws(await people.api("fast_talker")), await people.ws(await people.api("fast_ear"))
    await sender.join("lobby")
    await fast.join("lobby")
    # A client that stops reading: a tiny receive buffer and no reads at all.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    where = urlsplit(live.ws_url)
    sock.connect((where.hostname, where.port))
    slow = await websockets.connect(live.ws_url, sock=sock, origin=origin_of(live.ws_url),  # type: ignore[arg-type]
                                    additional_headers={"Cookie": f"peerhub_session={slow_api.session_cookie}"},
                                    compression=None, max_queue=1)
    await slow.send(json.dumps({"type": "join", "room": "lobby"}))
    slow_id = (await slow_api.get("/api/me")).json()["user"]["id"]
    while not any(c.rooms for c in hub.by_user.get(slow_id, ())):
        await asyncio.sleep(0.01)
    text = "w" * 3900
    worst = 0.0
    sent = 0
    loop = asyncio.get_running_loop()
    while hub.by_user.get(slow_id):
        assert sent < 3000, "the slow consumer was never cut off"
        tick(live)
        start = loop.time()
        ack = await sender.say("lobby", text)
        await fast.expect("message", seq=ack["seq"])
        worst = max(worst, loop.time() - start)
        fast.frames.clear()
        sent += 1
    assert worst < 1.0  # the fast reader kept up the whole time
    codes = []
    try:
        async for _ in slow:
            pass
    except ConnectionClosed:
        pass
    codes.append(slow.close_code)
    assert codes == [WS_SLOW_CONSUMER]
    for conn in hub.connections:
        assert len(conn.out) <= 2
    await bystander_still_fine(live, fast)


async def test_graceful_shutdown_closes_sockets_with_1012(live: LiveServer, people: People) -> None:
    ws = await people.ws(await people.api("shutdown_watch"))
    await ws.join("lobby")
    live.server.should_exit = True
    assert await ws.closed() == 1012
