"""The facilitator dashboard in a real browser: an escalation acknowledged and
then resolved with an outcome, the 7-day chart drawn from real escalations
(bars, the time-to-acknowledge line, and the same numbers as text), and the
audit table paged with "Older entries"."""

from __future__ import annotations

import pytest

from peerhub.accounts import service as accounts
from tests.browser.conftest import signup_via_api

pytestmark = pytest.mark.browser

# One more than a page of the audit log (moderation.audit.AUDIT_PAGE).
AUDIT_ENTRIES = 101
ACK_AFTER_SECONDS = 90


async def test_escalation_resolve_chart_and_audit_paging(live, people) -> None:
    staff = await people()
    await signup_via_api(staff, "day_lead")
    await accounts.do_set_role(live.app.state.ctx, "day_lead", "facilitator")
    r = await staff.api("POST", "/api/moderation/duty", {"on": True})
    assert r.ok, await r.text()

    # Enough audit entries for a second page (private notes are audited).
    async with live.client() as other:
        await other.signup_login("noted_member")
        target = (await other.get("/api/me")).json()["user"]["id"]
    for n in range(AUDIT_ENTRIES):
        r = await staff.api("POST", f"/api/moderation/users/{target}/notes", {"text": f"note {n}"})
        assert r.ok, await r.text()

    page = staff.page
    await staff.goto("/dashboard")
    await page.get_by_role("heading", name="Facilitator dashboard").wait_for()
    assert await page.get_by_label("I am on duty").is_checked()
    await page.locator("ph-conn-status[data-state=open]").wait_for()

    # Two people in crisis write in the forum while the dashboard is open (two escalations).
    for handle, text in (("stormy_sea", "I can't do this anymore, I'm going to kill myself tonight"),
                         ("lost_lantern", "I have the pills counted out and I want to die")):
        async with live.client() as writer:
            await writer.signup_login(handle)
            cat = (await writer.get("/api/forum/categories")).json()["categories"][0]["id"]
            r2 = await writer.post("/api/forum/threads", json={"category_id": cat, "title": "tonight", "body": text})
            assert r2.status_code == 201 and "support" in r2.json(), r2.text
    first = page.locator("article.alert-item", has_text="stormy_sea")
    await first.get_by_text("left to acknowledge").wait_for()
    await page.locator("article.alert-item", has_text="lost_lantern").wait_for()

    live.clock.advance(ACK_AFTER_SECONDS)
    await first.get_by_role("button", name="Acknowledge").click()
    acked = page.locator("article.alert-item.acked", has_text="stormy_sea")
    await acked.get_by_text("Acknowledged").wait_for()
    await acked.get_by_label("Outcome").select_option("supported")
    await acked.get_by_label("Resolution note (facilitators only)").fill("Talked it through; they called 988.")
    await acked.get_by_role("button", name="Resolve").click()
    await acked.wait_for(state="detached")
    await page.get_by_text("1 open").wait_for()

    # The chart from real data: today has a bar and the numbers as text.
    await page.reload()
    chart = page.get_by_role("img", name="Escalations per day and median time to acknowledge", exact=False)
    await chart.wait_for()
    heights = [float(await bar.get_attribute("height") or 0) for bar in await chart.locator("rect.bar").all()]
    assert len(heights) == 7 and heights[-1] > 0 and sum(heights[:-1]) == 0, heights
    today = page.locator("section", has=page.get_by_role("heading", name="Last 7 days")).locator("tbody tr").last
    cells = [c.strip() for c in await today.locator("td").all_inner_texts()]
    assert cells[1:] == ["2", f"{ACK_AFTER_SECONDS} s"], cells

    # The audit log pages: the first 100, then the rest.
    audit = page.locator("section", has=page.get_by_role("heading", name="Audit log"))
    await audit.get_by_text("Showing 100 entries.").wait_for()
    await audit.get_by_role("button", name="Older entries").click()
    await audit.get_by_text("(all)", exact=False).wait_for()
    assert await audit.locator("tbody tr").count() > 100
    assert await audit.get_by_role("button", name="Older entries").is_hidden()


async def test_a_concern_is_queued_quietly_without_countdown_or_alarm(live, people) -> None:
    from tests.test_escalation_review import FORUM_CONCERN

    staff = await people()
    await signup_via_api(staff, "quiet_lead")
    await accounts.do_set_role(live.app.state.ctx, "quiet_lead", "facilitator")
    r = await staff.api("POST", "/api/moderation/duty", {"on": True})
    assert r.ok, await r.text()
    page = staff.page
    await staff.goto("/dashboard")
    await page.get_by_role("heading", name="Facilitator dashboard").wait_for()
    await page.locator("ph-conn-status[data-state=open]").wait_for()
    title_before = await page.title()
    async with live.client() as writer:
        await writer.signup_login("long_week")
        cat = (await writer.get("/api/forum/categories")).json()["categories"][0]["id"]
        r2 = await writer.post("/api/forum/threads", json={"category_id": cat, "title": "week", "body": FORUM_CONCERN})
        assert r2.status_code == 201 and "support" not in r2.json(), r2.text
    card = page.locator("article.alert-item.review", has_text="long_week")
    await card.get_by_text("For review (no deadline)").wait_for()
    assert await card.get_by_text("left to acknowledge").count() == 0
    assert await page.title() == title_before  # no "(!) Crisis alert" for a quiet review
