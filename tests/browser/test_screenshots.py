"""Screenshots of the main screens at phone (390×844) and desktop (1280×800)
sizes, saved under test-artifacts/screenshots/ for review."""

from __future__ import annotations

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import DESKTOP, PHONE, has_route, screenshot, seed_room
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser


async def test_screenshots(live, people) -> None:
    rooms = await has_route(live, "GET", "/api/rooms")
    forum = await has_route(live, "POST", "/api/forum/threads")
    if rooms:
        await seed_room(live, "river_stone", "lobby", [
            "Morning all. Day 12 today.", "Rough night but I made it. Coffee and a walk now.",
            "Proud of you. One hour at a time.\nI'm around if anyone wants to talk."])
    thread_id = None
    if rooms:
        # Room state members see: a pinned line and slow mode; an escalation for the dashboard.
        async with live.client() as keeper:
            await keeper.signup_login("shot_keeper")
            await accounts.do_set_role(live.app.state.ctx, "shot_keeper", "facilitator")
            lobby = next(r for r in (await keeper.get("/api/rooms")).json()["rooms"] if r["slug"] == "lobby")
            pinned = (await keeper.get("/api/rooms/lobby/messages")).json()["messages"][0]
            await keeper.post(f"/api/moderation/rooms/{lobby['id']}/pins", json={"message_id": pinned["id"]})
            await keeper.patch(f"/api/moderation/rooms/{lobby['id']}", json={"slow_mode_seconds": 30})
            await keeper.post("/api/moderation/duty", json={"on": True})
        async with live.client() as writer:
            await writer.signup_login("hard_night_shot")
            cat = (await writer.get("/api/forum/categories")).json()["categories"][0]["id"]
            await writer.post("/api/forum/threads", json={"category_id": cat, "title": "tonight",
                                                          "body": "I want to kill myself tonight"})
    if forum:
        async with live.client() as api:
            await api.signup_login("long_road")
            cat = (await api.get("/api/forum/categories")).json()["categories"][1]["id"]
            r = await api.post("/api/forum/threads", json={
                "category_id": cat, "title": "What helped you through the first month?",
                "body": "I'm on **day 20**. Evenings are the hardest.\n\nWhat did you do with the time?"})
            thread_id = r.json()["thread"]["id"]
            first = r.json()["post"]["id"]
            reply = (await api.post(f"/api/forum/threads/{thread_id}/posts", json={
                "parent_id": first, "body": "Meetings, and cooking. Learning to cook filled the evenings."})).json()
            await api.post(f"/api/forum/threads/{thread_id}/posts", json={
                "parent_id": reply["post"]["id"], "body": "Seconding the cooking. > Also: *sleep*."})
    for viewport, tag in ((PHONE, "phone"), (DESKTOP, "desktop")):
        person = await people(viewport=viewport)
        page = person.page
        await person.goto("/signup")
        await page.get_by_role("heading", name="Join peerhub").wait_for()
        await screenshot(person, "signup")
        await person.goto("/login")
        await page.get_by_role("heading", name="Welcome back").wait_for()
        await screenshot(person, "login")
        handle = f"night_owl_{tag}"
        await person.goto("/signup")
        await page.get_by_label("Pseudonym").fill(handle)
        await page.get_by_label("Password").fill("a quiet night in 2026")
        await page.get_by_role("button", name="Create account").click()
        await page.get_by_role("heading", name="Your recovery codes").wait_for()
        await screenshot(person, "recovery-codes")
        await page.get_by_label("I saved my recovery codes").check()
        await page.get_by_role("button", name="Continue").click()
        await page.get_by_role("heading", name="Rooms", level=1).wait_for()
        await accounts.do_set_role(live.app.state.ctx, handle, "facilitator")
        if rooms:
            me = (await (await person.api("GET", "/api/me")).json())["user"]["id"]
            async with live.client() as keeper:
                await keeper.post("/api/auth/login", json={"handle": "shot_keeper", "password": TEST_PASSWORD})
                await keeper.post("/api/moderation/checkins", json={
                    "user_id": me, "text": "Checking in after last night. No need to reply; I'm around until 2."})
            await person.api("POST", "/api/moderation/reports", {
                "target_kind": "message", "target_id": pinned["id"], "reason": "spam"})
        await page.reload()
        await page.get_by_role("heading", name="Rooms", level=1).wait_for()
        if rooms:
            await page.get_by_role("region", name="A facilitator checked in with you").wait_for()
        await screenshot(person, "rooms")
        if rooms:
            await person.goto("/rooms/lobby")
            await page.locator("ol.messages li").nth(2).wait_for()
            await page.get_by_label("Message Lobby").fill("Thank you both. Going to make breakfast.")
            await page.get_by_label("Message Lobby").press("Enter")
            await page.locator("li.msg.own[data-state=sent]").wait_for()
            await screenshot(person, "room")
        if forum:
            await person.goto("/forum")
            await page.get_by_role("heading", name="Forums", level=1).wait_for()
            await screenshot(person, "forum")
            await person.goto(f"/forum/t/{thread_id}")
            await page.get_by_role("heading", name="What helped you through the first month?").wait_for()
            await screenshot(person, "thread")
        for route, heading in (("/filters", "Filters"), ("/account", "Account"), ("/reports", "My reports"),
                               ("/dashboard", "Facilitator dashboard")):
            await person.goto(route)
            await page.get_by_role("heading", name=heading, level=1).wait_for()
            if route == "/dashboard":
                await page.locator("svg.chart").wait_for()
            await screenshot(person, route.strip("/"))
        if rooms:
            await page.get_by_role("heading", name="Last 7 days").scroll_into_view_if_needed()
            await screenshot(person, "dashboard-chart")
