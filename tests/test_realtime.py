"""The chat socket over a real server with real ``websockets`` clients:
ordering, history agreement, resume without loss, idempotent sends."""

from __future__ import annotations

import asyncio
import random

import pytest

from tests.conftest import ApiClient, LiveServer, both_backends
from tests.people import People, group_fixture
from tests.wsclient import WsClient

people = group_fixture(People, "people")


def tick(live: LiveServer) -> None:
    """Refill the send rate limit (it runs on the server's fake clock)."""
    live.clock.advance(1)


@both_backends
async def test_two_clients_agree_on_order_and_history(live: LiveServer, people: People) -> None:
    a_api, b_api = await people.api("river_a"), await people.api("river_b")
    a, b = await people.ws(a_api), await people.ws(b_api)
    hello = await a.expect("hello")
    assert hello["user"]["handle"] == "river_a" and hello["protocol"] == 1
    joined = await a.join("lobby")
    assert joined["last_seq"] == 0 and joined["online"] == [{"id": hello["user"]["id"], "handle": "river_a"}]
    joined_b = await b.join("lobby")
    assert {u["handle"] for u in joined_b["online"]} == {"river_a", "river_b"}
    await a.wait_for(lambda: a.online("lobby") == ["river_a", "river_b"])

    sent = []
    for i in range(6):
        tick(live)
        sender = a if i % 2 == 0 else b
        ack = await sender.say("lobby", f"line {i}")
        sent.append(ack["seq"])
    assert sent == [1, 2, 3, 4, 5, 6]
    await a.wait_seq("lobby", 6)
    await b.wait_seq("lobby", 6)
    assert a.messages("lobby") == b.messages("lobby")
    assert [m["text"] for m in a.messages("lobby")] == [f"line {i}" for i in range(6)]
    # Each socket saw the frames in seq order, each once.
    for ws in (a, b):
        seqs = [f["seq"] for f in ws.frames if f["type"] == "message"]
        assert seqs == [1, 2, 3, 4, 5, 6]

    r = await a_api.get("/api/rooms/lobby/messages")
    assert r.status_code == 200
    assert r.json()["messages"] == a.messages("lobby")
    page = (await a_api.get("/api/rooms/lobby/messages", params={"after": 2, "limit": 2})).json()["messages"]
    assert [m["seq"] for m in page] == [3, 4]
    page = (await a_api.get("/api/rooms/lobby/messages", params={"before": 3, "limit": 5})).json()["messages"]
    assert [m["seq"] for m in page] == [1, 2]

    await b.close()
    await a.wait_for(lambda: a.online("lobby") == ["river_a"])


async def test_resume_twenty_clients_never_lose_or_repeat(live: LiveServer, people: People) -> None:
    total, readers = 500, 20
    sender_api = await people.api("steady_sender")
    sender = await people.ws(sender_api)
    await sender.join("night-owls")
    apis = [await people.api(f"owl_{i:02d}") for i in range(readers)]
    progress = 0
    moved = asyncio.Condition()

    async def at_least(n: int) -> None:
        async with moved:
            await moved.wait_for(lambda: progress >= n)

    def seqs_of(ws: WsClient) -> list[int]:
        return [f["seq"] for f in ws.frames if f["type"] == "message"]

    async def reader(api: ApiClient, rng: random.Random) -> list[int]:
        """Join, then three times: drop the connection (abruptly or politely),
        stay away while the sender moves on, come back with ``since``."""
        seen: list[int] = []
        ws = await people.ws(api)
        await ws.join("night-owls", since=0)
        for cut in sorted(rng.sample(range(10, total - 10), 3)):
            await at_least(cut)
            if rng.random() < 0.5:
                ws.abort()
            await ws.close()
            seen += seqs_of(ws)
            await at_least(min(total, cut + rng.randint(1, 40)))
            ws = await people.ws(api)
            await ws.join("night-owls", since=seen[-1] if seen else 0)
        await ws.wait_for(lambda: ws.last_seq("night-owls") == total, timeout=60)
        return seen + seqs_of(ws)

    async def send_all() -> None:
        nonlocal progress
        for i in range(total):
            tick(live)
            await sender.say("night-owls", f"message {i + 1}")
            async with moved:
                progress = i + 1
                moved.notify_all()

    results = await asyncio.gather(send_all(), *(reader(api, random.Random(i)) for i, api in enumerate(apis)))
    for seen in results[1:]:
        assert seen == list(range(1, total + 1))


