"""The filters page in a real browser: words with whole-word matching, a
muted person with an expiry, topics hidden vs collapsed. Saved settings come
back on reload; in the room a hidden word or person never reaches the page
and a collapsed topic shows "Hidden: alcohol · Show"."""

from __future__ import annotations

import pytest

from tests.browser.conftest import seed_room, signup_via_api

pytestmark = pytest.mark.browser


async def test_filters_words_people_topics(live, people) -> None:
    me = await people()
    await signup_via_api(me, "careful_cedar")
    # Said before the filters exist: history is filtered too.
    await seed_room(live, "loud_lark", "lobby", ["you should all hear this from me"])
    page = me.page
    await me.goto("/filters")
    await page.get_by_role("heading", name="Filters", level=1).wait_for()

    await page.get_by_label("Alcohol", exact=True).select_option("collapse")
    await page.get_by_label("Gambling", exact=True).select_option("hide")
    words = page.locator("section", has=page.get_by_role("heading", name="Words and phrases"))
    # "gin", whole words only, hidden: "gin" goes, "begin" stays.
    await words.get_by_label("Word or phrase").fill("gin")
    await words.get_by_label("Then").select_option("hide")
    await words.get_by_label("Whole words only").check()
    await words.get_by_role("button", name="Add word").click()
    # "pint", anywhere in a word, hidden: "pints" goes too.
    await words.get_by_label("Word or phrase").fill("pint")
    await words.get_by_label("Then").select_option("hide")
    await words.get_by_label("Whole words only").uncheck()
    await words.get_by_role("button", name="Add word").click()
    await words.get_by_text("“gin” — hide, whole word").wait_for()
    await words.get_by_text("“pint” — hide").wait_for()

    muted = page.locator("section", has=page.get_by_role("heading", name="Muted people"))
    await muted.get_by_label("Pseudonym").fill("loud_lark")
    await muted.get_by_label("Then").select_option("hide")
    await muted.get_by_label("For how long").select_option(label="For 24 hours")
    await muted.get_by_role("button", name="Mute person").click()
    await muted.get_by_text("loud_lark — hide until").wait_for()
    await page.get_by_role("button", name="Save filters").click()
    await page.get_by_text("Filters saved").wait_for()

    # Everything comes back from the server after a reload.
    await page.reload()
    await page.get_by_role("heading", name="Filters", level=1).wait_for()
    assert await page.get_by_label("Alcohol", exact=True).input_value() == "collapse"
    assert await page.get_by_label("Gambling", exact=True).input_value() == "hide"
    await words.get_by_text("“gin” — hide, whole word").wait_for()
    await words.get_by_text("“pint” — hide").wait_for()
    assert "whole word" not in await words.get_by_text("“pint”").inner_text()
    await muted.get_by_text("loud_lark — hide until").wait_for()

    await seed_room(live, "plain_pine", "lobby", [
        "a gin and tonic used to be my evening",
        "beginning to feel better this week",
        "two pints after work, every day",
        "a night at the casino slots",
        "had a glass of wine with dinner, first slip in months",
        "walked the dog at sunrise",
    ])
    await me.goto("/rooms/lobby")
    await page.locator("ol.messages li", has_text="walked the dog at sunrise").wait_for()
    await page.locator("ol.messages li", has_text="beginning to feel better").wait_for()
    collapsed = page.locator("ol.messages li", has_text="Hidden: alcohol")
    await collapsed.get_by_role("button", name="Show").wait_for()
    assert await collapsed.count() == 1
    text = (await page.content()).lower()
    for gone in ("loud_lark", "hear this from me", "gin and tonic", "pints", "casino"):
        assert gone not in text, gone
    item = page.locator(f'ol.messages li[data-seq="{await collapsed.get_attribute("data-seq")}"]')
    await item.get_by_role("button", name="Show").click()
    await item.get_by_text("had a glass of wine with dinner").wait_for()


async def test_collapsed_thread_titles_fold_in_lists_search_and_notifications(live, people) -> None:
    """A thread title the viewer's filters collapse is folded behind the same
    "Hidden: alcohol · Show" line as posts and chat lines: in the thread list,
    the thread header, search hits and the notifications page."""
    me = await people()
    await signup_via_api(me, "folding_fir")
    r = await me.api("PUT", "/api/me/filters", {"topics": [{"topic": "alcohol", "action": "collapse"}]})
    assert r.ok, await r.text()
    title = "cold beer after the meeting"
    async with live.client() as writer:
        await writer.signup_login("pouring_pine")
        category = (await writer.get("/api/forum/categories")).json()["categories"][0]
        r = await writer.post("/api/forum/threads", json={"category_id": category["id"], "title": title,
                                                         "body": "Everyone went for one, I walked home."})
        assert r.status_code == 201, r.text
        thread_id, opening = r.json()["thread"]["id"], r.json()["post"]["id"]
        r = await me.api("POST", f"/api/forum/threads/{thread_id}/posts", {"body": "Walking home is a win.", "parent_id": opening})
        assert r.ok, await r.text()
        mine = (await r.json())["post"]["id"]
        r = await writer.post(f"/api/forum/threads/{thread_id}/posts", json={"body": "Thanks, it was.", "parent_id": mine})
        assert r.status_code == 201, r.text

    page = me.page

    async def folded(scope) -> None:
        """The title is folded in `scope`; Show unfolds it."""
        line = scope.locator("p.collapsed", has_text="Hidden: alcohol")
        await line.wait_for()
        link = scope.get_by_role("link", name=title)
        assert not await link.is_visible()
        await line.get_by_role("button", name="Show").click()
        await link.wait_for()
        assert await line.count() == 0

    row = page.locator("ul.thread-list li", has=page.locator(f'a[href="#/forum/t/{thread_id}"]'))
    await me.goto(f"/forum/c/{category['id']}")
    await folded(row)
    await me.goto("/forum/search?q=win")  # my own reply: only the title is folded
    await folded(row)
    await me.goto("/notifications")
    await folded(row)

    await me.goto(f"/forum/t/{thread_id}")
    line = page.locator("p.collapsed", has_text="Hidden: alcohol").first
    await line.wait_for()
    heading = page.get_by_role("heading", name=title, level=1)
    assert not await heading.is_visible()
    await line.get_by_role("button", name="Show").click()
    await heading.wait_for()
    me.check()
