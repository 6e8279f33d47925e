"""Crisis escalation end to end over a real server and real sockets: the
writer's private support card, facilitator alerts, acknowledge/resolve, the
deadline re-alert on the injected clock, and what must *not* happen (a safe
message triggers nothing, members see nothing, no text in the logs)."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pytest
from sqlalchemy import select

from peerhub.logs import JsonFormatter
from peerhub.moderation.crisis import assess
from peerhub.moderation.escalation_deadline import sweep_deadlines
from peerhub.realtime.models import Room
from tests.conftest import ApiClient, LiveServer, both_backends
from tests.people import People as BasePeople
from tests.people import group_fixture
from tests.wsclient import WsClient

CRISIS = "Honestly I just want to die, I cannot do this anymore"
CRISIS_2 = "I took all my pills and I feel really weird"
SAFE = "I am killing it at work today, dying to see my kids tonight"
SAMHSA = "1-800-662-4357"
ACK_SECONDS = 120  # settings default


class Crew(BasePeople):
    """People whose sockets read ``hello`` and join the lobby (``room=None``: don't)."""

    def __init__(self, live: LiveServer) -> None:
        super().__init__(live, hello=True, room="lobby")


crew = group_fixture(Crew, "crew")


def of_type(ws: WsClient, kind: str) -> list[dict[str, Any]]:
    return [f for f in ws.frames if f.get("type") == kind]


async def on_duty(api: ApiClient) -> None:
    r = await api.post("/api/moderation/duty", json={"on": True})
    assert r.status_code == 200, r.text


async def queue(api: ApiClient, status: str = "open") -> list[dict[str, Any]]:
    r = await api.get(f"/api/moderation/escalations?status={status}")
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["escalations"]
    return rows


def test_the_test_texts_mean_what_we_think() -> None:
    assert assess(CRISIS).escalates and assess(CRISIS_2).escalates
    assert not assess(SAFE).escalates


@both_backends
async def test_crisis_message_support_card_alert_ack_resolve(live: LiveServer, crew: Crew) -> None:
    writer_api = await crew.api("quiet_river")
    helper_api = await crew.api("steady_helper", role="facilitator")
    await on_duty(helper_api)
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)

    sent = time.monotonic()
    ack = await writer.say("lobby", CRISIS)
    # The message is delivered as usual, to the room and back to the writer.
    assert (await helper.expect("message", seq=ack["seq"]))["text"] == CRISIS
    assert (await writer.expect("message", seq=ack["seq"]))["text"] == CRISIS
    # The writer alone gets the support card, with the helpline and the duty status.
    card = await writer.expect("support")
    assert SAMHSA in json.dumps(card)
    assert card["facilitator_on_duty"] is True and card["reason"] == "crisis"
    assert card["room"] == "lobby" and card["seq"] == ack["seq"]
    hrefs = {c["href"] for r in card["resources"] for c in r["contacts"]}
    assert {"tel:+18006624357", "tel:+18004874889", "tel:988", "sms:988", "tel:911"} <= hrefs
    assert all(r["last_verified"] for r in card["resources"])
    # The on-duty facilitator is alerted within a second; the frame has no text.
    alert = await helper.expect("escalation", timeout=1.0)
    assert time.monotonic() - sent < 1.0
    assert alert["event"] == "opened" and alert["status"] == "open" and alert["level"] == "crisis"
    assert alert["category"] == "suicide_self_harm" and alert["writer"]["handle"] == "quiet_river"
    assert alert["item"] == {"kind": "message", "id": (await writer_api.get("/api/rooms/lobby/messages")).json()[
        "messages"][0]["id"]}
    assert alert["where"] == {"room": "lobby", "seq": ack["seq"]}
    assert CRISIS not in json.dumps(alert)
    assert of_type(helper, "support") == []

    # A later crisis message from the same writer in the same room attaches.
    live.clock.advance(30)
    ack2 = await writer.say("lobby", CRISIS_2)
    attached = await helper.expect("escalation", event="attached")
    assert attached["id"] == alert["id"] and attached["items"] == 2
    assert len(of_type(writer, "support")) == 2
    rows = await queue(helper_api)
    assert [r["id"] for r in rows] == [alert["id"]]
    assert [(i["kind"], i["category"]) for i in rows[0]["item_list"]] == [
        ("message", "suicide_self_harm"), ("message", "overdose_medical")]
    detail = (await helper_api.get(f"/api/moderation/escalations/{alert['id']}")).json()["escalation"]
    assert [h["action"] for h in detail["history"]] == ["opened", "attached"]
    assert ack2["seq"] == ack["seq"] + 1

    # Members can neither list nor act; the writer is not muted by any of this.
    for path in ("/api/moderation/escalations?status=open", f"/api/moderation/escalations/{alert['id']}"):
        assert (await writer_api.get(path)).status_code == 403
    assert (await writer_api.post(f"/api/moderation/escalations/{alert['id']}/ack", json={})).status_code == 403
    await writer.say("lobby", "still here, thanks")

    live.clock.advance(15)
    r = await helper_api.post(f"/api/moderation/escalations/{alert['id']}/ack", json={})
    assert r.status_code == 200, r.text
    assert r.json()["escalation"]["status"] == "acknowledged"
    assert r.json()["time_to_ack_seconds"] == pytest.approx(45.0)
    assert (await helper.expect("escalation", event="acknowledged"))["acked_by"] == helper_api.user["id"]  # type: ignore[index]
    again = await helper_api.post(f"/api/moderation/escalations/{alert['id']}/ack", json={})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_acknowledged"
    assert await queue(helper_api, "open") == []
    assert [r["status"] for r in await queue(helper_api, "unresolved")] == ["acknowledged"]

    live.clock.advance(600)
    r = await helper_api.post(f"/api/moderation/escalations/{alert['id']}/resolve",
                              json={"outcome": "supported", "note": "Talked in DMs, called 988 together."})
    assert r.status_code == 200, r.text
    assert r.json()["escalation"]["status"] == "resolved" and r.json()["escalation"]["outcome"] == "supported"
    assert r.json()["time_to_resolve_seconds"] == pytest.approx(645.0)
    assert await queue(helper_api, "unresolved") == []
    assert [e["id"] for e in await queue(helper_api, "resolved")] == [alert["id"]]
    detail = (await helper_api.get(f"/api/moderation/escalations/{alert['id']}")).json()["escalation"]
    assert [(h["action"], h["seconds"]) for h in detail["history"]] == [
        ("opened", 0.0), ("attached", 30.0), ("acknowledged", 45.0), ("resolved", 645.0)]
    bad = await helper_api.post(f"/api/moderation/escalations/{alert['id']}/resolve", json={"outcome": "supported"})
    assert bad.status_code == 409

    metrics = (await helper_api.get("/metrics")).text
    assert "peerhub_escalation_ack_seconds_count 1.0" in metrics
    assert "peerhub_escalations_open 0.0" in metrics

    # Resolved frees the slot: the next crisis message opens a new escalation.
    # (Ten fake minutes passed with no heartbeat, so the shift lapsed: renew it.)
    assert (await helper.expect("escalation", event="resolved"))["outcome"] == "supported"
    await on_duty(helper_api)
    await writer.say("lobby", CRISIS)
    reopened = await helper.expect("escalation", event="opened")
    assert reopened["id"] != alert["id"]


