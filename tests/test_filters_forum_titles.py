"""Trigger filters on a thread's title where the title itself is not shown:
the opening post live (a title the watcher hides hides the opening post with
it, in ``post_edited`` and ``post_restored`` frames as in the thread view)
and the ``thread_filter`` marker of search hits. A hides the word 'casino'
and collapses alcohol; D has no filters; B writes."""

from __future__ import annotations

from typing import Any

from tests.conftest import ApiClient, LiveServer, both_backends
from tests.forum_helpers import category_ids, new_thread, reply, set_role, thread_view
from tests.test_filters_forum_counts import HIDDEN_TITLE, a_filters
from tests.wsclient import WsClient

HIDDEN = "<p>Post hidden by your filters</p>"
P = "/api/moderation"


async def edit(api: ApiClient, post_id: int, body: str) -> None:
    r = await api.patch(f"/api/forum/posts/{post_id}", json={"body": body})
    assert r.status_code == 200, r.text


async def opening_seen(api: ApiClient, thread_id: int) -> dict[str, Any]:
    """The opening post as the thread view shows it, less the viewer-only ``mine``."""
    post = (await thread_view(api, thread_id))["posts"][0]
    return {k: v for k, v in post.items() if k != "mine"}


async def watching(live: LiveServer, api: ApiClient, thread_ids: list[int]) -> WsClient:
    ws = await WsClient.connect(live.ws_url, api.session_cookie)
    await ws.expect("hello")
    for tid in thread_ids:
        await ws.send_frame({"type": "watch_thread", "thread_id": tid})
    await ws.ping()  # the watches are registered
    return ws


@both_backends
async def test_live_opening_post_frames_follow_a_hidden_title(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b, live.client() as d, live.client() as fac:
        await a.signup_login("opening_a")
        await b.signup_login("opening_b")
        await d.signup_login("opening_d")
        await fac.signup_login("opening_fac")
        await set_role(live, "opening_fac", "facilitator")
        assert (await a.put("/api/me/filters", json=a_filters("opening_fac"))).status_code == 200
        cat = (await category_ids(a))[0]
        # Only the title says 'casino': the opening post's body is harmless on its own.
        casino = await new_thread(b, cat, "Nights at the casino", "Went with friends, stayed home after.")
        beer = await new_thread(b, cat, "cold beer after the meeting", "Everyone went for one.")
        plain = await new_thread(b, cat, "Morning routines", "What keeps you steady?")
        ids = [t["thread"]["id"] for t in (casino, beer, plain)]
        openings = {t["thread"]["id"]: t["post"]["id"] for t in (casino, beer, plain)}

        async with await watching(live, a, ids) as a_ws, await watching(live, d, ids) as d_ws:
            await edit(b, openings[ids[0]], "Stayed in tonight and slept well.")
            await edit(b, openings[ids[1]], "Everyone went home early.")
            await edit(b, openings[ids[2]], "Tea, a walk, a call.")
            seen_a = {}
            seen_d = {}
            for _ in ids:
                frame = await a_ws.expect("forum", event="post_edited")
                assert not {"topics", "source", "title"} & frame.keys()
                seen_a[frame["thread_id"]] = frame["post"]
                frame = await d_ws.expect("forum", event="post_edited")
                assert not {"topics", "source", "title"} & frame.keys()
                seen_d[frame["thread_id"]] = frame["post"]

            # Live, A gets exactly what the thread view shows: the casino thread's
            # opening post hidden with its title, the others as their own text decides.
            for tid in ids:
                assert seen_a[tid] == await opening_seen(a, tid), tid
            assert seen_a[ids[0]]["body_html"] == HIDDEN and seen_a[ids[0]]["author"] is None
            assert seen_a[ids[0]]["filter"] == {"action": "hide"}
            assert (await thread_view(a, ids[0]))["thread"]["title"] == HIDDEN_TITLE
            assert seen_a[ids[1]]["filter"] == {"action": "collapse", "reasons": ["alcohol"]}
            assert "filter" not in seen_a[ids[2]] and "Tea, a walk" in seen_a[ids[2]]["body_html"]
            # D, without filters, gets every edit as written.
            assert "slept well" in seen_d[ids[0]]["body_html"] and "filter" not in seen_d[ids[0]]
            assert all("filter" not in p for p in seen_d.values())

            # A reply in the hidden thread is not the title: it reaches A.
            answer = await reply(b, ids[0], "Glad you slept well")
            frame = await a_ws.expect("forum", event="post_created")
            assert frame["post"]["id"] == answer["id"] and "filter" not in frame["post"]

            # A facilitator removes the opening post and restores it: the restore
            # follows the title for A, as the edit did.
            target = openings[ids[0]]
            r = await fac.post(f"{P}/content/post/{target}/remove", json={"reason": "checking"})
            assert r.status_code == 200, r.text
            await a_ws.expect("forum", event="post_removed")
            r = await fac.post(f"{P}/content/post/{target}/restore", json={})
            assert r.status_code == 200, r.text
            back_a = (await a_ws.expect("forum", event="post_restored"))["post"]
            back_d = (await d_ws.expect("forum", event="post_restored"))["post"]
            assert back_a == await opening_seen(a, ids[0])
            assert back_a["body_html"] == HIDDEN and back_a["filter"] == {"action": "hide"}
            assert "slept well" in back_d["body_html"]
            await a_ws.ping()
            text = str(a_ws.frames).lower()
            assert "casino" not in text and "slept well." not in text and "stayed in tonight" not in text


@both_backends
async def test_search_hits_carry_the_title_marker(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b:
        await a.signup_login("hits_a")
        await b.signup_login("hits_b")
        mine = {**a_filters("nobody"), "muted_users": []}  # the topic and word rules only
        assert (await a.put("/api/me/filters", json=mine)).status_code == 200
        cat = (await category_ids(a))[0]
        casino = (await new_thread(b, cat, "Nights at the casino", "Went with friends, stayed home after."))["thread"]
        beer = (await new_thread(b, cat, "cold beer after the meeting", "Everyone went for a walk instead."))["thread"]
        plain = (await new_thread(b, cat, "Morning walk routines", "What keeps you steady?"))["thread"]
        later = await reply(b, casino["id"], "A long walk helped me there")

        hits = (await a.get("/api/forum/search", params={"q": "walk"})).json()["results"]
        marks = {h["thread_id"]: (h["title"], h.get("thread_filter")) for h in hits}
        assert marks == {
            casino["id"]: (HIDDEN_TITLE, {"action": "hide"}),
            beer["id"]: ("cold beer after the meeting", {"action": "collapse", "reasons": ["alcohol"]}),
            plain["id"]: ("Morning walk routines", None),
        }
        assert [h["post_id"] for h in hits if h["thread_id"] == casino["id"]] == [later["id"]]
        assert "casino" not in str(hits).lower()
        # B has no filters: real titles, no marker.
        hits = (await b.get("/api/forum/search", params={"q": "walk"})).json()["results"]
        assert all("thread_filter" not in h for h in hits)
        assert {h["title"] for h in hits} == {"Nights at the casino", "cold beer after the meeting",
                                             "Morning walk routines"}
