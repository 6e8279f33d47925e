"""``typing`` over a real server with real ``websockets`` clients: who gets the
notice, the documented rate limit, nothing stored, the ``not_joined`` error,
and trigger filters (a person muted with ``hide`` never shows as typing)."""

from __future__ import annotations

from typing import Any

from peerhub.realtime.protocol import TYPING_INTERVAL_SECONDS
from tests.conftest import ApiClient, LiveServer, both_backends
from tests.people import People as BasePeople
from tests.people import group_fixture
from tests.wsclient import WsClient

ROOM = "lobby"


class People(BasePeople):
    def __init__(self, live: LiveServer) -> None:
        super().__init__(live, hello=True, room=ROOM)


people = group_fixture(People, "people")


async def typing(ws: WsClient, room: str = ROOM) -> None:
    """Send a typing frame and wait until the server has handled it (frames of
    one socket are handled in order, so the pong comes after the publish)."""
    await ws.send_frame({"type": "typing", "room": room})
    await ws.ping()


def typing_frames(ws: WsClient, room: str = ROOM) -> list[dict[str, Any]]:
    return [f for f in ws.frames if f["type"] == "typing" and f["room"] == room]


async def set_filters(api: ApiClient, body: dict[str, Any]) -> None:
    r = await api.put("/api/me/filters", json=body)
    assert r.status_code == 200, r.text


@both_backends
async def test_typing_reaches_the_others_once_per_window_and_is_never_stored(
        live: LiveServer, people: People) -> None:
    a_api, b_api = await people.api("typist_a"), await people.api("reader_b")
    a, b = await people.ws(a_api), await people.ws(b_api)
    a_user = {k: v for k, v in a.frames[0]["user"].items() if k in ("id", "handle")}
    assert a_user["handle"] == "typist_a"
    live.clock.advance(1)
    first = await a.say(ROOM, "before typing")
    assert first["seq"] == 1
    await b.expect("message", seq=1)

    # A burst within one window: B gets exactly one notice, A gets no echo and no error.
    for _ in range(6):
        await a.send_frame({"type": "typing", "room": ROOM})
    await a.ping()
    assert await b.expect("typing") == {"type": "typing", "room": ROOM, "user": a_user}
    # A message from A after the burst is a barrier: B has had every typing event before it.
    live.clock.advance(1)  # 1 s: still inside the typing window; refills the send limit
    second = await a.say(ROOM, "after typing")
    assert second["seq"] == 2  # no seq consumed by typing: contiguous
    await b.expect("message", seq=2)
    assert len(typing_frames(b)) == 1
    await a.ping()  # A's socket is alive and was never told off
    assert typing_frames(a) == [] and not [f for f in a.frames if f["type"] == "error"]

    # Once the window has passed, the next typing frame goes through again.
    await typing(a)  # 1 s after the first: dropped
    live.clock.advance(TYPING_INTERVAL_SECONDS)
    await typing(a)
    assert (await b.expect("typing"))["user"] == a_user
    live.clock.advance(1)
    third = await a.say(ROOM, "third")
    assert third["seq"] == 3
    await b.expect("message", seq=3)
    assert len(typing_frames(b)) == 2

    # B typing reaches A (the limit is per socket, not per room).
    await typing(b)
    assert (await a.expect("typing"))["user"]["handle"] == "reader_b"

    # Nothing was stored: history holds exactly the three chat lines, seqs 1..3.
    history = (await b_api.get(f"/api/rooms/{ROOM}/messages")).json()["messages"]
    assert [(m["type"], m["seq"], m["text"]) for m in history] == [
        ("message", 1, "before typing"), ("message", 2, "after typing"), ("message", 3, "third")]
    assert (await b_api.get(f"/api/rooms/{ROOM}")).json()["last_seq"] == 3


async def test_typing_into_a_room_not_joined_is_refused(live: LiveServer, people: People) -> None:
    a_api, b_api = await people.api("outsider_a"), await people.api("insider_b")
    a, b = await people.ws(a_api, room=None), await people.ws(b_api)
    await a.send_frame({"type": "typing", "room": ROOM})
    err = await a.expect("error")
    assert err["code"] == "not_joined" and err["room"] == ROOM
    await a.send_frame({"type": "typing", "room": "no-such-room"})
    assert (await a.expect("error"))["code"] == "not_joined"
    await a.send_frame({"type": "typing"})
    assert (await a.expect("error"))["code"] == "invalid_frame"
    # The socket lives on and can join and type; nothing leaked to the room before.
    await a.join(ROOM)
    await typing(a)
    assert (await b.expect("typing"))["user"]["handle"] == "outsider_a"
    assert len(typing_frames(b)) == 1
    # After leaving, typing is refused again.
    await a.leave(ROOM)
    await a.send_frame({"type": "typing", "room": ROOM})
    assert (await a.expect("error"))["code"] == "not_joined"


@both_backends
async def test_someone_muted_with_hide_never_shows_as_typing(live: LiveServer, people: People) -> None:
    muter_api = await people.api("quiet_muter")
    hidden_api, folded_api, other_api = (await people.api("hidden_one"), await people.api("folded_one"),
                                         await people.api("plain_other"))
    await set_filters(muter_api, {"muted_users": [{"handle": "hidden_one", "action": "hide"},
                                                  {"handle": "folded_one", "action": "collapse"}]})
    muter = await people.ws(muter_api)
    hidden, folded, other = await people.ws(hidden_api), await people.ws(folded_api), await people.ws(other_api)

    await typing(hidden)
    # Published: someone who did not mute them sees it...
    assert (await other.expect("typing"))["user"]["handle"] == "hidden_one"
    # ...and after a later notice from someone else reaches the muter, the hidden one's never did
    # (one dispatcher, in publish order: the hidden one's pong came before this was sent).
    await typing(other)
    assert (await muter.expect("typing"))["user"]["handle"] == "plain_other"
    # Collapse folds messages but still shows the person: their typing arrives.
    await typing(folded)
    assert (await muter.expect("typing"))["user"]["handle"] == "folded_one"
    assert [f["user"]["handle"] for f in typing_frames(muter)] == ["plain_other", "folded_one"]

    # A change of filters applies to the live socket at once: unmuted, the notice arrives.
    await set_filters(muter_api, {"muted_users": []})
    live.clock.advance(TYPING_INTERVAL_SECONDS)
    await typing(hidden)
    assert (await muter.expect("typing"))["user"]["handle"] == "hidden_one"
    # And muting again on the same socket hides the next one.
    await set_filters(muter_api, {"muted_users": [{"handle": "hidden_one", "action": "hide"}]})
    live.clock.advance(TYPING_INTERVAL_SECONDS)
    await typing(hidden)
    await other.expect("typing", where=lambda f: f["user"]["handle"] == "hidden_one")
    await typing(other)
    await muter.expect("typing", where=lambda f: f["user"]["handle"] == "plain_other")
    assert [f["user"]["handle"] for f in typing_frames(muter)] == [
        "plain_other", "folded_one", "hidden_one", "plain_other"]
