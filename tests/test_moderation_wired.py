"""Moderation wired into rooms and forums, live: every action over HTTP, its
effect on real sockets (``tests/wsclient.py``) and in history/thread views.

The world is ``test_moderation_support.make_world`` (one person per role;
``scoped_in`` moderates room 1 "lobby", ``scoped_out`` room 2 only) with the
real content providers put back in place of its fakes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from peerhub.errors import WS_FORBIDDEN
from peerhub.forum.content import ForumPosts
from peerhub.moderation.confidentiality_purge import run_purge
from peerhub.realtime.content import RoomMessages
from tests.conftest import TEST_PASSWORD, LiveServer, both_backends
from tests.forum_helpers import new_thread, reply, thread_view
from tests.test_moderation_support import HANDLES, ROOM, World, make_world
from tests.wsclient import WsClient, WsError

P = "/api/moderation"
LOBBY = "lobby"  # room 1 (ROOM)
OTHER = "night-owls"  # room 2
CATEGORY, OTHER_CATEGORY = 1, 2
# The issue: "a banned user's open sockets are refused within a second".
WITHIN_A_SECOND = 1.0
FAST = 5.0


@pytest.fixture
async def world(live: LiveServer, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    async for w in make_world(live, monkeypatch):
        w.runtime.content.register("message", RoomMessages())
        w.runtime.content.register("post", ForumPosts())
        late = live.client()
        w.ids["late"] = int((await late.signup_login("hazel_brook"))["id"])
        w.clients["late"] = late
        yield w


async def ws(w: World, role: str) -> WsClient:
    client = await WsClient.connect(w.live.ws_url, w.clients[role].session_cookie)
    await client.expect("hello", timeout=FAST)
    return client


async def ok(w: World, role: str, method: str, url: str, status: int = 200, **kw: Any) -> dict[str, Any]:
    r = await w.clients[role].request(method, url, **kw)
    assert r.status_code == status, r.text
    body: dict[str, Any] = r.json()
    return body


async def history(w: World, role: str, room: str = LOBBY) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = (await ok(w, role, "GET", f"/api/rooms/{room}/messages"))["messages"]
    return messages


# -- rooms: removal ------------------------------------------------------------


@both_backends
async def test_removal_disappears_live_and_from_member_history_while_staff_see_it_marked(world: World) -> None:
    w = world
    author, other, staff = await ws(w, "victim"), await ws(w, "member"), await ws(w, "site")
    async with author, other, staff:
        for c in (author, other, staff):
            await c.join(LOBBY)
        ack = await author.say(LOBBY, "something that should come down")
        msg = await other.expect("message", seq=ack["seq"], timeout=FAST)
        await staff.expect("message", seq=ack["seq"], timeout=FAST)

        await ok(w, "scoped_in", "POST", f"{P}/content/message/{msg['id']}/remove", json={"reason": "spam"})
        expected = {"type": "removed", "room": LOBBY, "seq": ack["seq"]}
        assert await other.expect("removed", seq=ack["seq"], timeout=WITHIN_A_SECOND) == expected
        assert await author.expect("removed", seq=ack["seq"], timeout=FAST) == expected
        assert await staff.expect("removed", seq=ack["seq"], timeout=FAST) == expected

        assert await history(w, "member") == [expected]
        assert await history(w, "victim") == [expected]
        marked = await history(w, "scoped_in")
        assert marked[0]["type"] == "message" and marked[0]["text"] == "something that should come down"
        assert marked[0]["removed"]["by"] == w.ids["scoped_in"]
        # A late joiner resuming from 0 gets the removal, never the text.
        late = await ws(w, "late")
        async with late:
            await late.join(LOBBY, since=0)
            assert await late.expect("removed", seq=ack["seq"], timeout=FAST) == expected
            assert late.messages(LOBBY) == []

        # Restore: the line comes back live (marked) and in history.
        await ok(w, "site", "POST", f"{P}/content/message/{msg['id']}/restore", json={})
        back = await other.expect("message", seq=ack["seq"], restored=True, timeout=FAST)
        assert back["text"] == "something that should come down"
        assert (await history(w, "member"))[0]["type"] == "message"
    actions = [e["action"] for e in await w.audit(target=f"message:{msg['id']}")]
    assert actions == ["restore", "remove"]


async def test_removal_by_a_facilitator_outside_the_room_is_refused(world: World) -> None:
    w = world
    async with await ws(w, "victim") as author:
        await author.join(LOBBY)
        ack = await author.say(LOBBY, "hello everyone")
        msg_id = (await history(w, "member"))[-1]["id"]
        assert ack["seq"] == 1
        r = await w.clients["scoped_out"].post(f"{P}/content/message/{msg_id}/remove", json={})
        assert r.status_code == 403
        assert (await history(w, "member"))[0]["type"] == "message"


# -- rooms: bans, kicks ---------------------------------------------------------


async def test_site_ban_closes_socket_within_a_second_and_refuses_reconnecting(world: World) -> None:
    w = world
    victim = await ws(w, "victim")
    async with victim:
        await victim.join(LOBBY)
        await ok(w, "site", "POST", f"{P}/sanctions", 201, json={"kind": "ban", "user_id": w.ids["victim"]})
        assert await victim.closed(timeout=WITHIN_A_SECOND) == WS_FORBIDDEN
    again = await WsClient.connect(w.live.ws_url, w.clients["victim"].session_cookie)
    async with again:
        assert await again.closed(timeout=WITHIN_A_SECOND) == WS_FORBIDDEN
        assert [f for f in again.frames if f.get("type") == "hello"] == []
    # And over HTTP: no new forum thread.
    r = await w.clients["victim"].post("/api/forum/threads", json={
        "category_id": CATEGORY, "title": "still here", "body": "trying again"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "banned"


@pytest.mark.parametrize("kind", ["kick", "ban"])
async def test_room_kick_or_ban_drops_the_room_and_refuses_rejoining(world: World, kind: str) -> None:
    w = world
    victim, other = await ws(w, "victim"), await ws(w, "member")
    async with victim, other:
        await victim.join(LOBBY)
        await victim.join(OTHER)
        await other.join(LOBBY)
        # Let the joins' presence delta go out first, so the kick's `left` is a
        # delta of its own.
        await other.expect("presence", room=LOBBY, timeout=FAST)
        await ok(w, "scoped_in", "POST", f"{P}/sanctions", 201, json={
            "kind": kind, "user_id": w.ids["victim"], "place": {"kind": "room", "id": ROOM}, "duration_seconds": 600})
        event = "kicked" if kind == "kick" else "banned"
        await victim.expect("moderation", event=event, timeout=FAST)
        left = await victim.expect("left", room=LOBBY, timeout=FAST)
        assert left["reason"] == event and left["until"] is not None
        await other.wait_for(lambda: "willow_bend" not in other.online(LOBBY), timeout=FAST)

        # Lobby lines no longer reach them; the other room still does.
        await other.say(LOBBY, "are they gone?")
        await other.join(OTHER)
        ack = await other.say(OTHER, "hello night owls")
        await victim.expect("message", room=OTHER, seq=ack["seq"], timeout=FAST)
        assert victim.messages(LOBBY) == []

        with pytest.raises(WsError) as refused:
            await victim.join(LOBBY)
        assert refused.value.code == event and refused.value.frame["until"] == left["until"]
        w.live.clock.advance(601)
        assert (await victim.join(LOBBY))["room"] == LOBBY
    assert victim.close_code is not None


# -- rooms: mute, slow mode, lock, pins --------------------------------------------


async def test_mute_refuses_send_with_until_and_expires_with_the_clock(world: World) -> None:
    w = world
    victim = await ws(w, "victim")
    async with victim:
        await victim.join(LOBBY)
        body = await ok(w, "scoped_in", "POST", f"{P}/sanctions", 201, json={
            "kind": "mute", "user_id": w.ids["victim"], "place": {"kind": "room", "id": ROOM},
            "duration_seconds": 120})
        with pytest.raises(WsError) as refused:
            await victim.say(LOBBY, "can anyone hear me")
        assert refused.value.code == "muted"
        assert refused.value.frame["until"] == body["sanction"]["expires_at"]
        assert refused.value.frame["room"] == LOBBY
        # Muted people still read.
        async with await ws(w, "member") as other:
            await other.join(LOBBY)
            ack = await other.say(LOBBY, "still reading?")
            await victim.expect("message", seq=ack["seq"], timeout=FAST)
        w.live.clock.advance(121)
        assert (await victim.say(LOBBY, "back again"))["seq"] == 2


async def test_slow_mode_refuses_the_second_message_with_the_wait_and_exempts_facilitators(world: World) -> None:
    w = world
    member, staff = await ws(w, "member"), await ws(w, "scoped_in")
    async with member, staff:
        await member.join(LOBBY)
        await staff.join(LOBBY)
        await ok(w, "scoped_in", "PATCH", f"{P}/rooms/{ROOM}", json={"slow_mode_seconds": 30})
        controls = await member.expect("moderation", event="room_controls", timeout=FAST)
        assert controls["room"] == LOBBY and controls["slow_mode_seconds"] == 30

        await member.say(LOBBY, "first thought")
        w.live.clock.advance(10)
        with pytest.raises(WsError) as refused:
            await member.say(LOBBY, "second thought")
        assert refused.value.code == "slow_mode" and refused.value.frame["retry_after"] == 20

        for text in ("welcome all", "remember to be kind", "and drink water"):
            await staff.say(LOBBY, text)  # facilitators who moderate the room are exempt

        w.live.clock.advance(20)
        assert (await member.say(LOBBY, "second thought"))["seq"] == 5
        assert (await member.join(LOBBY))["moderation"]["slow_mode_seconds"] == 30


async def test_lock_makes_the_room_read_only_for_members_and_pins_reach_everyone(world: World) -> None:
    w = world
    member, staff = await ws(w, "member"), await ws(w, "site")
    async with member, staff:
        await member.join(LOBBY)
        await staff.join(LOBBY)
        ack = await staff.say(LOBBY, "Room rules: be kind, no names.")
        msg_id = (await history(w, "member"))[-1]["id"]
        await ok(w, "site", "POST", f"{P}/rooms/{ROOM}/pins", 201, json={"message_id": msg_id})
        pinned = await member.expect("moderation", event="pinned", timeout=FAST)
        assert pinned["room"] == LOBBY and pinned["pins"] == [msg_id]

        await ok(w, "site", "PATCH", f"{P}/rooms/{ROOM}", json={"locked": True, "reason": "raid"})
        assert (await member.expect("moderation", event="room_controls", timeout=FAST))["locked"] is True
        with pytest.raises(WsError) as refused:
            await member.say(LOBBY, "hello?")
        assert refused.value.code == "locked"
        await staff.say(LOBBY, "We'll reopen shortly.")
        joined = await member.join(LOBBY)
        assert joined["moderation"] == {"slow_mode_seconds": 0, "locked": True, "pinned": [msg_id]}

        await ok(w, "site", "PATCH", f"{P}/rooms/{ROOM}", json={"locked": False})
        await member.expect("moderation", event="room_controls", locked=False, timeout=FAST)
        assert (await member.say(LOBBY, "thanks"))["seq"] == ack["seq"] + 2


# -- on duty ------------------------------------------------------------------------


async def test_facilitator_on_duty_covers_their_rooms_in_lists_joined_and_presence(world: World) -> None:
    w = world
    async with await ws(w, "member") as member:
        assert (await member.join(LOBBY))["facilitator_on_duty"] is False
        await ok(w, "scoped_in", "POST", f"{P}/duty", json={"on": True})
        # Present nowhere, scoped to the lobby: the lobby is covered, the other room not.
        await member.wait_for(lambda: member.on_duty[LOBBY], timeout=FAST)
        rooms = {r["slug"]: r["facilitator_on_duty"] for r in (await ok(w, "member", "GET", "/api/rooms"))["rooms"]}
        assert rooms[LOBBY] is True and rooms[OTHER] is False
        assert (await member.join(OTHER))["facilitator_on_duty"] is False

        await ok(w, "site", "POST", f"{P}/duty", json={"on": True})
        await member.wait_for(lambda: member.on_duty[OTHER], timeout=FAST)
        rooms = {r["slug"]: r["facilitator_on_duty"] for r in (await ok(w, "member", "GET", "/api/rooms"))["rooms"]}
        assert all(rooms.values())

        await ok(w, "site", "POST", f"{P}/duty", json={"on": False})
        await ok(w, "scoped_in", "POST", f"{P}/duty", json={"on": False})
        await member.wait_for(lambda: not member.on_duty[LOBBY] and not member.on_duty[OTHER], timeout=FAST)
        assert (await member.join(LOBBY))["facilitator_on_duty"] is False


async def test_staff_socket_and_pings_keep_the_shift_alive(world: World) -> None:
    w = world
    await ok(w, "site", "POST", f"{P}/duty", json={"on": True})
    async with await ws(w, "site") as staff:
        for _ in range(4):  # 4 x 2 min: well past the 5-minute grace without a socket
            w.live.clock.advance(120)
            await staff.ping()
        duty = await ok(w, "admin", "GET", f"{P}/duty")
        assert [d["user"]["id"] for d in duty["on_duty"]] == [w.ids["site"]]


# -- forum ----------------------------------------------------------------------------


async def test_forum_muted_or_banned_posting_is_refused_over_http(world: World) -> None:
    w = world
    thread = (await new_thread(w.clients["member"], CATEGORY, "Checking in today", "Day 12, feeling ok."))["thread"]
    await reply(w.clients["victim"], thread["id"], "Proud of you.")
    body = await ok(w, "site", "POST", f"{P}/sanctions", 201, json={
        "kind": "mute", "user_id": w.ids["victim"], "place": {"kind": "category", "id": CATEGORY},
        "duration_seconds": 3600})
    r = await w.clients["victim"].post(f"/api/forum/threads/{thread['id']}/posts", json={"body": "me again"})
    assert r.status_code == 403
    assert r.json()["error"] == {"code": "muted", "message": r.json()["error"]["message"],
                                 "until": body["sanction"]["expires_at"]}
    r = await w.clients["victim"].post("/api/forum/threads", json={
        "category_id": CATEGORY, "title": "A new topic", "body": "hello"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "muted"
    # Another category is fine; reading is fine.
    await new_thread(w.clients["victim"], OTHER_CATEGORY, "Family question", "How do I talk to my dad?")
    assert (await thread_view(w.clients["victim"], thread["id"]))["thread"]["id"] == thread["id"]

    await ok(w, "site", "POST", f"{P}/sanctions", 201, json={"kind": "ban", "user_id": w.ids["late"]})
    r = await w.clients["late"].post(f"/api/forum/threads/{thread['id']}/posts", json={"body": "hi"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "banned"


async def test_thread_lock_pin_move_are_scoped_and_audited(world: World) -> None:
    w = world
    thread = (await new_thread(w.clients["member"], CATEGORY, "Weekend plans", "Staying busy."))["thread"]
    url = f"/api/forum/threads/{thread['id']}"
    for role in ("member", "scoped_out", "scoped_in"):  # nobody here moderates category 1 yet
        r = await w.clients[role].patch(url, json={"locked": True})
        assert r.status_code == 403, role
    await ok(w, "admin", "PUT", f"{P}/scopes", json={"user_id": w.ids["scoped_in"], "places": [
        {"kind": "room", "id": ROOM}, {"kind": "category", "id": CATEGORY}]})
    locked = await ok(w, "scoped_in", "PATCH", url, json={"locked": True, "pinned": True, "reason": "heated"})
    assert locked["thread"]["locked"] is True and locked["thread"]["pinned"] is True
    r = await w.clients["member"].post(f"{url}/posts", json={"body": "one more thing"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "thread_locked"
    # Moving needs the destination too.
    r = await w.clients["scoped_in"].patch(url, json={"category_id": OTHER_CATEGORY})
    assert r.status_code == 403
    moved = await ok(w, "site", "PATCH", url, json={"category_id": OTHER_CATEGORY, "locked": False})
    assert moved["thread"]["category_id"] == OTHER_CATEGORY and moved["thread"]["locked"] is False
    await ok(w, "site", "PATCH", url, json={"pinned": True})  # no change: nothing audited

    entries = await w.audit(target=f"thread:{thread['id']}")
    assert [(e["action"], e["actor_id"], e["place"]) for e in reversed(entries)] == [
        ("thread_pin", w.ids["scoped_in"], {"kind": "category", "id": CATEGORY}),
        ("thread_lock", w.ids["scoped_in"], {"kind": "category", "id": CATEGORY}),
        ("thread_move", w.ids["site"], {"kind": "category", "id": CATEGORY}),
        ("thread_unlock", w.ids["site"], {"kind": "category", "id": OTHER_CATEGORY}),
    ]
    assert entries[-1]["reason"] == "heated" and entries[1]["ref_id"] == OTHER_CATEGORY


@both_backends
async def test_post_removal_hides_it_live_and_in_thread_views_for_members(world: World) -> None:
    w = world
    thread = (await new_thread(w.clients["member"], CATEGORY, "Meeting tonight", "Who's going?"))["thread"]
    post = await reply(w.clients["victim"], thread["id"], "Here is my number, call me")
    async with await ws(w, "member") as watcher:
        await watcher.send_frame({"type": "watch_thread", "thread_id": thread["id"]})
        await watcher.ping()
        await ok(w, "site", "POST", f"{P}/content/post/{post['id']}/remove", json={"reason": "personal details"})
        frame = await watcher.expect("forum", event="post_removed", timeout=WITHIN_A_SECOND)
        assert frame["post"]["id"] == post["id"] and frame["post"]["removed"] == "facilitator"
        assert frame["post"]["author"] is None and "number" not in str(frame)

        for role in ("member", "victim"):
            shown = {p["id"]: p for p in (await thread_view(w.clients[role], thread["id"]))["posts"]}[post["id"]]
            assert shown["removed"] == "facilitator" and shown["author"] is None
            assert "number" not in str(shown)
        staff_view = {p["id"]: p for p in (await thread_view(w.clients["site"], thread["id"]))["posts"]}[post["id"]]
        assert staff_view["removed"] == "facilitator" and "number" in staff_view["body_html"]
        hits = (await ok(w, "member", "GET", "/api/forum/search", params={"q": "number"}))["results"]
        assert [h["post_id"] for h in hits] == []

        await ok(w, "site", "POST", f"{P}/content/post/{post['id']}/restore", json={})
        back = await watcher.expect("forum", event="post_restored", timeout=FAST)
        assert back["post"]["removed"] is None and "topics" not in back
        shown = {p["id"]: p for p in (await thread_view(w.clients["member"], thread["id"]))["posts"]}[post["id"]]
        assert shown["removed"] is None


async def test_removed_content_cleared_by_the_purge_cannot_be_restored(world: World) -> None:
    w = world
    async with await ws(w, "victim") as author:
        await author.join(LOBBY)
        await author.say(LOBBY, "a line to take down")
    msg_id = (await history(w, "member"))[-1]["id"]
    thread = (await new_thread(w.clients["member"], CATEGORY, "A quiet thread", "Nothing much."))["thread"]
    post = await reply(w.clients["victim"], thread["id"], "a post to take down")
    for kind, ident in (("message", msg_id), ("post", post["id"])):
        await ok(w, "site", "POST", f"{P}/content/{kind}/{ident}/remove", json={})
    # Within the 7 days a restore works (message); after the purge nothing is left to restore.
    await ok(w, "site", "POST", f"{P}/content/message/{msg_id}/restore", json={})
    await ok(w, "site", "POST", f"{P}/content/message/{msg_id}/remove", json={})
    w.live.clock.advance(8 * 24 * 3600)
    await run_purge(w.ctx)
    r = await w.clients["site"].post("/api/auth/login", json={"handle": HANDLES["site"], "password": TEST_PASSWORD})
    assert r.status_code == 200  # the session idled out meanwhile
    for kind, ident in (("message", msg_id), ("post", post["id"])):
        r = await w.clients["site"].post(f"{P}/content/{kind}/{ident}/restore", json={})
        assert r.status_code == 404, (kind, r.text)
    assert (await history(w, "site"))[-1] == {"type": "removed", "room": LOBBY, "seq": 1}