@both_backends
async def test_same_client_msg_id_ten_times_at_once_is_stored_once(live: LiveServer, people: People) -> None:
    api = await people.api("twin_sender")
    watcher = await people.ws(await people.api("twin_watcher"))
    await watcher.join("lobby")
    sockets = [await people.ws(api) for _ in range(10)]
    await asyncio.gather(*(ws.join("lobby") for ws in sockets))
    acks = await asyncio.gather(*(ws.say("lobby", "only once", client_msg_id="same-id-1") for ws in sockets))
    assert {a["seq"] for a in acks} == {1}
    assert all(a == {"type": "ack", "client_msg_id": "same-id-1", "room": "lobby", "seq": 1} for a in acks)
    history = (await api.get("/api/rooms/lobby/messages")).json()["messages"]
    assert [(m["seq"], m["text"]) for m in history] == [(1, "only once")]
    # Sent again later (a resend after reconnecting): the same seq, nothing new stored or fanned out.
    tick(live)
    again = await sockets[0].say("lobby", "only once", client_msg_id="same-id-1")
    assert again["seq"] == 1
    tick(live)
    await sockets[1].say("lobby", "next")
    await watcher.wait_seq("lobby", 2)
    assert [f["seq"] for f in watcher.frames if f["type"] == "message"] == [1, 2]


async def test_resume_far_behind_gets_newest_thousand_and_gap(live: LiveServer, people: People) -> None:
    api = await people.api("long_gone")
    writer = await people.ws(await people.api("chatty_one"))
    await writer.join("lobby")
    # Store 1,005 messages in one transaction (the socket path is covered above).
    from peerhub.realtime import service, store
    from peerhub.realtime.models import RoomMessage

    ctx = live.app.state.ctx
    room = await service.access_room(ctx, "lobby")
    author = next(c.viewer for c in live.app.state.hub.connections if c.viewer.handle == "chatty_one")
    async with ctx.db.write() as session:
        session.add_all(RoomMessage(room_id=room.id, seq=i, author_id=author.id, client_msg_id=f"bulk-{i}",
                                    text=f"bulk {i}", created_at=ctx.clock.now(), topics=[], crisis_level="none",
                                    personal_kinds="") for i in range(1, 1006))
        await store.bump_room_seq(session, room.id, 1005)  # the room's seq: 0 -> 1005
    ws = await people.ws(api)
    joined = await ws.join("lobby", since=2)
    assert joined["last_seq"] == 1005 and joined["gap"] is True
    await ws.wait_for(lambda: ws.last_seq("lobby") == 1005)
    seqs = [f["seq"] for f in ws.frames if f["type"] == "message"]
    assert seqs == list(range(6, 1006))
    older = (await api.get("/api/rooms/lobby/messages", params={"before": 6, "limit": 200})).json()["messages"]
    assert [m["seq"] for m in older] == [1, 2, 3, 4, 5]


async def test_removed_message_is_hidden_live_and_on_replay(live: LiveServer, people: People) -> None:
    from peerhub.realtime import service

    staff_api = await people.api("calm_helper", role="facilitator")
    member = await people.ws(await people.api("member_m"))
    await member.join("lobby")
    ack = await member.say("lobby", "something to take down")
    await member.expect("message", seq=ack["seq"])
    staff_ws = await people.ws(staff_api)
    await staff_ws.join("lobby")
    staff_viewer = next(c.viewer for c in live.app.state.hub.connections if c.viewer.handle == "calm_helper")
    await service.do_remove_message(live.app.state.ctx, staff_viewer, "lobby", ack["seq"])
    assert await member.expect("removed", seq=ack["seq"]) == {"type": "removed", "room": "lobby", "seq": 1}
    late = await people.ws(await people.api("late_comer"))
    await late.join("lobby", since=0)
    assert await late.expect("removed", seq=1) == {"type": "removed", "room": "lobby", "seq": 1}
    history = (await staff_api.get("/api/rooms/lobby/messages")).json()["messages"]
    assert history == [{"type": "removed", "room": "lobby", "seq": 1}]


