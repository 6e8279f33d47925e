"""Concern-level lines and posts reach a facilitator quietly: a review
escalation with no support card, no deadline re-alerts and a place below
every crisis in the queue; a later crisis from the same writer in the same
place upgrades it (card, alert, deadline). Real server, real sockets."""

from __future__ import annotations

import json

import pytest

from peerhub.moderation import escalation
from peerhub.moderation.crisis import assess
from peerhub.moderation.escalation_deadline import sweep_deadlines
from tests.conftest import LiveServer, both_backends
from tests.people import group_fixture
from tests.test_escalation import ACK_SECONDS, CRISIS, SAFE, SAMHSA, Crew, of_type, on_duty, queue

# One indirect warning sign each: "concern", never "crisis" (checked below).
# ("Nobody would even notice if I stopped showing up here" and "just so done with
# everything" were used here until the crisis model began escalating them.)
CONCERN = "Lately I feel like a burden to the people who love me."
CONCERN_2 = "Some days I feel like a burden to everyone around me."
FORUM_CONCERN = "Some days I feel like a burden to everyone around me. Long week at work."


crew = group_fixture(Crew, "crew")


def test_the_concern_texts_are_concern() -> None:
    for text in (CONCERN, CONCERN_2, FORUM_CONCERN):
        assert assess(text).level.value == "concern", text


@both_backends
async def test_concern_line_is_a_quiet_review_then_a_crisis_upgrades_it(live: LiveServer, crew: Crew) -> None:
    ctx = live.app.state.ctx
    writer_api = await crew.api("low_tide")
    helper_api = await crew.api("review_helper", role="facilitator")
    await on_duty(helper_api)
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)

    # A safe line: nothing at all.
    await writer.say("lobby", SAFE)
    # A concern line: delivered as usual; staff get a quiet review frame, the writer nothing.
    ack = await writer.say("lobby", CONCERN)
    assert (await helper.expect("message", seq=ack["seq"]))["text"] == CONCERN
    alert = await helper.expect("escalation", timeout=1.0)
    assert alert["event"] == "opened" and alert["level"] == "concern" and alert["priority"] == "review"
    assert alert["status"] == "open" and alert["ack_deadline"] is None and alert["next_alert_at"] is None
    assert alert["where"] == {"room": "lobby", "seq": ack["seq"]} and CONCERN not in json.dumps(alert)
    await writer.ping()
    assert of_type(writer, "support") == [] and of_type(writer, "escalation") == []

    # A second concern line attaches to the same review (one per writer per place).
    live.clock.advance(20)
    await writer.say("lobby", CONCERN_2)
    attached = await helper.expect("escalation", event="attached")
    assert attached["id"] == alert["id"] and attached["items"] == 2 and attached["priority"] == "review"
    [row] = await queue(helper_api, "unresolved")
    assert (row["id"], row["level"], row["priority"]) == (alert["id"], "concern", "review")

    # No deadline: however long it waits, nobody is re-alerted and the writer gets no card.
    live.clock.advance(10 * ACK_SECONDS)
    assert await sweep_deadlines(ctx) == []
    await writer.ping()
    await helper.ping()
    assert of_type(writer, "support") == []
    assert [f["event"] for f in of_type(helper, "escalation")] == ["opened", "attached"]
    metrics = (await helper_api.get("/metrics")).text
    assert "peerhub_escalations_open 0.0" in metrics  # the gauge counts urgent ones only

    # A facilitator acknowledges the review (reading it); it is not in the ack metric.
    r = await helper_api.post(f"/api/moderation/escalations/{alert['id']}/ack", json={})
    assert r.status_code == 200 and r.json()["escalation"]["status"] == "acknowledged"
    assert "peerhub_escalation_ack_seconds_count 0.0" in (await helper_api.get("/metrics")).text

    # A crisis line from the same writer in the same room upgrades it: card, alert, deadline.
    live.clock.advance(60)
    await on_duty(helper_api)  # the fake hours passed lapsed the shift
    await writer.say("lobby", CRISIS)
    card = await writer.expect("support")
    assert SAMHSA in json.dumps(card) and card["reason"] == "crisis"
    up = await helper.expect("escalation", event="attached", where=lambda f: bool(f.get("upgraded")))
    assert up["id"] == alert["id"] and up["level"] == "crisis" and up["priority"] == "urgent"
    assert up["status"] == "open" and up["acked_at"] is None and up["items"] == 3
    assert up["ack_deadline"] == up["next_alert_at"] == (live.clock.now() + escalation.ack_period(ctx)).isoformat()
    detail = (await helper_api.get(f"/api/moderation/escalations/{alert['id']}")).json()["escalation"]
    assert [h["action"] for h in detail["history"]] == ["opened", "attached", "acknowledged", "upgraded"]

    # The deadline runs from the upgrade.
    live.clock.advance(ACK_SECONDS - 1)
    assert await sweep_deadlines(ctx) == []
    live.clock.advance(1)
    assert await sweep_deadlines(ctx) == [alert["id"]]
    assert (await helper.expect("escalation", event="realert"))["id"] == alert["id"]
    await writer.expect("support", reason="reminder")
    await on_duty(helper_api)
    r = await helper_api.post(f"/api/moderation/escalations/{alert['id']}/ack", json={})
    assert r.status_code == 200 and r.json()["time_to_ack_seconds"] == pytest.approx(ACK_SECONDS)
    stats = (await helper_api.get("/api/moderation/escalations/stats?days=1")).json()["days"]
    assert stats[-1]["count"] == 1 and stats[-1]["review"] == 0
    assert stats[-1]["median_ack_seconds"] == pytest.approx(ACK_SECONDS)


