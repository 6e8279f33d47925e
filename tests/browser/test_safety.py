"""Safety surfaces in a real browser: the crisis support card (writer only)
and the facilitator's alert with acknowledge; trigger filters collapsed and
hidden in a room and a thread; the agreement gate; the personal-details
warning with "send anyway"."""

from __future__ import annotations

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import PHONE, enter_lobby, require_route, say, signup_via_api

pytestmark = pytest.mark.browser


async def test_crisis_card_to_writer_and_alert_to_facilitator(live, people) -> None:
    await require_route(live, "GET", "/api/moderation/escalations", "issue 6")
    staff = await people()
    await signup_via_api(staff, "calm_helper")
    await accounts.do_set_role(live.app.state.ctx, "calm_helper", "facilitator")
    await staff.goto("/dashboard")
    await staff.page.get_by_role("heading", name="Facilitator dashboard").wait_for()
    await staff.page.get_by_label("I am on duty").check()
    await staff.page.get_by_text("You are on duty").wait_for()

    writer = await people(viewport=PHONE)
    await signup_via_api(writer, "heavy_night")
    other = await people()
    await signup_via_api(other, "bystander_b")
    await enter_lobby(writer)
    await enter_lobby(other)

    await say(writer, "I want to end my life tonight, I have the pills here")
    card = writer.page.locator("ph-support-card")
    await card.wait_for()
    # tel:18006624357 or its E.164 form tel:+18006624357, as the server's resource list has it.
    call = card.locator('a[href^="tel:"][href$="18006624357"]')
    await call.wait_for()
    assert "662-4357" in (await card.text_content() or "")
    assert await card.locator('a[href^="sms:988"]').count() == 1
    await card.get_by_text("facilitator is on duty", exact=False).first.wait_for()

    # The message reached the room; the card did not reach anyone else.
    await other.page.locator("ol.messages li", has_text="end my life").wait_for()
    assert await other.page.locator("ph-support-card:visible").count() == 0

    # The facilitator's dashboard raises an alert, and they acknowledge it.
    alert = staff.page.locator("article.alert-item", has_text="heavy_night")
    await alert.wait_for()
    await alert.get_by_text("left to acknowledge").wait_for()
    await staff.page.locator("#alerter", has_text="needs a facilitator").wait_for(state="attached")
    await alert.get_by_role("button", name="Acknowledge").click()
    await staff.page.locator("article.alert-item.acked", has_text="heavy_night").get_by_text("Acknowledged").wait_for()


async def test_filters_collapse_and_hide_in_room_and_thread(live, people) -> None:
    await require_route(live, "PUT", "/api/me/filters", "issue 7")
    ana = await people()
    await signup_via_api(ana, "six_days")
    page = ana.page
    await ana.goto("/filters")
    await page.get_by_role("heading", name="Filters", level=1).wait_for()
    await page.get_by_label("Alcohol", exact=True).select_option("collapse")
    await page.get_by_label("Word or phrase").fill("casino")
    await page.get_by_label("Then").first.select_option("hide")
    await page.get_by_role("button", name="Add word").click()
    await page.get_by_role("button", name="Save filters").click()
    await page.get_by_text("Filters saved").wait_for()

    # Someone else writes in the room and in a thread.
    ben = await people(viewport=PHONE)
    await signup_via_api(ben, "ben_writes")
    await enter_lobby(ana)
    await enter_lobby(ben)
    await say(ben, "grabbed a cold one after work")
    await say(ben, "the casino near my house")
    await say(ben, "shot a video of my dog")
    await ben.page.locator("li.msg.own[data-state=sent]", has_text="shot a video").wait_for()

    await page.locator("ol.messages li .msg-text", has_text="shot a video of my dog").wait_for()
    line = page.locator("ol.messages li", has_text="Hidden: alcohol")
    await line.wait_for()
    seq = await line.get_attribute("data-seq")
    collapsed = page.locator(f'ol.messages li[data-seq="{seq}"]')
    assert not await collapsed.locator(".msg-text").is_visible()
    await collapsed.get_by_role("button", name="Show").click()
    await collapsed.get_by_text("grabbed a cold one after work").wait_for()
    assert "casino" not in (await page.content()).lower()

    # Reload: history applies the same filters.
    await page.reload()
    await page.locator("ol.messages li", has_text="Hidden: alcohol").wait_for()
    await page.locator("ol.messages li .msg-text", has_text="shot a video of my dog").wait_for()
    assert "casino" not in (await page.content()).lower()

    if not await ana_can_read_forum(live):
        return
    async with live.client() as api:
        await api.signup_login("forum_ben")
        cat = (await api.get("/api/forum/categories")).json()["categories"][0]["id"]
        r = await api.post("/api/forum/threads", json={"category_id": cat, "title": "Evenings",
                                                        "body": "How do you spend the evenings?"})
        tid = r.json()["thread"]["id"]
        first = r.json()["post"]["id"]
        beer = (await api.post(f"/api/forum/threads/{tid}/posts", json={
            "parent_id": first, "body": "Used to be a six-pack of beer every night."})).json()["post"]["id"]
        await api.post(f"/api/forum/threads/{tid}/posts", json={"body": "I went to the casino every week."})
        await api.post(f"/api/forum/threads/{tid}/posts", json={"parent_id": beer, "body": "Tea now, for me."})
    await ana.goto(f"/forum/t/{tid}")
    await page.get_by_role("heading", name="Evenings").wait_for()
    hidden_line = page.locator("article.post .collapsed", has_text="Hidden: alcohol")
    await hidden_line.wait_for()
    await hidden_line.get_by_role("button", name="Show").click()
    await page.locator("article.post", has_text="six-pack of beer").wait_for()
    await page.locator("article.post", has_text="Post hidden by your filters.").wait_for()
    await page.locator("article.post", has_text="Tea now, for me.").wait_for()
    assert "casino" not in (await page.content()).lower()


