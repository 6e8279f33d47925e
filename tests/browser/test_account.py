"""The account page in a real browser: change password (then log in with the
new one), export my data (a JSON download that holds my message), delete my
account (password confirm -> signed out -> cannot log in; "[deleted]" where
their posts had replies)."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import PHONE, signup_via_api
from tests.conftest import TEST_PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a new dawn every day 2027"


async def test_password_export_and_delete(live, people) -> None:
    me = await people(viewport=PHONE)
    await signup_via_api(me, "leaving_lark")
    page = me.page

    # Something to export, and a post someone else replied to.
    await me.goto("/rooms/lobby")
    await page.locator("ph-conn-status[data-state=open]").wait_for()
    box = page.get_by_label("Message Lobby")
    await box.fill("export canary: morning walk done")
    await box.press("Enter")
    await page.locator("li.msg.own[data-state=sent]").wait_for()
    r = await me.api("GET", "/api/forum/categories")
    category = (await r.json())["categories"][0]["id"]
    r = await me.api("POST", "/api/forum/threads", {"category_id": category, "title": "Leaving soon",
                                                      "body": "Thank you all for this year."})
    thread = (await r.json())["thread"]["id"]
    first = (await r.json())["post"]["id"]
    async with live.client() as friend:
        await friend.signup_login("stays_here")
        r2 = await friend.post(f"/api/forum/threads/{thread}/posts",
                               json={"parent_id": first, "body": "We will miss you. Take care."})
        assert r2.status_code == 201, r2.text

    # Change password.
    await me.goto("/account")
    await page.get_by_role("heading", name="Account", level=1).wait_for()
    await page.get_by_label("Current password").fill(TEST_PASSWORD)
    await page.get_by_label("New password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Change password").click()
    await page.get_by_text("Password changed.").wait_for()

    # Export: a JSON download with my message in it.
    async with page.expect_download() as info:
        await page.get_by_role("link", name="Export my data").click()
    download = await info.value
    data = json.loads(open(await download.path(), encoding="utf-8").read())
    assert "export canary: morning walk done" in json.dumps(data, ensure_ascii=False)

    # Log out, log in with the new password.
    await page.get_by_role("button", name="Log out").click()
    await page.get_by_role("heading", name="Welcome back").wait_for()
    await page.get_by_label("Pseudonym").fill("leaving_lark")
    await page.get_by_label("Password").fill(TEST_PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.locator(".form-error").wait_for()
    await page.get_by_label("Password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.get_by_role("heading", name="Rooms", level=1).wait_for()

    # Delete: the password is asked for; then signed out for good.
    await me.goto("/account")
    await page.get_by_role("button", name="Delete my account").click()
    dialog = page.get_by_role("dialog", name="Delete your account?")
    await dialog.get_by_label("Your password").fill("not my password at all")
    await dialog.get_by_role("button", name="Delete everything").click()
    await dialog.locator(".form-error").wait_for()
    await dialog.get_by_label("Your password").fill(NEW_PASSWORD)
    await dialog.get_by_role("button", name="Delete everything").click()
    await page.get_by_role("heading", name="Welcome back").wait_for()
    await page.get_by_text("Your account was deleted.").wait_for()
    await page.get_by_label("Pseudonym").fill("leaving_lark")
    await page.get_by_label("Password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.locator(".form-error").wait_for()
    assert (await me.api("GET", "/api/me")).status == 401

    # Where they wrote and were answered, the reply stays under "[deleted]".
    friend_view = await people()
    r = await friend_view.context.request.post(f"{live.base_url}/api/auth/login",
                                               data={"handle": "stays_here", "password": TEST_PASSWORD})
    assert r.ok
    await friend_view.goto(f"/forum/t/{thread}")
    await friend_view.page.locator("article.post", has_text="We will miss you").wait_for()
    opening = friend_view.page.locator("ol.posts > li > article.post").first
    assert "[deleted]" in await opening.inner_text()
    assert "Thank you all for this year" not in await friend_view.page.locator("main").inner_text()
    assert "leaving_lark" not in await friend_view.page.locator("main").inner_text()