async def test_queue_order_crisis_waiting_then_acknowledged_then_review(live: LiveServer, crew: Crew) -> None:
    helper_api = await crew.api("queue_helper", role="facilitator")
    apis = [await crew.api(h) for h in ("first_concern", "crisis_one", "crisis_two", "second_concern")]
    sockets = [await crew.ws(api) for api in apis]
    for ws, text in zip(sockets, (CONCERN, CRISIS, CRISIS, CONCERN_2), strict=True):
        live.clock.advance(5)
        await ws.say("lobby", text)
    rows = await queue(helper_api, "unresolved")
    by_writer = {r["writer"]["handle"]: r["id"] for r in rows}
    concern_a, crisis_1, crisis_2, concern_b = (by_writer[h] for h in (
        "first_concern", "crisis_one", "crisis_two", "second_concern"))
    # Acknowledge the older crisis and the newer concern.
    for eid in (crisis_1, concern_b):
        assert (await helper_api.post(f"/api/moderation/escalations/{eid}/ack", json={})).status_code == 200
    assert [r["id"] for r in await queue(helper_api, "unresolved")] == [crisis_2, crisis_1, concern_a, concern_b]
    assert [r["id"] for r in await queue(helper_api, "open")] == [crisis_2, concern_a]
    assert [r["id"] for r in await queue(helper_api, "acknowledged")] == [crisis_1, concern_b]
    assert [r["id"] for r in await queue(helper_api, "unresolved&priority=review")] == [concern_a, concern_b]
    assert [r["id"] for r in await queue(helper_api, "unresolved&priority=urgent")] == [crisis_2, crisis_1]
    bad = await helper_api.get("/api/moderation/escalations?priority=loud")
    assert bad.status_code == 422
    stats = (await helper_api.get("/api/moderation/escalations/stats?days=1")).json()["days"]
    assert (stats[-1]["count"], stats[-1]["review"]) == (2, 2)
    # Only the crisis ones have a deadline.
    live.clock.advance(ACK_SECONDS)
    assert await sweep_deadlines(live.app.state.ctx) == [crisis_2]