async def test_user_thread_staff_and_control_channels(live: LiveServer, people: People) -> None:
    hub = live.app.state.hub
    broker = live.app.state.ctx.broker
    member_api = await people.api("channel_member")
    staff_api = await people.api("duty_helper", role="facilitator")
    member, staff = await people.ws(member_api), await people.ws(staff_api)
    member_id = (await member.expect("hello"))["user"]["id"]
    staff_id = (await staff.expect("hello"))["user"]["id"]
    await member.join("lobby")
    assert (await staff.join("lobby"))["facilitator_on_duty"] is False

    await broker.publish(f"user:{member_id}", {"type": "support", "resources": ["988"]})
    assert (await member.expect("support"))["resources"] == ["988"]

    await member.send_frame({"type": "watch_thread", "thread_id": 7})
    await member.ping()
    await broker.publish("thread:7", {"type": "forum", "thread_id": 7, "post_id": 3})
    assert (await member.expect("forum"))["post_id"] == 3
    await member.send_frame({"type": "unwatch_thread", "thread_id": 7})
    await member.ping()

    await hub.set_on_duty(staff_id, True)
    presence = await member.expect("presence", facilitator_on_duty=True)
    assert presence["room"] == "lobby"
    await broker.publish("staff", {"type": "escalation", "id": 1})
    assert (await staff.expect("escalation"))["id"] == 1
    r = await member_api.get("/api/rooms/lobby")
    assert r.json()["facilitator_on_duty"] is True and r.json()["online"] == 2

    await hub.close_user(member_id, 4403, "banned")
    assert await member.closed() == 4403
    assert [f["post_id"] for f in member.frames if f["type"] == "forum"] == [3]


async def test_rejoin_on_the_same_socket_replays_only_what_it_was_not_sent(live: LiveServer, people: People) -> None:
    api = await people.api("rejoin_r")
    ws = await people.ws(api)
    await ws.join("lobby")
    for i in range(5):
        tick(live)
        await ws.say("lobby", f"line {i}")
    await ws.wait_seq("lobby", 5)
    # As after a `resync` read when only seq 2 had arrived: 3..5 were already queued.
    joined = await ws.join("lobby", since=2)
    assert joined["last_seq"] == 5
    tick(live)
    await ws.say("lobby", "line 5")
    await ws.wait_seq("lobby", 6)
    assert [f["seq"] for f in ws.frames if f["type"] == "message"] == [1, 2, 3, 4, 5, 6]
    # A fresh socket with the same since gets everything after it.
    other = await people.ws(api)
    await other.join("lobby", since=2)
    await other.wait_for(lambda: other.last_seq("lobby") == 6)
    assert [f["seq"] for f in other.frames if f["type"] == "message"] == [3, 4, 5, 6]
    # And so does a resume after a real disconnect.
    await ws.close()
    await other.close()
    resumed = await people.ws(api)
    await resumed.join("lobby", since=2)
    await resumed.wait_for(lambda: resumed.last_seq("lobby") == 6)
    assert [f["seq"] for f in resumed.frames if f["type"] == "message"] == [3, 4, 5, 6]


@pytest.mark.parametrize("order", ["stayer_first", "leaver_first", "third_saw_leaver"])
async def test_someone_who_leaves_within_the_coalescing_window_is_reported_gone(
        live: LiveServer, people: People, order: str) -> None:
    a, b, c, d = [await people.ws(await people.api(h)) for h in ("stay_a", "brief_b", "late_c", "early_d")]
    if order == "third_saw_leaver":
        await a.join("lobby")
        await d.join("lobby")
        await a.expect("presence")  # a delta is out (D came): the next window starts with B
        await b.join("lobby")
        await c.join("lobby")  # C's joined list has B; B leaves before the next delta
        watcher, expected = c, ["early_d", "late_c", "stay_a"]
    elif order == "leaver_first":
        await b.join("lobby")
        await a.join("lobby")
        watcher, expected = a, ["stay_a"]
    else:
        await a.join("lobby")
        await b.join("lobby")
        watcher, expected = a, ["stay_a"]
    await b.leave("lobby")
    await watcher.wait_for(lambda: watcher.online("lobby") == expected, timeout=3.0)
