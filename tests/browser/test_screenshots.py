"""Screenshots of the main screens at phone (390×844) and desktop (1280×800)
sizes, saved under test-artifacts/screenshots/ for review."""

from __future__ import annotations

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import DESKTOP, PHONE, has_route, screenshot, seed_room

pytestmark = pytest.mark.browser


async def test_screenshots(live, people) -> None:
    rooms = await has_route(live, "GET", "/api/rooms")
    forum = await has_route(live, "POST", "/api/forum/threads")
    if rooms:
        await seed_room(live, "river_stone", "lobby", [
            "Morning all. Day 12 today.", "Rough night but I made it. Coffee and a walk now.",
            "Proud of you. One hour at a time.\nI'm around if anyone wants to talk."])
    thread_id = None
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
        await page.reload()
        await page.get_by_role("heading", name="Rooms", level=1).wait_for()
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
        for route, heading in (("/filters", "Filters"), ("/account", "Account"), ("/dashboard", "Facilitator dashboard")):
            await person.goto(route)
            await page.get_by_role("heading", name=heading, level=1).wait_for()
            await screenshot(person, route.strip("/"))
