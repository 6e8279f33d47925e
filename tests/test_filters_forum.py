"""Trigger filters in the forum: thread view (hidden post -> placeholder that
keeps its replies), search, notifications (live and listed) and live thread
frames; the author always sees their own posts."""

from __future__ import annotations

from typing import Any

from tests.conftest import LiveServer, both_backends
from tests.forum_helpers import category_ids, new_thread, reply, thread_view
from tests.test_filters_live import A_FILTERS, CASINO, COLD_ONE, DOG
from tests.wsclient import WsClient

HIDDEN = "<p>Post hidden by your filters</p>"


def by_id(view: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {p["id"]: p for p in view["posts"]}


@both_backends
async def test_forum_thread_search_and_notifications(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b:
        await a.signup_login("forum_a")
        await b.signup_login("forum_b")
        assert (await a.put("/api/me/filters", json=A_FILTERS)).status_code == 200
        cat = (await category_ids(a))[0]
        made = await new_thread(a, cat, "Friday nights", "How do you spend them now?")
        tid, opening = made["thread"]["id"], made["post"]

        async with await WsClient.connect(live.ws_url, a.session_cookie) as a_ws:
            await a_ws.expect("hello")
            await a_ws.send_frame({"type": "watch_thread", "thread_id": tid})
            await a_ws.ping()  # the watch is registered

            cold = await reply(b, tid, COLD_ONE, parent_id=opening["id"])
            casino = await reply(b, tid, CASINO, parent_id=opening["id"])
            dog = await reply(b, tid, DOG, parent_id=casino["id"])

            # Live thread frames: collapsed, placeholder, plain; never the casino text.
            live_posts = {}
            for _ in range(3):
                frame = await a_ws.expect("forum", event="post_created")
                assert "topics" not in frame
                live_posts[frame["post"]["id"]] = frame["post"]
            assert live_posts[cold["id"]]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}
            assert live_posts[casino["id"]]["body_html"] == HIDDEN
            assert live_posts[casino["id"]]["author"] is None
            assert "filter" not in live_posts[dog["id"]]
            # Notifications (A started the thread): the cold one and the dog, never the casino.
            notes = []
            for _ in range(2):
                notes.append((await a_ws.expect("forum", event="notification"))["notification"]["post_id"])
            await a_ws.ping()
            assert sorted(notes) == sorted([cold["id"], dog["id"]])
            assert not [f for f in a_ws.frames if f.get("event") == "notification" and f["notification"]["post_id"] == casino["id"]]
            assert "casino" not in str(a_ws.frames).lower()

        listed = (await a.get("/api/me/notifications")).json()["notifications"]
        assert {n["post_id"] for n in listed} == {cold["id"], dog["id"]}

        # Thread view: A gets the placeholder (its reply still shows under it); B sees all.
        seen_a = by_id(await thread_view(a, tid))
        assert seen_a[cold["id"]]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}
        assert seen_a[casino["id"]]["body_html"] == HIDDEN and seen_a[casino["id"]]["author"] is None
        assert seen_a[casino["id"]]["filter"] == {"action": "hide"}
        assert "casino" not in str(seen_a).lower()
        assert seen_a[dog["id"]]["parent_id"] == casino["id"] and "filter" not in seen_a[dog["id"]]
        seen_b = by_id(await thread_view(b, tid))
        assert all("filter" not in p for p in seen_b.values())
        assert "casino" in seen_b[casino["id"]]["body_html"]

        # Search: A never finds the casino post; B does.
        r = await a.get("/api/forum/search", params={"q": "casino"})
        assert r.status_code == 200 and r.json()["results"] == []
        r = await b.get("/api/forum/search", params={"q": "casino"})
        assert [h["post_id"] for h in r.json()["results"]] == [casino["id"]]
        r = await a.get("/api/forum/search", params={"q": "cold"})
        assert [(h["post_id"], h.get("filter")) for h in r.json()["results"]] == [
            (cold["id"], {"action": "collapse", "reasons": ["alcohol"]})]


async def thread_page(api: Any, category_id: int) -> dict[int, dict[str, Any]]:
    r = await api.get(f"/api/forum/categories/{category_id}/threads")
    assert r.status_code == 200, r.text
    return {t["id"]: t for t in r.json()["threads"]}


@both_backends
async def test_thread_titles_and_unread_count(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b:
        await a.signup_login("title_a")
        await b.signup_login("title_b")
        assert (await a.put("/api/me/filters", json=A_FILTERS)).status_code == 200
        cat = (await category_ids(a))[0]
        casino = (await new_thread(b, cat, "Trip to the casino", "Went with friends, stayed sober."))["thread"]
        beer = (await new_thread(b, cat, "cold beer after the meeting", "Everyone went for one."))["thread"]
        mine = (await new_thread(a, cat, "Morning routines", "What keeps you steady?"))
        opening = mine["post"]

        # Thread list: the casino title never reaches A; it keeps its place (neutral title).
        seen_a = await thread_page(a, cat)
        assert seen_a[casino["id"]]["title"] == "Thread hidden by your filters"
        assert seen_a[casino["id"]]["author"] is None
        assert seen_a[casino["id"]]["filter"] == {"action": "hide"}
        assert seen_a[beer["id"]]["title"] == "cold beer after the meeting"
        assert seen_a[beer["id"]]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}
        assert "filter" not in seen_a[mine["thread"]["id"]]
        assert "casino" not in str(seen_a).lower()
        # The thread view header and its opening post are hidden together.
        view = await thread_view(a, casino["id"])
        assert view["thread"]["title"] == "Thread hidden by your filters"
        assert view["posts"][0]["body_html"] == HIDDEN and "casino" not in str(view).lower()
        # B (the author) sees both normally.
        seen_b = await thread_page(b, cat)
        assert seen_b[casino["id"]]["title"] == "Trip to the casino"
        assert all("filter" not in t for t in seen_b.values())

        # Search: the hidden thread's opening post is left out (even found by a
        # harmless word in its body); a reply in it shows under the neutral title.
        r = await a.get("/api/forum/search", params={"q": "sober"})
        assert r.status_code == 200 and r.json()["results"] == []
        later = await reply(b, casino["id"], "Glad you stayed sober there")
        hits = (await a.get("/api/forum/search", params={"q": "sober"})).json()["results"]
        assert [(h["post_id"], h["title"]) for h in hits] == [(later["id"], "Thread hidden by your filters")]
        assert "casino" not in str(hits).lower()
        hits = (await a.get("/api/forum/search", params={"q": "beer"})).json()["results"]
        assert [h.get("filter") for h in hits] == [{"action": "collapse", "reasons": ["alcohol"]}]
        hits = (await b.get("/api/forum/search", params={"q": "sober"})).json()["results"]
        assert {h["title"] for h in hits} == {"Trip to the casino"}

        # Unread count: replies to A's thread; the casino one is neither listed nor counted.
        shown = [await reply(b, mine["thread"]["id"], COLD_ONE, parent_id=opening["id"]),
                 await reply(b, mine["thread"]["id"], DOG, parent_id=opening["id"])]
        await reply(b, mine["thread"]["id"], CASINO, parent_id=opening["id"])
        listed = (await a.get("/api/me/notifications")).json()
        assert {n["post_id"] for n in listed["notifications"]} == {p["id"] for p in shown}
        assert listed["unread"] == 2
