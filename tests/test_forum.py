"""The forum over real HTTP: categories, threads, reply trees, edits,
author deletes, follows, notifications, unread counts, paging, query counts."""

from __future__ import annotations

from typing import Any

from tests.conftest import ApiClient, LiveServer, both_backends
from tests.forum_helpers import (
    category_ids,
    count_statements,
    new_thread,
    reply,
    set_role,
    thread_view,
)


async def test_categories_are_for_members_and_changed_by_admins(live: LiveServer) -> None:
    async with live.client() as anon, live.client() as member, live.client() as admin:
        assert (await anon.get("/api/forum/categories")).status_code == 401
        await member.signup_login("plain_member")
        r = await member.get("/api/forum/categories")
        assert r.status_code == 200
        cats = r.json()["categories"]
        assert [c["slug"] for c in cats] == ["introductions", "staying-sober", "family-friends"]
        assert cats[0]["thread_count"] == 0 and cats[0]["personal_policy"] == "warn"

        new = {"slug": "art-and-music", "title": "Art & Music", "description": "Making things.", "position": 5}
        r = await member.post("/api/forum/categories", json=new)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
        r = await member.patch(f"/api/forum/categories/{cats[0]['id']}", json={"title": "Mine now"})
        assert r.status_code == 403

        await admin.signup_login("site_gardener")
        await set_role(live, "site_gardener", "admin")
        r = await admin.post("/api/forum/categories", json=new)
        assert r.status_code == 201, r.text
        made = r.json()["category"]
        assert made["slug"] == "art-and-music" and made["position"] == 5
        assert (await admin.post("/api/forum/categories", json=new)).json()["error"]["code"] == "slug_taken"
        r = await admin.post("/api/forum/categories", json=new | {"slug": "Bad Slug!"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_slug"

        r = await admin.patch(
            f"/api/forum/categories/{made['id']}",
            json={"title": "Art, Music & Words", "position": 1, "personal_policy": "block", "locked": True},
        )
        assert r.status_code == 200, r.text
        assert r.json()["category"] | {} == made | {
            "title": "Art, Music & Words", "position": 1, "personal_policy": "block", "locked": True
        }
        r = await admin.patch(f"/api/forum/categories/{made['id']}", json={"personal_policy": "shout"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_policy"
        assert (await admin.patch("/api/forum/categories/9999", json={"title": "x"})).status_code == 404

        # Locked: members cannot start threads there.
        r = await member.post(
            "/api/forum/threads", json={"category_id": made["id"], "title": "Hello there", "body": "hi"}
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "category_locked"
        slugs = [c["slug"] for c in (await member.get("/api/forum/categories")).json()["categories"]]
        assert slugs == ["introductions", "staying-sober", "art-and-music", "family-friends"]  # ties by id


@both_backends
async def test_thread_list_order_counts_and_unread(live: LiveServer) -> None:
    async with live.client() as ana, live.client() as ben:
        await ana.signup_login("ana_writes")
        await ben.signup_login("ben_reads")
        cat = (await category_ids(ana))[1]
        first = await new_thread(ana, cat, "Day one again", "Starting over today.")
        live.clock.advance(60)
        second = await new_thread(ana, cat, "Sleep is hard", "Anyone else up at 3am?")
        live.clock.advance(60)
        third = await new_thread(ana, cat, "Small wins", "Made coffee, went outside.")
        ids = [first["thread"]["id"], second["thread"]["id"], third["thread"]["id"]]

        async def listing(client: ApiClient) -> list[dict[str, Any]]:
            r = await client.get(f"/api/forum/categories/{cat}/threads")
            assert r.status_code == 200, r.text
            threads: list[dict[str, Any]] = r.json()["threads"]
            return threads

        assert [t["id"] for t in await listing(ben)] == ids[::-1]
        assert [t["unread_count"] for t in await listing(ben)] == [1, 1, 1]
        assert [t["unread_count"] for t in await listing(ana)] == [0, 0, 0]

        live.clock.advance(60)
        await reply(ben, ids[0], "Proud of you for starting again.")
        rows = await listing(ana)
        assert [t["id"] for t in rows] == [ids[0], ids[2], ids[1]]
        assert rows[0]["reply_count"] == 1 and rows[0]["last_activity_at"] > rows[1]["last_activity_at"]
        assert rows[0]["unread_count"] == 1  # ben's reply, unread by ana

        view = await thread_view(ana, ids[0])
        last = view["posts"][-1]["id"]
        r = await ana.put(f"/api/forum/threads/{ids[0]}/read", json={"post_id": last})
        assert r.status_code == 200 and r.json()["read_position"] == last
        # Never backwards, and clamped to the newest post.
        r = await ana.put(f"/api/forum/threads/{ids[0]}/read", json={"post_id": 0})
        assert r.json()["read_position"] == last
        r = await ana.put(f"/api/forum/threads/{ids[0]}/read", json={"post_id": last + 1000})
        assert r.json()["read_position"] == last
        assert (await listing(ana))[0]["unread_count"] == 0
        assert (await thread_view(ana, ids[0]))["thread"]["read_position"] == last

        # Pinned threads come first whatever their activity (staff only).
        assert (await ben.patch(f"/api/forum/threads/{ids[1]}", json={"pinned": True})).status_code == 403
        await set_role(live, "ana_writes", "facilitator")
        r = await ana.patch(f"/api/forum/threads/{ids[1]}", json={"pinned": True})
        assert r.status_code == 200 and r.json()["thread"]["pinned"] is True
        assert [t["id"] for t in await listing(ben)] == [ids[1], ids[0], ids[2]]

        # Locked: no more replies from members.
        await ana.patch(f"/api/forum/threads/{ids[2]}", json={"locked": True})
        r = await ben.post(f"/api/forum/threads/{ids[2]}/posts", json={"body": "late reply"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "thread_locked"


async def test_nested_replies_come_back_as_a_tree(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b:
        await a.signup_login("tree_author")
        await b.signup_login("tree_replier")
        cat = (await category_ids(a))[0]
        made = await new_thread(a, cat, "Hello from the coast", "First time posting. *Hi* all.")
        tid, opening = made["thread"]["id"], made["post"]
        assert made["post"]["body_html"].strip() == "<p>First time posting. <em>Hi</em> all.</p>"
        one = await reply(b, tid, "Welcome!", parent_id=opening["id"])
        two = await reply(a, tid, "Thank you", parent_id=one["id"])
        three = await reply(b, tid, "Glad you're here", parent_id=two["id"])
        top = await reply(b, tid, "A new top-level reply")
        sibling = await reply(a, tid, "Another answer to the opening post", parent_id=opening["id"])

        view = await thread_view(a, tid)
        shape = [(p["id"], p["parent_id"], p["depth"]) for p in view["posts"]]
        assert shape == [
            (opening["id"], None, 0),
            (one["id"], opening["id"], 1),
            (two["id"], one["id"], 2),
            (three["id"], two["id"], 3),
            (sibling["id"], opening["id"], 1),
            (top["id"], None, 0),
        ]
        assert view["thread"]["reply_count"] == 5
        assert [p["author"]["handle"] for p in view["posts"][:2]] == ["tree_author", "tree_replier"]
        assert view["posts"][0]["mine"] is True and view["posts"][0]["body"].startswith("First time")
        assert view["posts"][1]["mine"] is False and "body" not in view["posts"][1]


async def test_depth_is_capped_and_deep_replies_attach_at_the_deepest_level(api: ApiClient) -> None:
    await api.signup_login("deep_diver")
    cat = (await category_ids(api))[0]
    made = await new_thread(api, cat, "Going deep", "root")
    tid = made["thread"]["id"]
    parent = made["post"]
    chain = [parent]
    for n in range(11):
        parent = await reply(api, tid, f"level {n + 1}", parent_id=parent["id"])
        chain.append(parent)
    assert [p["depth"] for p in chain] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8]
    # Past the cap a reply becomes a sibling of the post it answers, and says whom it answered.
    assert chain[9]["parent_id"] == chain[7]["id"] and chain[9]["reply_to_id"] == chain[8]["id"]
    assert chain[11]["parent_id"] == chain[7]["id"] and chain[11]["reply_to_id"] == chain[10]["id"]
    view = await thread_view(api, tid)
    assert max(p["depth"] for p in view["posts"]) == 8
    assert [p["id"] for p in view["posts"]] == [p["id"] for p in chain]


async def test_edit_history_and_author_delete_placeholder(live: LiveServer) -> None:
    async with live.client() as a, live.client() as b, live.client() as fac:
        await a.signup_login("edit_author")
        await b.signup_login("edit_reader")
        await fac.signup_login("kind_helper")
        await set_role(live, "kind_helper", "facilitator")
        cat = (await category_ids(a))[0]
        made = await new_thread(a, cat, "Thinking out loud", "version one")
        tid, opening = made["thread"]["id"], made["post"]
        middle = await reply(a, tid, "a reply that I will regret", parent_id=opening["id"])
        child = await reply(b, tid, "an answer to that reply", parent_id=middle["id"])

        r = await a.patch(f"/api/forum/posts/{opening['id']}", json={"body": "version **two**"})
        assert r.status_code == 200, r.text
        assert r.json()["post"]["body_html"].strip() == "<p>version <strong>two</strong></p>"
        seen = (await thread_view(b, tid))["posts"][0]
        assert seen["edited"] is True and seen["edited_at"] and seen["body_html"].startswith("<p>version <strong>")

        # Only the author edits or deletes.
        r = await b.patch(f"/api/forum/posts/{opening['id']}", json={"body": "hijacked"})
        assert r.status_code == 403 and r.json()["error"]["code"] == "not_author"
        assert (await b.delete(f"/api/forum/posts/{opening['id']}")).status_code == 403
        assert (await fac.patch(f"/api/forum/posts/{opening['id']}", json={"body": "x"})).status_code == 403

        # History: facilitators only.
        assert (await b.get(f"/api/forum/posts/{opening['id']}/history")).status_code == 403
        assert (await a.get(f"/api/forum/posts/{opening['id']}/history")).status_code == 403
        r = await fac.get(f"/api/forum/posts/{opening['id']}/history")
        assert r.status_code == 200
        assert [(v["reason"], v["body"]) for v in r.json()["revisions"]] == [("edit", "version one")]
        assert r.json()["current"]["body"] == "version **two**"

        # Delete keeps the tree shape with a placeholder; the reply under it stays.
        r = await a.delete(f"/api/forum/posts/{middle['id']}")
        assert r.status_code == 200 and r.json()["post"]["removed"] == "author"
        posts = (await thread_view(b, tid))["posts"]
        assert [(p["id"], p["parent_id"], p["depth"]) for p in posts] == [
            (opening["id"], None, 0), (middle["id"], opening["id"], 1), (child["id"], middle["id"], 2)
        ]
        assert posts[1]["body_html"].strip() == "<p>[removed by author]</p>" and posts[1]["author"] is None
        assert posts[1]["removed"] == "author" and posts[2]["body_html"].strip() == "<p>an answer to that reply</p>"
        assert (await thread_view(b, tid))["thread"]["reply_count"] == 1
        r = await fac.get(f"/api/forum/posts/{middle['id']}/history")
        assert [(v["reason"], v["body"]) for v in r.json()["revisions"]] == [("delete", "a reply that I will regret")]

        # A removed post cannot be edited, deleted again or replied to.
        assert (await a.patch(f"/api/forum/posts/{middle['id']}", json={"body": "back"})).status_code == 404
        assert (await a.delete(f"/api/forum/posts/{middle['id']}")).status_code == 404
        r = await b.post(f"/api/forum/threads/{tid}/posts", json={"body": "hello?", "parent_id": middle["id"]})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_parent"


@both_backends
async def test_250_threads_page_without_duplicates_or_gaps(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("prolific_poster")
        cat = (await category_ids(a))[2]
        made = []
        for n in range(250):
            made.append((await new_thread(a, cat, f"Thread number {n}", f"body {n}"))["thread"]["id"])
            if n % 7 == 0:
                live.clock.advance(1)  # runs of equal timestamps exercise the id tie-break
        await set_role(live, "prolific_poster", "facilitator")
        for tid in (made[3], made[100], made[200]):
            assert (await a.patch(f"/api/forum/threads/{tid}", json={"pinned": True})).status_code == 200
        seen: list[int] = []
        cursor = None
        pages = 0
        while True:
            params = {"limit": 40} | ({"cursor": cursor} if cursor else {})
            r = await a.get(f"/api/forum/categories/{cat}/threads", params=params)
            assert r.status_code == 200, r.text
            seen += [t["id"] for t in r.json()["threads"]]
            cursor = r.json()["next_cursor"]
            pages += 1
            if cursor is None:
                break
        assert pages == 7
        assert len(seen) == len(set(seen)) == 250
        pinned = [made[200], made[100], made[3]]
        assert seen[:3] == pinned
        assert seen[3:] == [t for t in reversed(made) if t not in pinned]
        r = await a.get(f"/api/forum/categories/{cat}/threads", params={"cursor": "not-a-cursor"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_cursor"


async def test_large_threads_page_by_top_level_post(api: ApiClient) -> None:
    await api.signup_login("page_turner")
    cat = (await category_ids(api))[0]
    made = await new_thread(api, cat, "Long one", "opening")
    tid = made["thread"]["id"]
    tops = [made["post"]["id"]]
    for n in range(6):
        top = await reply(api, tid, f"top {n}")
        tops.append(top["id"])
        await reply(api, tid, f"under {n}", parent_id=top["id"])
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = await thread_view(api, tid, limit=3, **({"cursor": cursor} if cursor else {}))
        assert sum(p["depth"] == 0 for p in page["posts"]) <= 3
        seen += page["posts"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [p["id"] for p in seen if p["depth"] == 0] == tops
    assert len(seen) == 13 and len({p["id"] for p in seen}) == 13


async def test_thread_view_runs_the_same_queries_for_5_or_60_posts(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("query_counter")
        cat = (await category_ids(a))[0]
        small = (await new_thread(a, cat, "Small thread", "opening"))["thread"]["id"]
        big_made = await new_thread(a, cat, "Big thread", "opening")
        big, parent = big_made["thread"]["id"], big_made["post"]["id"]
        for n in range(4):
            await reply(a, small, f"small {n}")
        for n in range(59):
            parent = (await reply(a, big, f"big {n}", parent_id=parent if n % 3 else None))["id"]
        await a.get("/api/me")  # settle the session's last-seen write
        counts = []
        for tid in (small, big, small):
            with count_statements(live) as statements:
                await thread_view(a, tid)
            counts.append(len(statements))
        with count_statements(live) as listing:
            r = await a.get(f"/api/forum/categories/{cat}/threads")
        assert len(r.json()["threads"]) == 2
        assert counts[0] == counts[1] == counts[2], counts
        assert counts[1] <= 8, counts
        assert len(listing) <= 6


async def test_follow_notifications_and_unfollow(live: LiveServer) -> None:
    async with live.client() as ann, live.client() as bo, live.client() as cy:
        await ann.signup_login("ann_opens")
        await bo.signup_login("bo_answers")
        await cy.signup_login("cy_watches")
        cat = (await category_ids(ann))[0]
        made = await new_thread(ann, cat, "Week two", "Still here.")
        tid, opening = made["thread"]["id"], made["post"]
        assert (await cy.post(f"/api/forum/threads/{tid}/follow")).json() == {"following": True}

        answer = await reply(bo, tid, "Nice work!", parent_id=opening["id"])
        notes = (await ann.get("/api/me/notifications")).json()
        assert notes["unread"] == 1
        [note] = notes["notifications"]
        assert note["kind"] == "reply" and note["post_id"] == answer["id"] and note["thread_title"] == "Week two"
        assert note["author"] == {"handle": "bo_answers"} and note["read"] is False
        cy_notes = (await cy.get("/api/me/notifications")).json()["notifications"]
        assert [(n["kind"], n["post_id"]) for n in cy_notes] == [("followed_thread", answer["id"])]
        assert (await bo.get("/api/me/notifications")).json()["notifications"] == []

        # Bo replied, so bo follows now; cy unfollows and hears nothing more.
        assert (await cy.delete(f"/api/forum/threads/{tid}/follow")).json() == {"following": False}
        assert (await thread_view(cy, tid))["thread"]["following"] is False
        assert (await thread_view(bo, tid))["thread"]["following"] is True
        later = await reply(ann, tid, "Thanks both")
        assert [n["post_id"] for n in (await bo.get("/api/me/notifications")).json()["notifications"]] == [later["id"]]
        assert len((await cy.get("/api/me/notifications")).json()["notifications"]) == 1
        # An explicit unfollow survives replying again.
        await reply(cy, tid, "Popping back in")
        assert (await thread_view(cy, tid))["thread"]["following"] is False

        r = await ann.post("/api/me/notifications/read", json={"up_to_id": note["id"]})
        assert r.status_code == 200
        assert (await ann.get("/api/me/notifications")).json()["unread"] == 1  # cy's reply came later


async def test_personal_details_ask_to_confirm_per_category_policy(live: LiveServer) -> None:
    async with live.client() as a, live.client() as admin:
        await a.signup_login("sharer_one")
        await admin.signup_login("policy_keeper")
        await set_role(live, "policy_keeper", "admin")
        cat = (await category_ids(a))[0]
        body = "Text me any time at 415-555-0199 if you need to talk."
        r = await a.post("/api/forum/threads", json={"category_id": cat, "title": "Reach out", "body": body})
        assert r.status_code == 422
        error = r.json()["error"]
        assert error["code"] == "personal_details" and error["kinds"] == ["phone"] and error["field"] == "body"
        assert "415" not in r.text
        made = await new_thread(a, cat, "Reach out", body, confirm=True)
        assert "415-555-0199" in made["post"]["body_html"]

        blocked = (await admin.post("/api/forum/categories", json={
            "slug": "no-contact", "title": "No contact", "personal_policy": "block"})).json()["category"]
        r = await a.post("/api/forum/threads",
                         json={"category_id": blocked["id"], "title": "Hi", "body": body, "confirm": True})
        assert r.status_code == 422  # title too short is checked first
        r = await a.post("/api/forum/threads",
                         json={"category_id": blocked["id"], "title": "Hello", "body": body, "confirm": True})
        assert r.status_code == 422 and r.json()["error"]["code"] == "personal_details_blocked"

        redacting = (await admin.post("/api/forum/categories", json={
            "slug": "redacted", "title": "Redacted", "personal_policy": "redact"})).json()["category"]
        made = await new_thread(a, redacting["id"], "Hello there", body)
        assert "415" not in made["post"]["body_html"] and "[phone number removed]" in made["post"]["body_html"]
