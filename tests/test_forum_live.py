"""Live forum updates over the real ``/ws`` socket: thread watchers get new,
edited and removed posts; followers get notifications; nobody else does."""

from __future__ import annotations

from typing import Any

from tests.conftest import LiveServer, both_backends
from tests.forum_helpers import category_ids, new_thread, reply
from tests.wsclient import WsClient


def forum_frames(ws: WsClient) -> list[dict[str, Any]]:
    return [f for f in ws.frames if f.get("type") == "forum"]


@both_backends
async def test_watchers_and_followers_receive_replies_live(live: LiveServer) -> None:
    async with live.client() as ann, live.client() as ben, live.client() as cat_api:
        await ann.signup_login("live_author")
        await ben.signup_login("live_watcher")
        await cat_api.signup_login("live_follower")
        cat = (await category_ids(ann))[0]
        made = await new_thread(ann, cat, "Day 30", "A month today.")
        tid, opening = made["thread"]["id"], made["post"]
        assert (await cat_api.post(f"/api/forum/threads/{tid}/follow")).status_code == 200

        async with await WsClient.connect(live.ws_url, ann.session_cookie) as ann_ws, \
                await WsClient.connect(live.ws_url, ben.session_cookie) as ben_ws, \
                await WsClient.connect(live.ws_url, cat_api.session_cookie) as cat_ws:
            for ws in (ann_ws, ben_ws, cat_ws):
                await ws.expect("hello")
            await ben_ws.send_frame({"type": "watch_thread", "thread_id": tid})
            await ben_ws.ping()  # frames are handled in order: the watch is registered

            answer = await reply(cat_api, tid, "Congratulations! **30 days**", parent_id=opening["id"])
            created = await ben_ws.expect("forum", event="post_created")
            assert created == {
                "type": "forum",
                "event": "post_created",
                "thread_id": tid,
                "post": {
                    "id": answer["id"], "thread_id": tid, "parent_id": opening["id"],
                    "reply_to_id": opening["id"], "depth": 1, "created_at": answer["created_at"],
                    "edited": False, "edited_at": None, "removed": None,
                    "author": {"id": cat_api.user["id"], "handle": "live_follower"},  # type: ignore[index]
                    "body_html": answer["body_html"],
                },
            }
            # (the stored topic ids travel to the hub for filtering but never reach clients)
            # Ann wrote the opening post: a "reply" notification, on every socket of hers.
            note = await ann_ws.expect("forum", event="notification")
            assert note["notification"]["kind"] == "reply"
            assert note["notification"]["post_id"] == answer["id"]
            assert note["notification"]["thread_title"] == "Day 30"

            # Ann answers: the follower (and now-following replier) hears it; ben only as a watcher.
            thanks = await reply(ann, tid, "Thank you!", parent_id=answer["id"])
            note = await cat_ws.expect("forum", event="notification")
            assert (note["notification"]["kind"], note["notification"]["post_id"]) == ("reply", thanks["id"])
            assert (await ben_ws.expect("forum", event="post_created"))["post"]["id"] == thanks["id"]

            r = await cat_api.patch(f"/api/forum/posts/{answer['id']}", json={"body": "Congratulations, truly!"})
            assert r.status_code == 200
            edited = await ben_ws.expect("forum", event="post_edited")
            assert edited["post"]["edited"] is True and "truly" in edited["post"]["body_html"]
            assert (await cat_api.delete(f"/api/forum/posts/{answer['id']}")).status_code == 200
            removed = await ben_ws.expect("forum", event="post_removed")
            assert removed["post"]["removed"] == "author" and removed["post"]["author"] is None
            assert "truly" not in str(removed)

            # Unwatched: nothing more for ben; the writer never hears about their own post.
            await ben_ws.send_frame({"type": "unwatch_thread", "thread_id": tid})
            await ben_ws.ping()
            last = await reply(ann, tid, "One more thing")
            await cat_ws.expect("forum", event="notification", where=lambda f: f["notification"]["post_id"] == last["id"])
            await ben_ws.ping()
            await ann_ws.ping()
            assert [f["event"] for f in forum_frames(ben_ws)] == [
                "post_created", "post_created", "post_edited", "post_removed"
            ]
            assert [f["event"] for f in forum_frames(ann_ws)] == ["notification"]
            assert [f["notification"]["post_id"] for f in forum_frames(cat_ws)] == [thanks["id"], last["id"]]