async def test_deadline_realerts_staff_and_reminds_writer(live: LiveServer, crew: Crew) -> None:
    ctx = live.app.state.ctx
    writer_api = await crew.api("night_writer")
    helper_api = await crew.api("off_duty_helper", role="facilitator")
    admin_api = await crew.api("lantern_keeper", role="admin")
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)
    admin = await crew.ws(admin_api, room=None)

    await writer.say("lobby", CRISIS)
    card = await writer.expect("support")
    # Nobody on duty: the card says so plainly and points to the helplines.
    assert card["facilitator_on_duty"] is False
    assert "No facilitator is on duty right now" in card["facilitator"]
    assert SAMHSA in json.dumps(card) and "911" in card["emergency"]
    await helper.ping()
    await admin.ping()
    assert of_type(helper, "escalation") == [] and of_type(admin, "escalation") == []
    [waiting] = await queue(helper_api)
    assert waiting["status"] == "open" and waiting["realerts"] == 0

    assert await sweep_deadlines(ctx) == []
    live.clock.advance(ACK_SECONDS - 1)
    assert await sweep_deadlines(ctx) == []
    live.clock.advance(1)
    assert await sweep_deadlines(ctx) == [waiting["id"]]
    for staff in (helper, admin):
        realert = await staff.expect("escalation", event="realert", timeout=1.0)
        assert realert["id"] == waiting["id"] and realert["realerts"] == 1
    reminder = await writer.expect("support", reason="reminder")
    assert reminder["facilitator_on_duty"] is False and SAMHSA in json.dumps(reminder)
    # Once per deadline period, however often the sweep runs.
    assert await sweep_deadlines(ctx) == []
    live.clock.advance(ACK_SECONDS)
    assert await sweep_deadlines(ctx) == [waiting["id"]]
    assert (await admin.expect("escalation", event="realert"))["realerts"] == 2
    await writer.expect("support", reason="reminder")

    # Acknowledged: the deadline stops.
    await on_duty(helper_api)
    r = await helper_api.post(f"/api/moderation/escalations/{waiting['id']}/ack", json={})
    assert r.json()["time_to_ack_seconds"] == pytest.approx(2 * ACK_SECONDS)
    live.clock.advance(10 * ACK_SECONDS)
    assert await sweep_deadlines(ctx) == []


