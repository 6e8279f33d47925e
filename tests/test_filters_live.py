"""Trigger filters in chat rooms, over real sockets and HTTP: live fan-out,
room history, replay on resume, changes applied at once, expiry on the
injected clock."""

from __future__ import annotations

from typing import Any

from tests.conftest import ApiClient, LiveServer, both_backends
from tests.forum_helpers import set_role
from tests.people import People as BasePeople
from tests.people import group_fixture
from tests.wsclient import WsClient

A_FILTERS: dict[str, Any] = {
    "topics": [{"topic": "alcohol", "action": "collapse"}],
    "words": [{"text": "casino", "action": "hide", "whole_word": True}],
    "muted_users": [],
}
COLD_ONE = "grabbed a cold one after work"
CASINO = "the casino near my house"
DOG = "shot a video of my dog"


class People(BasePeople):
    def __init__(self, live: LiveServer) -> None:
        super().__init__(live, hello=True)


people = group_fixture(People, "people")


async def set_filters(api: ApiClient, body: dict[str, Any]) -> dict[str, Any]:
    r = await api.put("/api/me/filters", json=body)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


async def say(live: LiveServer, ws: WsClient, text: str) -> int:
    live.clock.advance(1)  # refill the send rate limit
    ack = await ws.say("lobby", text)
    return int(ack["seq"])


@both_backends
async def test_collapse_and_hide_live_history_and_replay(live: LiveServer, people: People) -> None:
    a_api, b_api = await people.api("filter_a"), await people.api("filter_b")
    await set_filters(a_api, A_FILTERS)
    a, b = await people.ws(a_api), await people.ws(b_api)
    await a.join("lobby")
    await b.join("lobby")

    s1 = await say(live, b, COLD_ONE)
    s2 = await say(live, b, CASINO)
    s3 = await say(live, b, DOG)
    await b.wait_seq("lobby", 3)
    # B (the author) sees everything, unfiltered.
    assert [m["text"] for m in b.messages("lobby")] == [COLD_ONE, CASINO, DOG]
    assert all("filter" not in m for m in b.messages("lobby"))

    # A: the cold one collapsed for alcohol, the casino line never sent, the dog video plain.
    dog = await a.expect("message", room="lobby", seq=s3)
    assert "filter" not in dog and dog["text"] == DOG
    seen = {m["seq"]: m for m in a.messages("lobby")}
    assert set(seen) == {s1, s3}
    assert seen[s1]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}
    assert not any(CASINO in str(f) for f in a.frames)

    # Room history over HTTP: the same view for each.
    hist_a = (await a_api.get("/api/rooms/lobby/messages")).json()["messages"]
    assert [(m["seq"], m.get("filter")) for m in hist_a] == [
        (s1, {"action": "collapse", "reasons": ["alcohol"]}), (s3, None)]
    hist_b = (await b_api.get("/api/rooms/lobby/messages")).json()["messages"]
    assert [m["text"] for m in hist_b] == [COLD_ONE, CASINO, DOG]

    # Replay on resume (a second socket joining with since=0) applies the same decision.
    a2 = await people.ws(a_api)
    await a2.join("lobby", since=0)
    await a2.expect("message", room="lobby", seq=s3)
    assert [m["seq"] for m in a2.messages("lobby")] == [s1, s3]
    assert not any(CASINO in str(f) for f in a2.frames)
    assert s2 not in {m["seq"] for m in a2.messages("lobby")}


async def test_filter_change_applies_at_once_to_the_live_socket(live: LiveServer, people: People) -> None:
    a_api, b_api = await people.api("quick_a"), await people.api("quick_b")
    a, b = await people.ws(a_api), await people.ws(b_api)
    await a.join("lobby")
    await b.join("lobby")
    s1 = await say(live, b, CASINO)
    assert (await a.expect("message", room="lobby", seq=s1))["text"] == CASINO

    await set_filters(a_api, A_FILTERS)  # same socket, no reconnect
    await say(live, b, "the casino again")
    s3 = await say(live, b, "a bar of soap and a glass of water")
    s4 = await say(live, b, "three shots of tequila")
    await a.expect("message", room="lobby", seq=s4)
    got = {m["seq"]: m for m in a.messages("lobby")}
    assert sorted(got) == [s1, s3, s4]
    assert "filter" not in got[s3]
    assert got[s4]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}

    await set_filters(a_api, {"topics": [], "words": [], "muted_users": []})
    s5 = await say(live, b, "wine o'clock and the casino")
    assert "filter" not in await a.expect("message", room="lobby", seq=s5)


