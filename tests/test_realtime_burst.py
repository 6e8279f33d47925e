"""Frames that arrive together: a burst of sends is stored in one transaction
(``service.do_send_many``) and every frame of a burst gets the answer it gets
one by one, in order. The bursts are written to a real server in one TCP
write, so the server finds them waiting together."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from websockets.frames import Frame, Opcode

from peerhub.accounts.service import authenticate
from peerhub.realtime import service
from peerhub.realtime.endpoint import ready_message
from tests.conftest import ApiClient, LiveServer, both_backends
from tests.people import group_fixture
from tests.test_realtime import People
from tests.test_realtime_wire import RawSocket
from tests.wsclient import WsClient

people = group_fixture(People, "people")


class BurstSocket(RawSocket):
    """A raw client that writes many frames in one TCP write and reads JSON frames."""

    def burst(self, frames: list[str]) -> None:
        """All frames (JSON texts, or anything else to send as it is) in one write."""
        self.writer.write(b"".join(Frame(Opcode.TEXT, f.encode()).serialize(mask=True) for f in frames))

    async def json(self) -> dict[str, Any]:
        return dict((await self.frame())[1])

    async def answers(self, count: int) -> list[dict[str, Any]]:
        """The next ``count`` acks and errors (other frames skipped)."""
        got: list[dict[str, Any]] = []
        while len(got) < count:
            frame = await asyncio.wait_for(self.json(), 10)
            if frame["type"] in ("ack", "error"):
                got.append(frame)
        return got

    async def joined(self, room: str) -> None:
        self.burst([json.dumps({"type": "join", "room": room})])
        while (await asyncio.wait_for(self.json(), 10))["type"] != "joined":
            pass

    def close(self) -> None:
        self.writer.close()


@pytest.fixture
async def sockets() -> AsyncIterator[list[BurstSocket]]:
    opened: list[BurstSocket] = []
    yield opened
    for sock in opened:
        sock.close()


async def burst_socket(live: LiveServer, api: ApiClient, opened: list[BurstSocket]) -> BurstSocket:
    sock = await BurstSocket.connect(live.ws_url, api.session_cookie)
    opened.append(sock)
    await sock.joined("lobby")
    return sock


def send(cid: str, text: str, room: str = "lobby") -> str:
    return json.dumps({"type": "send", "room": room, "client_msg_id": cid, "text": text})


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every ``do_send_many`` call the endpoint makes."""
    sizes: list[int] = []
    real = service.do_send_many

    async def counting(*args: Any, **kwargs: Any) -> list[service.SendResult | Exception]:
        sizes.append(len(args[3]))
        return await real(*args, **kwargs)

    monkeypatch.setattr(service, "do_send_many", counting)
    return sizes


async def history(api: ApiClient) -> list[tuple[int, str]]:
    rows = (await api.get("/api/rooms/lobby/messages", params={"limit": 200})).json()["messages"]
    return [(m["seq"], m["text"]) for m in rows]


@both_backends
async def test_a_burst_of_sends_is_one_batch_acked_in_order(
        live: LiveServer, people: People, sockets: list[BurstSocket], batches: list[int]) -> None:
    api = await people.api("burst_writer")
    watcher = await people.ws(await people.api("burst_watcher"))
    await watcher.join("lobby")
    sock = await burst_socket(live, api, sockets)
    texts = [f"line {i} of a burst" for i in range(10)]  # the send limit's burst is 10
    sock.burst([send(f"b{i}", t) for i, t in enumerate(texts)])
    acks = await sock.answers(10)
    assert acks == [{"type": "ack", "client_msg_id": f"b{i}", "room": "lobby", "seq": i + 1} for i in range(10)]
    assert max(batches) > 1  # stored together (how many arrive together is up to TCP)
    await watcher.wait_seq("lobby", 10)
    assert [(m["seq"], m["text"]) for m in watcher.messages("lobby")] == list(enumerate(texts, 1))
    assert await history(api) == list(enumerate(texts, 1))


