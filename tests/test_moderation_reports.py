"""Reports and the review queue over HTTP: merge, duplicates, rate limit,
ordering, scoping, outcome shown to the reporter, and the audit trail."""

from __future__ import annotations

import json

import pytest

from peerhub.moderation.content import Place
from peerhub.moderation.reports import REPORTS_PER_REPORTER
from tests.conftest import both_backends
from tests.test_moderation_support import OTHER_ROOM, ROOM, World, make_world

world = pytest.fixture(make_world)
P = "/api/moderation"


def _msg(w: World, room: int = ROOM, author: str = "victim") -> int:
    return w.messages.add(Place("room", room), w.ids[author], text=f"line by {author}")


async def _report(w: World, who: str, kind: str, target: int, reason: str, text: str | None = None) -> int:
    body = {"target_kind": kind, "target_id": target, "reason": reason}
    if text is not None:
        body["text"] = text
    r = await w.clients[who].post(f"{P}/reports", json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["report"]["id"])


async def _queue(w: World, who: str = "admin", status: str = "open") -> list[dict[str, object]]:
    r = await w.clients[who].get(f"{P}/reports", params={"status": status})
    assert r.status_code == 200, r.text
    reports: list[dict[str, object]] = r.json()["reports"]
    return reports


@both_backends
async def test_reports_on_one_target_merge_and_duplicates_are_refused(world: World) -> None:
    w = world
    mid = _msg(w)
    await _report(w, "member", "message", mid, "spam")
    await _report(w, "spare", "message", mid, "harassment")
    queue = await _queue(w)
    assert len(queue) == 1
    item = queue[0]
    assert item["filings"] == 2 and item["severity"] == 60
    assert item["reasons"] == {"spam": 1, "harassment": 1}
    assert item["subject_id"] == w.ids["victim"]
    assert "reporter" not in json.dumps(item)  # identities only in the audited detail view

    again = await w.clients["member"].post(f"{P}/reports", json={"target_kind": "message", "target_id": mid,
                                                                  "reason": "unsafe_content"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_reported"
    assert (await _queue(w))[0]["filings"] == 2


async def test_bad_targets(world: World) -> None:
    w = world
    member = w.clients["member"]
    r = await member.post(f"{P}/reports", json={"target_kind": "message", "target_id": 999, "reason": "spam"})
    assert r.status_code == 404
    r = await member.post(f"{P}/reports", json={"target_kind": "user", "target_id": w.ids["member"],
                                                "reason": "spam"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "not_yourself"
    r = await member.post(f"{P}/reports", json={"target_kind": "user", "target_id": w.ids["victim"],
                                                "reason": "other"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "reason_text_required"
    r = await member.post(f"{P}/reports", json={"target_kind": "user", "target_id": w.ids["victim"],
                                                "reason": "rude"})
    assert r.status_code == 422


async def test_reports_are_rate_limited_per_reporter(world: World) -> None:
    w = world
    capacity = int(REPORTS_PER_REPORTER[0])
    for _ in range(capacity):
        await _report(w, "member", "message", _msg(w), "spam")
    r = await w.clients["member"].post(f"{P}/reports", json={"target_kind": "message", "target_id": _msg(w),
                                                             "reason": "spam"})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) > 0
    # Another reporter is not affected.
    await _report(w, "spare", "message", _msg(w), "spam")
    # The bucket refills with (fake) time.
    w.live.clock.advance(3600 / capacity + 1)
    await _report(w, "member", "message", _msg(w), "spam")


async def test_queue_orders_by_severity_then_age_and_shows_context(world: World) -> None:
    w = world
    before = [_msg(w, author="member") for _ in range(3)]
    spam_old = _msg(w)
    after = [_msg(w, author="member") for _ in range(4)]
    await _report(w, "spare", "message", spam_old, "spam")
    w.live.clock.advance(60)
    harass = _msg(w)
    await _report(w, "spare", "message", harass, "harassment")
    w.live.clock.advance(60)
    spam_new = _msg(w)
    await _report(w, "spare", "message", spam_new, "spam")
    w.live.clock.advance(60)
    await _report(w, "spare", "user", w.ids["victim"], "safety_concern")
    queue = await _queue(w)
    order = [(q["target"]["kind"], q["target"]["id"]) for q in queue]  # type: ignore[index]
    assert order == [("user", w.ids["victim"]), ("message", harass), ("message", spam_old), ("message", spam_new)]
    content = queue[2]["content"]
    assert isinstance(content, dict)
    assert [m["id"] for m in content["before"]] == before
    assert [m["id"] for m in content["after"]] == after[:3]
    assert content["item"]["id"] == spam_old
    # No event ever reaches the reported person.
    assert w.events_on(f"user:{w.ids['victim']}") == []
    staff_events = [e for e in w.events_on("staff") if e["event"] == "report"]
    assert len(staff_events) == 4 and all("reporter" not in json.dumps(e) for e in staff_events)


async def test_scoped_facilitators_see_their_places_only(world: World) -> None:
    w = world
    in_room = _msg(w, ROOM)
    other = _msg(w, OTHER_ROOM)
    await _report(w, "member", "message", in_room, "spam")
    await _report(w, "member", "message", other, "spam")
    await _report(w, "member", "user", w.ids["victim"], "harassment")
    seen = {who: {(q["target"]["kind"], q["target"]["id"]) for q in await _queue(w, who)}  # type: ignore[index]
            for who in ("scoped_in", "scoped_out", "site")}
    assert seen["scoped_in"] == {("message", in_room)}
    assert seen["scoped_out"] == {("message", other)}
    assert seen["site"] == {("message", in_room), ("message", other), ("user", w.ids["victim"])}
    r = await w.clients["member"].get(f"{P}/reports")
    assert r.status_code == 403


async def test_claim_resolve_outcome_and_audit(world: World) -> None:
    w = world
    a, b = _msg(w), _msg(w)
    await _report(w, "member", "message", a, "harassment")
    await _report(w, "member", "message", b, "other", text="my own words about this")
    queue = await _queue(w, "scoped_in")
    rid_a = next(q["id"] for q in queue if q["target"]["id"] == a)  # type: ignore[index]
    rid_b = next(q["id"] for q in queue if q["target"]["id"] == b)  # type: ignore[index]
    fac = w.clients["scoped_in"]

    detail = await fac.get(f"{P}/reports/{rid_b}")
    assert detail.status_code == 200
    filing = detail.json()["filings"][0]
    assert filing["reporter"]["id"] == w.ids["member"] and filing["text"] == "my own words about this"

    assert (await fac.post(f"{P}/reports/{rid_a}/claim")).status_code == 200
    r = await w.clients["site"].post(f"{P}/reports/{rid_a}/claim")
    assert r.status_code == 409 and r.json()["error"]["code"] == "already_claimed"

    # The action, then the resolution linked to its audit entry.
    mute = await fac.post(f"{P}/sanctions", json={"kind": "mute", "user_id": w.ids["victim"],
                                                  "place": {"kind": "room", "id": ROOM}, "duration_seconds": 3600,
                                                  "reason": "cool off"})
    assert mute.status_code == 201
    mute_audit = mute.json()["audit_id"]
    r = await fac.post(f"{P}/reports/{rid_a}/resolve", json={"outcome": "actioned"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "action_link"
    r = await fac.post(f"{P}/reports/{rid_a}/resolve", json={"outcome": "actioned", "action_audit_id": mute_audit})
    assert r.status_code == 200 and r.json()["action_audit_id"] == mute_audit
    r = await fac.post(f"{P}/reports/{rid_b}/resolve", json={"outcome": "dismissed"})
    assert r.status_code == 200
    r = await fac.post(f"{P}/reports/{rid_b}/resolve", json={"outcome": "dismissed"})
    assert r.status_code == 409

    mine = (await w.clients["member"].get(f"{P}/reports/mine")).json()["reports"]
    outcomes = {m["target"]["id"]: (m["status"], m["outcome"]) for m in mine}
    assert outcomes == {a: ("reviewed", "reviewed, action taken"), b: ("reviewed", "reviewed")}
    assert "mute" not in json.dumps(mine)
    reviewed = w.events_on(f"user:{w.ids['member']}")
    assert sorted(e["outcome"] for e in reviewed) == ["reviewed", "reviewed, action taken"]
    assert (await w.clients["victim"].get(f"{P}/reports/mine")).json()["reports"] == []
    assert await _queue(w) == []
    assert len(await _queue(w, status="resolved")) == 2

    entries = await w.audit(actor=w.ids["scoped_in"])
    actions = [(e["action"], e["target"]["kind"], e["target"]["id"]) for e in reversed(entries)]
    assert actions == [
        ("view_report", "report", rid_b),
        ("report_claim", "report", rid_a),
        ("mute", "user", w.ids["victim"]),
        ("report_resolve", "report", rid_a),
        ("report_resolve", "report", rid_b),
    ]
    resolve_a = next(e for e in entries if e["action"] == "report_resolve" and e["target"]["id"] == rid_a)
    assert resolve_a["ref_id"] == mute_audit
    everything = json.dumps(await w.audit())
    assert "my own words" not in everything and "line by" not in everything


async def test_safety_concern_goes_to_staff_only(world: World) -> None:
    w = world
    await _report(w, "member", "user", w.ids["victim"], "spam")
    await _report(w, "spare", "user", w.ids["victim"], "safety_concern")
    queue = await _queue(w, "site")
    assert queue[0]["severity"] == 100 and queue[0]["filings"] == 2
    assert w.events_on(f"user:{w.ids['victim']}") == []
    assert (await w.clients["victim"].get(f"{P}/reports")).status_code == 403
    # Reports about a person have no place: scoped facilitators do not get them.
    assert await _queue(w, "scoped_in") == []
    r = await w.clients["scoped_in"].get(f"{P}/reports/{queue[0]['id']}")
    assert r.status_code == 403


async def test_history_view_is_audited(world: World) -> None:
    w = world
    r = await w.clients["site"].post(f"{P}/users/{w.ids['victim']}/notes", json={"text": "Rough week; be gentle."})
    assert r.status_code == 201
    history = await w.clients["scoped_out"].get(f"{P}/users/{w.ids['victim']}")
    assert history.status_code == 200
    assert [n["text"] for n in history.json()["notes"]] == ["Rough week; be gentle."]
    entries = await w.audit(target=f"user:{w.ids['victim']}")
    assert [(e["action"], e["actor_id"]) for e in entries][:2] == [
        ("view_user_history", w.ids["scoped_out"]), ("note", w.ids["site"])]
    assert "Rough week" not in json.dumps(entries)