async def test_safe_message_triggers_nothing(live: LiveServer, crew: Crew) -> None:
    writer_api = await crew.api("sunny_day")
    helper_api = await crew.api("watchful", role="facilitator")
    await on_duty(helper_api)
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)
    ack = await writer.say("lobby", SAFE)
    await helper.expect("message", seq=ack["seq"])
    await writer.ping()
    await helper.ping()
    assert of_type(writer, "support") == [] and of_type(helper, "escalation") == []
    assert await queue(helper_api, "unresolved") == []
    live.clock.advance(10 * ACK_SECONDS)
    assert await sweep_deadlines(live.app.state.ctx) == []


async def test_escalation_text_never_logged(live: LiveServer, crew: Crew, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    writer_api = await crew.api("private_words")
    helper_api = await crew.api("log_helper", role="facilitator")
    await on_duty(helper_api)
    writer, helper = await crew.ws(writer_api), await crew.ws(helper_api)
    await writer.say("lobby", CRISIS)
    alert = await helper.expect("escalation")
    await helper_api.post(f"/api/moderation/escalations/{alert['id']}/ack", json={})
    note = "Spoke with them privately about the pills"
    await helper_api.post(f"/api/moderation/escalations/{alert['id']}/resolve",
                          json={"outcome": "referred", "note": note})
    live.clock.advance(10 * ACK_SECONDS)
    await sweep_deadlines(live.app.state.ctx)
    events = [r for r in caplog.records if r.name == "peerhub.moderation.escalation"]
    assert {r.getMessage() for r in events} >= {"escalation_raised", "escalation_acknowledged", "escalation_resolved"}
    # What peerhub writes is each record through its JSON formatter (third-party
    # records keep only their template: aiosqlite's DEBUG lines carry SQL parameters).
    formatter = JsonFormatter()
    for record in caplog.records:
        line = formatter.format(record)
        for secret in (CRISIS, "want to die", note, "pills"):
            assert secret not in line, record.name
    # Our own records never need that protection: no text in message or fields.
    for record in events:
        raw = record.getMessage() + json.dumps(getattr(record, "fields", {}), default=str)
        assert CRISIS not in raw and note not in raw


async def test_scoped_facilitator_elsewhere_neither_alerted_nor_allowed(live: LiveServer, crew: Crew) -> None:
    ctx = live.app.state.ctx
    writer_api = await crew.api("scope_writer")
    admin_api = await crew.api("harbor_keeper", role="admin")
    elsewhere_api = await crew.api("other_room_helper", role="facilitator")
    async with ctx.db.read() as session:
        rooms = {slug: rid for rid, slug in (await session.execute(select(Room.id, Room.slug))).all()}
    lobby = {"id": rooms["lobby"]}
    other = {"id": rooms["night-owls"]}
    r = await admin_api.put("/api/moderation/scopes", json={
        "user_id": elsewhere_api.user["id"], "places": [{"kind": "room", "id": other["id"]}]})  # type: ignore[index]
    assert r.status_code == 200, r.text
    await on_duty(elsewhere_api)
    writer, elsewhere = await crew.ws(writer_api), await crew.ws(elsewhere_api)
    await writer.say("lobby", CRISIS)
    card = await writer.expect("support")
    # A facilitator on duty only for another room does not count here.
    assert card["facilitator_on_duty"] is False
    await elsewhere.ping()
    assert of_type(elsewhere, "escalation") == []
    assert await queue(elsewhere_api, "unresolved") == []
    [row] = await queue(admin_api)
    assert row["scope"] == {"kind": "room", "id": lobby["id"]}
    r = await elsewhere_api.post(f"/api/moderation/escalations/{row['id']}/ack", json={})
    assert r.status_code == 404 and r.json()["error"]["code"] == "escalation_not_found"
    missing = await admin_api.get("/api/moderation/escalations/999999")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "escalation_not_found"
    bad = await admin_api.get("/api/moderation/escalations?status=everything")
    assert bad.status_code == 422
    assert await sweep_deadlines(ctx) == []