@both_backends
async def test_every_frame_of_a_burst_gets_its_one_by_one_answer(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("mixed_burst")
    sock = await burst_socket(live, api, sockets)
    sock.burst([
        send("m1", "first"),
        send("m1", "first"),                     # the same line again: the same seq
        send("m2", "x" * 4001),                  # too long: refused by the pipeline
        "{not json",
        json.dumps({"type": "typing", "room": "lobby"}),
        send("m3", "to a room I am not in", room="elsewhere"),
        json.dumps({"type": "send", "room": "lobby", "client_msg_id": "", "text": "no id"}),
        send("m4", "second"),
        send("m5", "third"),
    ])
    answers = await sock.answers(8)
    assert [(a["type"], a.get("seq") or a.get("code"), a.get("client_msg_id") or a.get("ref")) for a in answers] == [
        ("ack", 1, "m1"), ("ack", 1, "m1"), ("error", "too_long", "m2"), ("error", "malformed_json", None),
        ("error", "not_joined", "m3"), ("error", "invalid_frame", None), ("ack", 2, "m4"), ("ack", 3, "m5"),
    ]
    assert await history(api) == [(1, "first"), (2, "second"), (3, "third")]


async def test_a_burst_past_the_send_limit_is_refused_from_there_in_order(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("limit_burst")
    sock = await burst_socket(live, api, sockets)
    sock.burst([send(f"r{i}", f"line {i}") for i in range(13)])
    answers = await sock.answers(13)
    assert [a["type"] for a in answers] == ["ack"] * 10 + ["error"] * 3
    assert [a["seq"] for a in answers[:10]] == list(range(1, 11))
    assert all(a["code"] == "rate_limited" and a["ref"] == f"r{i}" for i, a in enumerate(answers[10:], 10))
    assert len(await history(api)) == 10


@both_backends
async def test_a_muted_writers_burst_stores_nothing(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("muted_burst")
    staff = await people.api("burst_staff", role="admin")
    sock = await burst_socket(live, api, sockets)
    sock.burst([send("ok", "before the mute")])
    assert (await sock.answers(1))[0]["seq"] == 1
    me = (await api.get("/api/me")).json()["user"]
    lobby = await service.access_room(live.app.state.ctx, "lobby")
    muted = await staff.post("/api/moderation/sanctions", json={
        "kind": "mute", "user_id": me["id"], "place": {"kind": "room", "id": lobby.id}, "duration_seconds": 1800})
    assert muted.status_code == 201, muted.text
    live.clock.advance(5)
    sock.burst([send(f"x{i}", f"while muted {i}") for i in range(4)])
    answers = await sock.answers(4)
    assert [(a["type"], a["code"], a["ref"]) for a in answers] == [("error", "muted", f"x{i}") for i in range(4)]
    assert await history(api) == [(1, "before the mute")]


async def test_a_burst_to_two_rooms_keeps_each_rooms_order(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("two_room_burst")
    sock = await burst_socket(live, api, sockets)
    rooms = (await api.get("/api/rooms")).json()["rooms"]
    other = next(r["slug"] for r in rooms if r["slug"] != "lobby")
    await sock.joined(other)
    sock.burst([send("a1", "lobby 1"), send("a2", "lobby 2"), send("o1", "other 1", other),
                send("a3", "lobby 3"), send("o2", "other 2", other)])
    answers = await sock.answers(5)
    assert [(a["client_msg_id"], a["room"], a["seq"]) for a in answers] == [
        ("a1", "lobby", 1), ("a2", "lobby", 2), ("o1", other, 1), ("a3", "lobby", 3), ("o2", other, 2)]


async def test_ready_message_takes_nothing_when_nothing_waits() -> None:
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def receive() -> dict[str, Any]:
        return await queue.get()

    assert ready_message(receive) is None
    assert ready_message(receive) is None
    queue.put_nowait({"type": "websocket.receive", "text": "one"})
    queue.put_nowait({"type": "websocket.receive", "text": "two"})
    assert ready_message(receive) == {"type": "websocket.receive", "text": "one"}
    # An abandoned wait leaves no waiter behind: a real receive still gets the next item.
    assert ready_message(receive) == {"type": "websocket.receive", "text": "two"}
    assert ready_message(receive) is None
    later = asyncio.ensure_future(receive())
    await asyncio.sleep(0)
    queue.put_nowait({"type": "websocket.receive", "text": "three"})
    assert await asyncio.wait_for(later, 1) == {"type": "websocket.receive", "text": "three"}
    assert queue.empty()


async def test_a_disconnect_right_after_a_burst_is_still_seen(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("burst_then_gone")
    watcher: WsClient = await people.ws(await people.api("burst_gone_watcher"))
    await watcher.join("lobby")
    sock = await burst_socket(live, api, sockets)
    close = Frame(Opcode.CLOSE, (1000).to_bytes(2, "big")).serialize(mask=True)
    sock.writer.write(b"".join(Frame(Opcode.TEXT, send(f"g{i}", f"gone {i}").encode()).serialize(mask=True)
                               for i in range(3)) + close)
    await watcher.wait_seq("lobby", 3)
    assert [m["text"] for m in watcher.messages("lobby")] == ["gone 0", "gone 1", "gone 2"]
    hub = live.app.state.hub
    for _ in range(100):
        if not any(c.viewer.handle == "burst_then_gone" for c in hub.connections):
            break
        await asyncio.sleep(0.02)
    assert not any(c.viewer.handle == "burst_then_gone" for c in hub.connections)


@both_backends
async def test_a_burst_repeating_a_stored_line_acks_it_again_and_stores_the_rest(
        live: LiveServer, people: People, sockets: list[BurstSocket], batches: list[int]) -> None:
    api = await people.api("repeat_burst")
    sock = await burst_socket(live, api, sockets)
    sock.burst([send("s1", "stored before")])
    assert (await sock.answers(1))[0]["seq"] == 1
    live.clock.advance(10)
    sock.burst([send("s2", "new one"), send("s1", "stored before"), send("s3", "another")])
    answers = await sock.answers(3)
    assert [(a["client_msg_id"], a["seq"]) for a in answers] == [("s2", 2), ("s1", 1), ("s3", 3)]
    assert await history(api) == [(1, "stored before"), (2, "new one"), (3, "another")]


async def test_a_burst_in_slow_mode_stores_the_first_and_refuses_the_rest(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("slow_burst")
    staff = await people.api("slow_burst_staff", role="admin")
    lobby = await service.access_room(live.app.state.ctx, "lobby")
    slowed = await staff.patch(f"/api/moderation/rooms/{lobby.id}", json={"slow_mode_seconds": 30})
    assert slowed.status_code == 200, slowed.text
    sock = await burst_socket(live, api, sockets)
    sock.burst([send(f"w{i}", f"slowly {i}") for i in range(3)])
    answers = await sock.answers(3)
    assert [a["type"] for a in answers] == ["ack", "error", "error"]
    assert all(a["code"] == "slow_mode" and a["retry_after"] > 0 for a in answers[1:])
    assert await history(api) == [(1, "slowly 0")]


async def test_a_burst_after_the_rooms_policy_changed_follows_the_new_policy(
        live: LiveServer, people: People, sockets: list[BurstSocket]) -> None:
    api = await people.api("policy_burst")
    staff = await people.api("policy_burst_staff", role="admin")
    sock = await burst_socket(live, api, sockets)  # joined while the policy is "warn"
    changed = await staff.patch("/api/rooms/lobby", json={"personal_policy": "block"})
    assert changed.status_code == 200, changed.text
    sock.burst([send("p1", "fine"), send("p2", "ring me on 0412 345 678"), send("p3", "also fine")])
    answers = await sock.answers(3)
    assert [(a["type"], a.get("seq") or a.get("code")) for a in answers] == [
        ("ack", 1), ("error", "personal_details"), ("ack", 2)]
    assert await history(api) == [(1, "fine"), (2, "also fine")]


@both_backends
async def test_do_send_many_with_a_stale_room_applies_the_stored_policy(live: LiveServer, people: People) -> None:
    """The room a socket holds may predate a policy change (the refresh is an
    event away): the burst path must not store under the old policy."""
    api = await people.api("stale_room_writer")
    staff = await people.api("stale_room_staff", role="admin")
    ctx = live.app.state.ctx
    stale = await service.access_room(ctx, "lobby")  # personal_policy "warn"
    changed = await staff.patch("/api/rooms/lobby", json={"personal_policy": "block"})
    assert changed.status_code == 200, changed.text
    viewer = await authenticate(ctx, api.session_cookie)
    assert viewer is not None and stale.personal_policy == "warn"
    outcomes = await service.do_send_many(ctx, viewer, stale, [
        service.SendRequest("t1", "fine"), service.SendRequest("t2", "ring me on 0412 345 678", confirm=True),
        service.SendRequest("t3", "also fine")])
    assert [o.message.seq if isinstance(o, service.SendResult) else getattr(o, "code", o) for o in outcomes] == [
        1, "personal_details", 2]
    assert await history(api) == [(1, "fine"), (2, "also fine")]
