"""Sanctions, room controls, removal, check-ins, duty and the audit log.

Actions go through HTTP; enforcement is checked through the same check
functions the realtime and forum write paths call, with the injected clock.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from peerhub.accounts.service import Viewer, authenticate
from peerhub.errors import Forbidden, RateLimited
from peerhub.moderation import duty, service
from peerhub.moderation.content import Place
from peerhub.moderation.sanctions import KICK_COOLDOWN
from tests.conftest import both_backends
from tests.test_moderation_support import OTHER_ROOM, ROOM, World, make_world

world = pytest.fixture(make_world)
P = "/api/moderation"
ROOM1, ROOM2 = Place("room", ROOM), Place("room", OTHER_ROOM)


def _secs(n: float) -> timedelta:
    return timedelta(seconds=n)


async def _viewer(w: World, who: str) -> Viewer:
    v = await authenticate(w.ctx, w.clients[who].session_cookie)
    assert v is not None
    return v


async def _post_refusal(w: World, who: str, place: Place) -> Forbidden | None:
    """check_can_post's refusal, after checking that ``may_refuse_post`` (the
    condition the chat send path evaluates first, calling check_can_post only
    when it holds) is true whenever there is a refusal, and false otherwise for
    a member (for staff a locked room sets it, and check_can_post lets them post)."""
    viewer = await _viewer(w, who)
    now = w.ctx.clock.now()
    async with w.ctx.db.read() as session:
        flagged = bool((await session.execute(select(service.may_refuse_post(viewer.id, place, now)))).scalar_one())
        try:
            await service.check_can_post(session, viewer, place, now)
        except Forbidden as exc:
            assert flagged, f"may_refuse_post missed {exc.code} for {who} in {place}"
            return exc
    assert viewer.is_staff or not flagged, f"may_refuse_post is true for {who} in {place} with nothing to refuse"
    return None


async def _join_refusal(w: World, who: str, place: Place) -> str | None:
    async with w.ctx.db.read() as session:
        try:
            await service.check_can_join(session, w.ids[who], place, w.ctx.clock.now())
        except Forbidden as exc:
            return exc.code
    return None


@both_backends
async def test_room_mute_expires_with_the_clock(world: World) -> None:
    w = world
    r = await w.clients["scoped_in"].post(f"{P}/sanctions", json={
        "kind": "mute", "user_id": w.ids["victim"], "place": ROOM1.to_json(), "duration_seconds": 600})
    assert r.status_code == 201, r.text
    until = r.json()["sanction"]["expires_at"]
    refusal = await _post_refusal(w, "victim", ROOM1)
    assert refusal is not None and refusal.code == "muted" and refusal.extra["until"] == until
    assert await _post_refusal(w, "victim", ROOM2) is None  # other rooms are fine
    assert await _join_refusal(w, "victim", ROOM1) is None  # muted people can still read
    assert w.events_on(f"user:{w.ids['victim']}") == [{
        "type": "moderation", "event": "muted", "sanction_id": r.json()["sanction"]["id"],
        "user_id": w.ids["victim"], "place": ROOM1.to_json(), "until": until}]
    w.live.clock.advance(599)
    assert await _post_refusal(w, "victim", ROOM1) is not None
    w.live.clock.advance(2)
    assert await _post_refusal(w, "victim", ROOM1) is None
    listed = await w.clients["site"].get(f"{P}/sanctions", params={"user_id": w.ids["victim"]})
    assert listed.json()["sanctions"] == []


async def test_site_ban_and_lift(world: World) -> None:
    w = world
    r = await w.clients["site"].post(f"{P}/sanctions", json={"kind": "ban", "user_id": w.ids["victim"],
                                                             "reason": "threats"})
    assert r.status_code == 201
    sanction_id = r.json()["sanction"]["id"]
    assert r.json()["sanction"]["expires_at"] is None
    async with w.ctx.db.read() as session:
        assert await service.is_banned_site(session, w.ids["victim"], w.ctx.clock.now())
    assert await _join_refusal(w, "victim", ROOM2) == "banned"
    refusal = await _post_refusal(w, "victim", Place("category", 1))
    assert refusal is not None and refusal.code == "banned" and refusal.extra["until"] is None
    w.live.clock.advance(6 * 24 * 3600)  # (idle sessions end after 7 days)
    assert await _join_refusal(w, "victim", ROOM2) == "banned"  # permanent

    r = await w.clients["site"].post(f"{P}/sanctions/{sanction_id}/lift", json={"reason": "appeal"})
    assert r.status_code == 200
    assert await _join_refusal(w, "victim", ROOM2) is None
    assert (await w.clients["site"].post(f"{P}/sanctions/{sanction_id}/lift", json={})).status_code == 409
    events = [e["event"] for e in w.events_on(f"user:{w.ids['victim']}")]
    assert events == ["banned", "unbanned"]
    entries = await w.audit(target=f"user:{w.ids['victim']}")
    assert [(e["action"], e["reason"], e["ref_id"]) for e in entries] == [
        ("unban", "appeal", sanction_id), ("ban", "threats", sanction_id)]


async def test_kick_keeps_out_for_the_cooldown(world: World) -> None:
    w = world
    r = await w.clients["scoped_in"].post(f"{P}/sanctions", json={"kind": "kick", "user_id": w.ids["victim"],
                                                                  "place": ROOM1.to_json()})
    assert r.status_code == 201
    assert await _join_refusal(w, "victim", ROOM1) == "kicked"
    assert await _join_refusal(w, "victim", ROOM2) is None
    w.live.clock.advance(KICK_COOLDOWN.total_seconds() + 1)
    assert await _join_refusal(w, "victim", ROOM1) is None
    r = await w.clients["scoped_in"].post(f"{P}/sanctions", json={"kind": "kick", "user_id": w.ids["victim"]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_place"


async def test_who_can_be_sanctioned(world: World) -> None:
    w = world
    fac = w.clients["site"]
    for target, code in (("site", "not_yourself"), ("scoped_in", "target_is_staff"), ("admin", "target_is_staff")):
        r = await fac.post(f"{P}/sanctions", json={"kind": "mute", "user_id": w.ids[target]})
        assert r.status_code == 403 and r.json()["error"]["code"] == code, target
    r = await w.clients["admin"].post(f"{P}/sanctions", json={"kind": "mute", "user_id": w.ids["scoped_in"],
                                                              "duration_seconds": 60})
    assert r.status_code == 201
    r = await fac.post(f"{P}/sanctions", json={"kind": "mute", "user_id": w.ids["victim"],
                                               "place": {"kind": "room", "id": 999}})
    assert r.status_code == 404


async def test_slow_mode_and_lock(world: World) -> None:
    w = world
    r = await w.clients["scoped_in"].patch(f"{P}/rooms/{ROOM}", json={"slow_mode_seconds": 30, "reason": "busy"})
    assert r.status_code == 200 and r.json() == {"slow_mode_seconds": 30, "locked": False, "pinned": []}
    now = w.ctx.clock.now()
    victim, fac = await _viewer(w, "victim"), await _viewer(w, "scoped_in")
    async with w.ctx.db.read() as session:
        with pytest.raises(RateLimited) as exc:
            await service.check_slow_mode(session, victim, ROOM, now, now - _secs(10))
        assert exc.value.code == "slow_mode" and exc.value.retry_after == 20
        await service.check_slow_mode(session, victim, ROOM, now, now - _secs(30))
        await service.check_slow_mode(session, victim, ROOM, now, None)
        await service.check_slow_mode(session, fac, ROOM, now, now - _secs(1))  # staff exempt
        await service.check_slow_mode(session, victim, OTHER_ROOM, now, now - _secs(1))

    r = await w.clients["scoped_in"].patch(f"{P}/rooms/{ROOM}", json={"locked": True})
    assert r.json()["locked"] is True
    refusal = await _post_refusal(w, "victim", ROOM1)
    assert refusal is not None and refusal.code == "locked"
    assert await _post_refusal(w, "scoped_in", ROOM1) is None
    assert (await _post_refusal(w, "scoped_out", ROOM1)) is not None  # not their room
    state = await w.clients["member"].get(f"{P}/rooms/{ROOM}")
    assert state.json() == {"slow_mode_seconds": 30, "locked": True, "pinned": []}
    assert [e["event"] for e in w.events_on(f"mod:room:{ROOM}")] == ["room_controls", "room_controls"]
    entries = await w.audit(target=f"room:{ROOM}")
    assert [(e["action"], e["ref_id"]) for e in entries] == [("lock", None), ("slow_mode", 30)]
    assert (await w.clients["member"].get(f"{P}/rooms/999")).status_code == 404


async def test_remove_restore_and_pins(world: World) -> None:
    w = world
    mid = w.messages.add(ROOM1, w.ids["victim"])
    fac = w.clients["scoped_in"]
    r = await fac.post(f"{P}/content/message/{mid}/remove", json={"reason": "personal details"})
    assert r.status_code == 200 and w.messages.items[mid].removed
    assert (await fac.post(f"{P}/content/message/{mid}/remove", json={})).status_code == 409
    assert (await fac.post(f"{P}/content/message/4242/remove", json={})).status_code == 404
    assert (await fac.post(f"{P}/content/thing/{mid}/remove", json={})).status_code == 404
    assert (await fac.post(f"{P}/content/message/{mid}/restore", json={})).status_code == 200
    assert not w.messages.items[mid].removed
    room_events = w.events_on(f"mod:room:{ROOM}")
    assert room_events == [
        {"type": "moderation", "event": "content_removed", "target": {"kind": "message", "id": mid},
         "place": ROOM1.to_json()},
        {"type": "moderation", "event": "content_restored", "target": {"kind": "message", "id": mid},
         "place": ROOM1.to_json()},
    ]
    elsewhere = w.messages.add(ROOM2, w.ids["victim"])
    r = await fac.post(f"{P}/rooms/{ROOM}/pins", json={"message_id": elsewhere})
    assert r.status_code == 404
    r = await fac.post(f"{P}/rooms/{ROOM}/pins", json={"message_id": mid})
    assert r.status_code == 201 and r.json()["pinned"] == [mid]
    assert (await fac.post(f"{P}/rooms/{ROOM}/pins", json={"message_id": mid})).status_code == 409
    assert (await fac.delete(f"{P}/rooms/{ROOM}/pins/{mid}")).json()["pinned"] == []
    actions = [e["action"] for e in await w.audit(actor=w.ids["scoped_in"])]
    assert actions[:4] == ["unpin", "pin", "restore", "remove"]


async def test_checkin_is_private_delivered_and_readable(world: World) -> None:
    w = world
    r = await w.clients["scoped_out"].post(f"{P}/checkins", json={
        "user_id": w.ids["victim"], "text": "Saw your post. Relapse is part of it for many of us. I'm here."})
    assert r.status_code == 201
    checkin = r.json()["checkin"]
    [event] = w.events_on(f"user:{w.ids['victim']}")
    assert event == {"type": "checkin", **checkin}
    mine = (await w.clients["victim"].get(f"{P}/checkins")).json()["checkins"]
    assert mine == [checkin]
    assert (await w.clients["member"].get(f"{P}/checkins")).json()["checkins"] == []
    [entry] = await w.audit(target=f"user:{w.ids['victim']}")
    assert entry["action"] == "checkin" and entry["ref_id"] == checkin["id"]
    assert "Relapse" not in json.dumps(entry)
    # Not a sanction: nothing changes for the person.
    assert await _post_refusal(w, "victim", ROOM1) is None


async def test_duty_heartbeat_and_sweep(world: World) -> None:
    w = world
    assert (await w.clients["scoped_in"].post(f"{P}/duty", json={"on": True})).json() == {"on": True}
    now = w.ctx.clock.now
    async with w.ctx.db.read() as session:
        assert await service.facilitator_on_duty(session, ROOM1, now())
        assert not await service.facilitator_on_duty(session, ROOM2, now())
    on_duty = (await w.clients["scoped_out"].get(f"{P}/duty")).json()["on_duty"]
    assert [(d["user"]["id"], d["scopes"]) for d in on_duty] == [(w.ids["scoped_in"], [ROOM1.to_json()])]

    # Heartbeats keep the shift alive past the grace period...
    for _ in range(3):
        w.live.clock.advance(duty.DUTY_GRACE.total_seconds() * 0.6)
        assert await service.do_heartbeat(w.ctx, w.ids["scoped_in"])
    assert await service.sweep_duty(w.ctx) == []
    assert not await service.do_heartbeat(w.ctx, w.ids["member"])
    # ...and a disconnect longer than the grace ends it.
    w.live.clock.advance(duty.DUTY_GRACE.total_seconds() + 1)
    async with w.ctx.db.read() as session:
        assert not await service.facilitator_on_duty(session, ROOM1, now())
    assert await service.sweep_duty(w.ctx) == [w.ids["scoped_in"]]
    assert not await service.do_heartbeat(w.ctx, w.ids["scoped_in"])

    await w.clients["site"].post(f"{P}/duty", json={"on": True})
    async with w.ctx.db.read() as session:
        assert await service.places_with_facilitator(session, [ROOM1, ROOM2, Place("category", 3)], now()) == {
            ROOM1, ROOM2, Place("category", 3)}
    await w.clients["site"].post(f"{P}/duty", json={"on": False})
    assert (await w.clients["site"].get(f"{P}/duty")).json()["on_duty"] == []
    entries = await w.audit()
    assert [(e["action"], e["actor_id"]) for e in entries if e["action"].startswith("duty")] == [
        ("duty_off", w.ids["site"]), ("duty_on", w.ids["site"]), ("duty_expired", None),
        ("duty_on", w.ids["scoped_in"])]
    assert [(e["user_id"], e["on"], e["why"]) for e in w.events_on("staff") if e["event"] == "duty"] == [
        (w.ids["scoped_in"], True, "set"), (w.ids["scoped_in"], False, "expired"),
        (w.ids["site"], True, "set"), (w.ids["site"], False, "set")]


@both_backends
async def test_audit_is_append_only_and_pages_by_cursor(world: World) -> None:
    w = world
    for i in range(3):
        await w.clients["site"].post(f"{P}/users/{w.ids['victim']}/notes", json={"text": f"note {i}"})
    async with w.ctx.db.read() as session:
        count = (await session.execute(text("SELECT count(*) FROM mod_audit"))).scalar_one()
    for statement in ("UPDATE mod_audit SET reason = 'x'", "DELETE FROM mod_audit"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with w.ctx.db.write() as session:
                await session.execute(text(statement))
    async with w.ctx.db.read() as session:
        assert (await session.execute(text("SELECT count(*) FROM mod_audit"))).scalar_one() == count

    from peerhub.moderation import audit

    seen: list[int] = []
    cursor = None
    original = audit.AUDIT_PAGE
    audit.AUDIT_PAGE = 2
    try:
        while True:
            params = {"actor": w.ids["site"]} | ({"cursor": cursor} if cursor else {})
            body = (await w.clients["scoped_out"].get(f"{P}/audit", params=params)).json()
            seen += [e["id"] for e in body["entries"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
    finally:
        audit.AUDIT_PAGE = original
    assert len(seen) == 3 and seen == sorted(seen, reverse=True)
    bad = await w.clients["site"].get(f"{P}/audit", params={"target": "nonsense"})
    assert bad.status_code == 422
    # No route edits or deletes the log.
    assert (await w.clients["admin"].delete(f"{P}/audit")).status_code == 405