async def test_review_items_are_capped_per_escalation(
    live: LiveServer, crew: Crew, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(escalation, "MAX_REVIEW_ITEMS", 2)
    writer_api = await crew.api("long_vent")
    helper_api = await crew.api("cap_helper", role="facilitator")
    await on_duty(helper_api)
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)
    for text in (CONCERN, CONCERN_2, CONCERN, CONCERN_2):
        await writer.say("lobby", text)
    await helper.ping()
    assert [f["event"] for f in of_type(helper, "escalation")] == ["opened", "attached"]
    [row] = await queue(helper_api, "unresolved")
    assert row["items"] == 2 and row["priority"] == "review"
    # A crisis is never capped: it attaches and upgrades.
    await writer.say("lobby", CRISIS)
    up = await helper.expect("escalation", event="attached", where=lambda f: bool(f.get("upgraded")))
    assert up["items"] == 3 and up["level"] == "crisis"
    await writer.expect("support")


async def test_forum_concern_post_queues_review_without_a_card(live: LiveServer, crew: Crew) -> None:
    writer_api = await crew.api("forum_low")
    helper_api = await crew.api("forum_reviewer", role="facilitator")
    await on_duty(helper_api)
    helper_ws = await crew.ws(helper_api, room=None)
    r = await writer_api.get("/api/forum/categories")
    category = int(r.json()["categories"][0]["id"])
    r = await writer_api.post("/api/forum/threads", json={"category_id": category, "title": "week",
                                                          "body": FORUM_CONCERN})
    assert r.status_code == 201, r.text
    assert "support" not in r.json()
    thread_id, post_id = r.json()["thread"]["id"], r.json()["post"]["id"]
    alert = await helper_ws.expect("escalation", event="opened", timeout=1.0)
    assert (alert["level"], alert["priority"], alert["source"]) == ("concern", "review", "post")
    assert alert["item"] == {"kind": "post", "id": post_id} and FORUM_CONCERN not in json.dumps(alert)
    [row] = await queue(helper_api, "unresolved")
    assert row["id"] == alert["id"] and row["place"] == {"kind": "thread", "id": thread_id}
    # A crisis reply in the same thread upgrades it and carries the card.
    reply = await writer_api.post(f"/api/forum/threads/{thread_id}/posts", json={"body": CRISIS})
    assert reply.status_code == 201 and SAMHSA in json.dumps(reply.json()["support"])
    [row] = await queue(helper_api, "unresolved")
    assert (row["id"], row["level"], row["priority"], row["items"]) == (alert["id"], "crisis", "urgent", 2)


async def test_safety_report_makes_a_review_urgent(live: LiveServer, crew: Crew) -> None:
    from sqlalchemy import select

    from peerhub.moderation.content import Place
    from peerhub.moderation.escalation_hooks import open_escalation_for_report
    from peerhub.realtime.models import Room

    ctx = live.app.state.ctx
    writer_api = await crew.api("reported_low")
    helper_api = await crew.api("report_reviewer", role="facilitator")
    await on_duty(helper_api)
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)
    await writer.say("lobby", CONCERN)
    review = await helper.expect("escalation", event="opened")
    async with ctx.db.read() as session:
        lobby = (await session.execute(select(Room.id).where(Room.slug == "lobby"))).scalar_one()
    live.clock.advance(30)
    eid = await open_escalation_for_report(ctx, report_id=7, subject_id=writer_api.user["id"],  # type: ignore[index]
                                           place=Place("room", lobby))
    assert eid == review["id"]
    up = await helper.expect("escalation", event="attached", where=lambda f: bool(f.get("upgraded")))
    assert (up["priority"], up["source"], up["category"]) == ("urgent", "report", "reported_safety_concern")
    live.clock.advance(ACK_SECONDS)
    assert await sweep_deadlines(ctx) == [eid]
    await writer.ping()
    assert of_type(writer, "support") == []  # a report never sends the person a card
