"""Moderation events reaching real sockets through the realtime hub's ``user:<id>`` delivery.

What needs no wiring beyond the hub's generic ``user:<id>`` forwarding: a
check-in and a sanction notice arrive as frames on the person's own open
sockets, and nobody else's; a site ban closes the person's open sockets
through the hub's ``control`` channel. (Refusing the next upgrade, ``removed``
frames for moderator removals and slow mode on ``send`` need the realtime
layer to call moderation; see ``peerhub.moderation.service``.)
"""

from __future__ import annotations

import pytest

from peerhub.errors import WS_FORBIDDEN
from tests.test_moderation_support import ROOM, World, make_world
from tests.wsclient import WsClient

world = pytest.fixture(make_world)
P = "/api/moderation"
# The issue: "a banned user's open sockets are refused within a second".
BAN_CLOSE_SECONDS = 1.0


async def test_checkin_and_sanction_notice_arrive_on_the_persons_socket_only(world: World) -> None:
    w = world
    victim = await WsClient.connect(w.live.ws_url, w.clients["victim"].session_cookie)
    other = await WsClient.connect(w.live.ws_url, w.clients["member"].session_cookie)
    async with victim, other:
        await victim.expect("hello")
        await other.expect("hello")
        r = await w.clients["site"].post(f"{P}/checkins", json={"user_id": w.ids["victim"],
                                                                "text": "Checking in. How are you holding up?"})
        assert r.status_code == 201
        frame = await victim.expect("checkin", timeout=2)
        assert frame == {"type": "checkin", **r.json()["checkin"]}

        r = await w.clients["scoped_in"].post(f"{P}/sanctions", json={
            "kind": "mute", "user_id": w.ids["victim"], "place": {"kind": "room", "id": ROOM},
            "duration_seconds": 300})
        assert r.status_code == 201
        notice = await victim.expect("moderation", event="muted", timeout=2)
        assert notice["until"] == r.json()["sanction"]["expires_at"]

        # Frames for `other` would have been queued before the victim's; a ping
        # round trip flushes its queue, so absence is proven without sleeping.
        await other.ping()
        assert [f for f in other.frames if f.get("type") in ("checkin", "moderation")] == []


async def test_site_ban_closes_open_sockets_within_a_second(world: World) -> None:
    w = world
    async with await WsClient.connect(w.live.ws_url, w.clients["victim"].session_cookie) as victim, \
            await WsClient.connect(w.live.ws_url, w.clients["member"].session_cookie) as other:
        await victim.join("lobby")
        await other.join("lobby")
        r = await w.clients["site"].post(f"{P}/sanctions", json={"kind": "ban", "user_id": w.ids["victim"]})
        assert r.status_code == 201
        assert await victim.closed(timeout=BAN_CLOSE_SECONDS) == WS_FORBIDDEN
        await other.ping()
        assert other.close_code is None