async def test_muted_person_hidden_until_the_mute_expires(live: LiveServer, people: People) -> None:
    a_api, b_api, c_api = await people.api("mute_a"), await people.api("mute_b"), await people.api("mute_c")
    until = (live.clock.now().timestamp() + 3600)
    from datetime import UTC, datetime

    until_iso = datetime.fromtimestamp(until, UTC).isoformat()
    saved = await set_filters(a_api, {"muted_users": [{"handle": "mute_b", "action": "hide", "until": until_iso}]})
    assert saved["muted_users"] == [{"handle": "mute_b", "action": "hide", "until": until_iso.replace("+00:00", "Z")}]
    a, b, c = await people.ws(a_api), await people.ws(b_api), await people.ws(c_api)
    for ws in (a, b, c):
        await ws.join("lobby")
    s1 = await say(live, b, "hello from b")
    s2 = await say(live, c, "hello from c")
    await a.expect("message", room="lobby", seq=s2)
    assert [m["seq"] for m in a.messages("lobby")] == [s2]
    assert s1 not in {m["seq"] for m in (await a_api.get("/api/rooms/lobby/messages")).json()["messages"]}

    live.clock.advance(3601)  # the mute has expired
    s3 = await say(live, b, "b again")
    assert (await a.expect("message", room="lobby", seq=s3))["text"] == "b again"
    hist = (await a_api.get("/api/rooms/lobby/messages")).json()["messages"]
    assert [m["seq"] for m in hist] == [s1, s2, s3]
    assert (await a_api.get("/api/me/filters")).json()["muted_users"] == []


async def test_whole_word_and_substring_words_from_different_people(live: LiveServer, people: People) -> None:
    """One room automaton for everyone's words, yet each person's own mode counts."""
    a_api, b_api, c_api = await people.api("words_a"), await people.api("words_b"), await people.api("words_c")
    await set_filters(a_api, {"words": [{"text": "cut", "action": "collapse", "whole_word": True}]})
    await set_filters(b_api, {"words": [{"text": "cut", "action": "collapse", "whole_word": False}]})
    a, b, c = await people.ws(a_api), await people.ws(b_api), await people.ws(c_api)
    for ws in (a, b, c):
        await ws.join("lobby")
    s1 = await say(live, c, "cutting onions tonight")
    s2 = await say(live, c, "I had to CUT it short")
    for ws in (a, b):
        await ws.wait_seq("lobby", s2)
    fa = {m["seq"]: m.get("filter") for m in a.messages("lobby")}
    fb = {m["seq"]: m.get("filter") for m in b.messages("lobby")}
    assert fa == {s1: None, s2: {"action": "collapse", "reasons": ["word"]}}
    assert fb == {s1: {"action": "collapse", "reasons": ["word"]}, s2: {"action": "collapse", "reasons": ["word"]}}


@both_backends
async def test_restored_messages_follow_the_filters(live: LiveServer, people: People) -> None:
    """A line a facilitator restores comes back through each member's filters,
    as a new line would (rooms have no edits: this is the only way a stored
    line's text is sent again)."""
    a_api, b_api, fac_api = await people.api("restore_a"), await people.api("restore_b"), await people.api("restore_f")
    await set_role(live, "restore_f", "facilitator")
    await set_filters(a_api, A_FILTERS)
    a, b = await people.ws(a_api), await people.ws(b_api)
    await a.join("lobby")
    await b.join("lobby")
    seqs = [await say(live, b, text) for text in (COLD_ONE, CASINO, DOG)]
    await b.wait_seq("lobby", seqs[-1])
    ids = {m["seq"]: m["id"] for m in b.messages("lobby")}
    for seq in seqs:
        r = await fac_api.post(f"/api/moderation/content/message/{ids[seq]}/remove", json={"reason": "checking"})
        assert r.status_code == 200, r.text
        await b.expect("removed", room="lobby", seq=seq)
        r = await fac_api.post(f"/api/moderation/content/message/{ids[seq]}/restore", json={})
        assert r.status_code == 200, r.text
        await b.expect("message", room="lobby", seq=seq, restored=True)
    restored = {}
    for seq in (seqs[0], seqs[2]):
        restored[seq] = await a.expect("message", room="lobby", seq=seq, restored=True)
    await a.ping()
    assert restored[seqs[0]]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}
    assert "filter" not in restored[seqs[2]]
    assert not any(CASINO in str(f) for f in a.frames)