async def ana_can_read_forum(live) -> bool:
    from tests.browser.conftest import has_route

    return await has_route(live, "POST", "/api/forum/threads")


async def test_agreement_gate_then_personal_details_warning(live, people) -> None:
    await require_route(live, "POST", "/api/agreements/{agreement_id}/accept", "issue 8")
    async with live.client() as admin:
        await admin.signup_login("site_keeper")
        await accounts.do_set_role(live.app.state.ctx, "site_keeper", "admin")
        r = await admin.post("/api/agreements", json={
            "slug": "night-owls-pact", "title": "Night Owls agreement",
            "text": "What is said here stays here.\n\nNo names, no screenshots."})
        assert r.status_code == 201, r.text
        agreement = r.json().get("agreement", r.json())
        r = await admin.put("/api/confidentiality/rooms/night-owls", json={"agreement_id": agreement["id"]})
        assert r.status_code == 200, r.text

    person = await people(viewport=PHONE)
    await signup_via_api(person, "owl_member")
    page = person.page
    await person.goto("/rooms/night-owls")
    gate = page.get_by_role("dialog", name="Night Owls agreement")
    await gate.wait_for()
    await gate.get_by_text("What is said here stays here.").wait_for()
    await gate.get_by_role("button", name="I agree").click()
    await gate.wait_for(state="detached")
    await page.locator("ph-conn-status[data-state=open]").wait_for()

    box = page.get_by_label("Message Night Owls")
    await box.fill("text me at 415-555-0137 if you want")
    await box.press("Enter")
    warning = page.locator("li.msg.own .warning")
    await warning.get_by_text("personal details").first.wait_for()
    await warning.get_by_text("phone number", exact=False).wait_for()
    await warning.get_by_role("button", name="Send anyway").click()
    await page.locator("li.msg.own[data-state=sent]", has_text="415-555-0137").wait_for()
    assert await page.locator("li.msg.own .warning").count() == 0

    # A second visit does not ask again.
    await page.reload()
    await page.get_by_role("heading", name="Night Owls", level=1).wait_for()
    await page.locator("ol.messages li", has_text="415-555-0137").wait_for()
    assert await page.get_by_role("dialog").count() == 0


async def test_report_reaches_queue_and_removal_reaches_the_room(live, people) -> None:
    await require_route(live, "POST", "/api/moderation/reports", "issue 5")
    writer = await people()
    await signup_via_api(writer, "loud_voice")
    reader = await people(viewport=PHONE)
    await signup_via_api(reader, "quiet_reader")
    await enter_lobby(writer)
    await enter_lobby(reader)
    await say(writer, "you are all pathetic")
    message = reader.page.locator("ol.messages li", has_text="you are all pathetic")
    await message.wait_for()
    await message.get_by_label("More actions for message from loud_voice").click()
    await message.get_by_role("button", name="Report").click()
    dialog = reader.page.get_by_role("dialog", name="Report to facilitators")
    await dialog.get_by_label("Harassment or bullying").check()
    await dialog.get_by_label("Anything facilitators should know (optional)").fill("third time tonight")
    await dialog.get_by_role("button", name="Send report").click()
    thanks = reader.page.get_by_text("Facilitators will review it")
    await thanks.or_(dialog.locator(".form-error")).first.wait_for()
    assert await thanks.count() == 1, await dialog.locator(".form-error").text_content()

    staff = await people()
    await signup_via_api(staff, "steady_helper")
    await accounts.do_set_role(live.app.state.ctx, "steady_helper", "facilitator")
    await staff.goto("/dashboard")
    report = staff.page.locator("article", has_text="you are all pathetic")
    await report.wait_for()
    await report.get_by_role("button", name="Remove and resolve").click()
    await staff.page.get_by_text("Report resolved.").wait_for()

    await reader.page.locator("ol.messages li", has_text="Message removed by a facilitator.").wait_for()
    assert "you are all pathetic" not in await reader.page.locator("ol.messages").inner_text()
