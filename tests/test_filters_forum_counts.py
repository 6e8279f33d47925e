"""Trigger filters where a thread is only counted or named: the per-thread
``unread_count`` of thread lists and the ``thread_title`` of notifications
(listed and live). A hides a topic, a word and a person; B and C write;
nothing hidden is counted or named for A, collapsed posts still count and a
collapsed title carries the marker; people without filters see everything
counted and named as before."""

from __future__ import annotations

from typing import Any

from tests.conftest import ApiClient, LiveServer, both_backends
from tests.forum_helpers import category_ids, new_thread, reply, set_role
from tests.wsclient import WsClient

HIDDEN_TITLE = "Thread hidden by your filters"
ROLLED = "rolled a blunt in the car"  # cannabis: A hides the topic
CASINO = "the casino near my house"  # A hides the word
COLD_ONE = "grabbed a cold one after work"  # alcohol: A collapses the topic
DOG = "shot a video of my dog"
WALK = "walked the dog at noon"


def a_filters(muted: str) -> dict[str, Any]:
    return {
        "topics": [{"topic": "alcohol", "action": "collapse"}, {"topic": "cannabis", "action": "hide"}],
        "words": [{"text": "casino", "action": "hide", "whole_word": True}],
        "muted_users": [{"handle": muted, "action": "hide"}],
    }


async def unread(api: ApiClient, category_id: int) -> dict[int, int]:
    r = await api.get(f"/api/forum/categories/{category_id}/threads")
    assert r.status_code == 200, r.text
    return {t["id"]: t["unread_count"] for t in r.json()["threads"]}


async def mark_read(api: ApiClient, thread_id: int, post_id: int) -> None:
    r = await api.put(f"/api/forum/threads/{thread_id}/read", json={"post_id": post_id})
    assert r.status_code == 200, r.text


