"""Forum safety surfaces in a real browser: the agreement gate before a gated
category, the personal-details warning with "send anyway", the crisis
support card after a crisis post (from the HTTP answer's ``support``), and
"I'm worried about someone" on a post reaching the facilitators."""

from __future__ import annotations

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import PHONE, signup_via_api

pytestmark = pytest.mark.browser


async def test_forum_gate_warning_support_card_and_concern(live, people) -> None:
    async with live.client() as admin:
        await admin.signup_login("forum_keeper")
        await accounts.do_set_role(live.app.state.ctx, "forum_keeper", "admin")
        r = await admin.post("/api/agreements", json={
            "slug": "sharing-circle", "title": "Sharing circle agreement",
            "text": "What is shared here stays here.\n\nNo names of people outside this group."})
        assert r.status_code == 201, r.text
        agreement = r.json().get("agreement", r.json())
        category = (await admin.get("/api/forum/categories")).json()["categories"][0]
        r = await admin.put(f"/api/confidentiality/categories/{category['id']}", json={"agreement_id": agreement["id"]})
        assert r.status_code == 200, r.text
        await admin.post("/api/moderation/duty", json={"on": True})

    me = await people(viewport=PHONE)
    await signup_via_api(me, "gentle_fern")
    page = me.page

    # A new thread in the gated category: the agreement first, then a warning
    # about the phone number in it, then sent anyway.
    await me.goto("/forum")
    await page.get_by_role("link", name=category["title"]).click()
    await page.get_by_role("link", name="New thread").click()
    await page.get_by_label("Title").fill("Coffee after the meeting?")
    await page.get_by_label("Your post").fill("Anyone nearby want to get coffee? My number is 415-555-0182.")
    await page.get_by_role("button", name="Start thread").click()
    gate = page.get_by_role("dialog", name="Sharing circle agreement")
    await gate.get_by_text("What is shared here stays here.").wait_for()
    await gate.get_by_role("button", name="I agree").click()
    warning = page.locator(".warning", has_text="personal details")
    await warning.get_by_text("a phone number", exact=False).wait_for()
    await warning.get_by_role("button", name="Send anyway").click()
    await page.get_by_role("heading", name="Coffee after the meeting?").wait_for()
    await page.locator("article.post", has_text="415-555-0182").wait_for()
    assert await page.locator("ph-support-card:visible").count() == 0

    # A crisis reply: the support card, to the writer, calm and with tap-to-call.
    await page.get_by_role("textbox", name="Reply to the thread").fill("honestly I don't want to be alive anymore, I have it all planned")
    await page.get_by_role("button", name="Post reply").click()
    card = page.locator("ph-support-card")
    await card.get_by_role("heading", name="You don\u2019t have to carry this alone").wait_for()
    await card.locator('a[href^="tel:"][href$="18006624357"]').wait_for()
    await card.get_by_text("facilitator is on duty", exact=False).first.wait_for()

    # Someone else is worried about the writer and says so, privately.
    friend = await people()
    await signup_via_api(friend, "watchful_wren")
    await friend.goto(page.url.split("#", 1)[1])
    post = friend.page.locator("article.post", has_text="want to be alive")
    await post.get_by_label("More actions for post by gentle_fern").click()
    await post.get_by_role("button", name="I\u2019m worried about someone").click()
    worried = friend.page.get_by_role("dialog", name="I\u2019m worried about someone")
    assert await worried.get_by_label("I\u2019m worried about someone\u2019s safety").is_checked()
    await worried.get_by_role("button", name="Send report").click()
    await friend.page.get_by_text("Facilitators have been told.").wait_for()
    assert await friend.page.locator("ph-support-card:visible").count() == 0

    # Both reach the facilitators: the crisis escalation and the concern.
    staff = await people()
    await signup_via_api(staff, "night_shift")
    await accounts.do_set_role(live.app.state.ctx, "night_shift", "facilitator")
    await staff.goto("/dashboard")
    await staff.page.locator("article.alert-item", has_text="gentle_fern").first.wait_for()
    reports = staff.page.locator("section", has=staff.page.get_by_role("heading", name="Reports"))
    await reports.locator("article", has_text="safety concern").wait_for()