@both_backends
async def test_thread_unread_counts_leave_out_what_the_viewer_hides(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b, live.client() as c, live.client() as d:
        await a.signup_login("count_a")
        await b.signup_login("count_b")
        await c.signup_login("count_c")
        await d.signup_login("count_d")  # reads only, no filters
        assert (await a.put("/api/me/filters", json=a_filters("count_c"))).status_code == 200
        cat = (await category_ids(a))[0]
        mine = await new_thread(a, cat, "Morning routines", "What keeps you steady?")
        tid, opening = mine["thread"]["id"], mine["post"]["id"]

        # Hidden by topic, by word, by muted person; collapsed (counts) and plain (counts).
        await reply(b, tid, ROLLED, parent_id=opening)
        await reply(b, tid, CASINO, parent_id=opening)
        await reply(c, tid, WALK, parent_id=opening)
        await reply(b, tid, COLD_ONE, parent_id=opening)
        last = await reply(b, tid, DOG, parent_id=opening)
        # A title A hides (its harmless opening post goes with it) and one by the muted person.
        casino = (await new_thread(b, cat, "Nights at the casino", "Went with friends, stayed home after."))["thread"]
        muted = (await new_thread(c, cat, "Sunday walks", "Anyone else walk early?"))["thread"]
        await reply(b, casino["id"], WALK)
        await reply(b, muted["id"], DOG)

        seen_a = await unread(a, cat)
        assert seen_a[tid] == 2  # the cold one (collapsed, delivered) and the dog
        assert seen_a[casino["id"]] == 1  # B's harmless reply, not the hidden opening post
        assert seen_a[muted["id"]] == 1  # B's reply, not C's opening post
        # Someone without filters gets every post counted.
        seen_d = await unread(d, cat)
        assert seen_d[tid] == 6 and seen_d[casino["id"]] == 2 and seen_d[muted["id"]] == 2

        # After the read position, only new posts count, with the same rules.
        await mark_read(a, tid, last["id"])
        assert (await unread(a, cat))[tid] == 0
        live.clock.advance(60)  # refill B's posting allowance
        await reply(b, tid, "another " + CASINO, parent_id=opening)
        await reply(c, tid, DOG, parent_id=opening)
        assert (await unread(a, cat))[tid] == 0
        await reply(b, tid, COLD_ONE, parent_id=opening)
        assert (await unread(a, cat))[tid] == 1
        assert (await unread(d, cat))[tid] == 9


def titles(notes: list[dict[str, Any]]) -> dict[int, tuple[str, Any]]:
    return {n["thread_id"]: (n["thread_title"], n.get("thread_filter")) for n in notes}


@both_backends
async def test_notification_titles_follow_the_viewers_filters(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b, live.client() as c:
        await a.signup_login("notes_a")
        await b.signup_login("notes_b")
        await c.signup_login("notes_c")
        assert (await a.put("/api/me/filters", json=a_filters("notes_c"))).status_code == 200
        cat = (await category_ids(a))[0]
        word = (await new_thread(b, cat, "Nights at the casino", "Went with friends, stayed home after."))["thread"]
        topic = (await new_thread(b, cat, "Rolled a blunt last night", "Not proud of it."))["thread"]
        person = (await new_thread(c, cat, "Sunday walks", "Anyone else walk early?"))["thread"]
        beer = (await new_thread(b, cat, "cold beer after the meeting", "Everyone went for one."))["thread"]
        plain = (await new_thread(b, cat, "Morning routines", "What keeps you steady?"))["thread"]
        threads = [word, topic, person, beer, plain]
        # A answers in each (and so follows it); then B answers A: a reply notification per thread.
        mine = {t["id"]: await reply(a, t["id"], WALK) for t in threads}
        expected = {
            word["id"]: (HIDDEN_TITLE, {"action": "hide"}),
            topic["id"]: (HIDDEN_TITLE, {"action": "hide"}),
            person["id"]: (HIDDEN_TITLE, {"action": "hide"}),
            beer["id"]: ("cold beer after the meeting", {"action": "collapse", "reasons": ["alcohol"]}),
            plain["id"]: ("Morning routines", None),
        }

        async with await WsClient.connect(live.ws_url, a.session_cookie) as a_ws:
            await a_ws.expect("hello")
            for t in threads:
                await reply(b, t["id"], DOG, parent_id=mine[t["id"]]["id"])
            frames = [(await a_ws.expect("forum", event="notification"))["notification"] for _ in threads]
            await a_ws.ping()
            assert titles(frames) == expected
            text = str(a_ws.frames).lower()
            assert "casino" not in text and "blunt" not in text and "sunday" not in text

        listed = (await a.get("/api/me/notifications")).json()
        assert titles(listed["notifications"]) == expected
        assert listed["unread"] == len(threads)
        text = str(listed).lower()
        assert "casino" not in text and "blunt" not in text and "sunday" not in text

        # B (who has no filters) is told about A's answers under the real titles, unmarked.
        seen_b = (await b.get("/api/me/notifications")).json()["notifications"]
        assert titles(seen_b) == {t["id"]: (t["title"], None) for t in threads if t is not person}


@both_backends
async def test_posts_a_facilitator_removed_are_not_unread(live: LiveServer) -> None:
    """The thread list's ``unread_count`` and the notification count agree:
    neither counts a post a facilitator removed (with or without filters)."""
    async with live.client() as a, live.client() as b, live.client() as d, live.client() as fac:
        await a.signup_login("gone_a")
        await b.signup_login("gone_b")
        await d.signup_login("gone_d")
        await fac.signup_login("gone_fac")
        await set_role(live, "gone_fac", "facilitator")
        cat = (await category_ids(a))[0]
        tid = (await new_thread(a, cat, "Morning routines", "What keeps you steady?"))["thread"]["id"]
        await reply(d, tid, WALK)  # D follows the thread too (no filters)
        await reply(b, tid, DOG)
        gone = await reply(b, tid, "call me on my number any time")
        await reply(b, tid, WALK)
        assert (await unread(a, cat))[tid] == 4 and (await a.get("/api/me/notifications")).json()["unread"] == 4

        r = await fac.post(f"/api/moderation/content/post/{gone['id']}/remove", json={"reason": "personal details"})
        assert r.status_code == 200, r.text
        for person, expected in ((a, 3), (d, 2)):
            notes = (await person.get("/api/me/notifications")).json()
            assert notes["unread"] == expected and len(notes["notifications"]) == expected
            assert (await unread(person, cat))[tid] == expected
        # With filters the same: A now hides D (whose reply was counted).
        assert (await a.put("/api/me/filters", json={"muted_users": [{"handle": "gone_d", "action": "hide"}]})).status_code == 200
        assert (await unread(a, cat))[tid] == 2 and (await a.get("/api/me/notifications")).json()["unread"] == 2
