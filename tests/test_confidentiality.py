"""Confidentiality over the public surface: agreements (socket and HTTP gates,
versions), personal-details policies on the socket, retention and history
purges with the injected clock."""

from __future__ import annotations

from typing import Any

import pytest

from peerhub.errors import InvalidInput
from peerhub.moderation.confidentiality import parse_retention
from peerhub.moderation.confidentiality_purge import HISTORY_DAYS, run_purge
from tests.conftest import TEST_PASSWORD, ApiClient, LiveServer, both_backends
from tests.forum_helpers import category_ids, new_thread, reply
from tests.people import People as BasePeople
from tests.people import group_fixture
from tests.wsclient import WsError

HOUR = 3600
PHONE = "call me at 415 555 0134 tonight"
CRISIS = "Honestly I just want to die, I cannot do this anymore"


class People(BasePeople):
    def __init__(self, live: LiveServer) -> None:
        super().__init__(live, hello=True)


people = group_fixture(People, "people")


async def default_agreement(api: ApiClient) -> dict[str, Any]:
    r = await api.get("/api/agreements")
    assert r.status_code == 200, r.text
    found: dict[str, Any] = next(a for a in r.json()["agreements"] if a["slug"] == "default")
    return found


async def messages(api: ApiClient, room: str) -> list[dict[str, Any]]:
    r = await api.get(f"/api/rooms/{room}/messages", params={"after": 0, "limit": 200})
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["messages"]
    return rows


# --- agreements ------------------------------------------------------------------


async def test_default_agreement_text_covers_the_promises(api: ApiClient) -> None:
    await api.signup_login("reader_one")
    text = (await default_agreement(api))["text"].lower()
    for promise in ("anonymous", "outside", "screenshot", "identifying", "safety"):
        assert promise in text


async def test_room_agreement_gate_over_the_socket_and_new_versions(live: LiveServer, people: People) -> None:
    admin = await people.api("gate_keeper", role="admin")
    member = await people.api("gate_member")
    agreement = await default_agreement(admin)
    aid = agreement["id"]
    r = await admin.put("/api/confidentiality/rooms/lobby", json={"agreement_id": aid})
    assert r.status_code == 200 and r.json()["agreement_id"] == aid, r.text

    ws = await people.ws(member)
    with pytest.raises(WsError) as refused:
        await ws.join("lobby")
    frame = refused.value.frame
    assert frame["code"] == "agreement_required" and frame["room"] == "lobby"
    assert frame["agreement"]["id"] == aid and frame["agreement"]["version"] == 1
    assert frame["agreement"]["text"] == agreement["text"]
    # Other rooms need nothing.
    await ws.join("cravings-sos")

    r = await member.post(f"/api/agreements/{aid}/accept", json={"version": 1})
    assert r.status_code == 200 and r.json() == {"agreement_id": aid, "version": 1, "accepted": True}
    assert (await ws.join("lobby"))["room"] == "lobby"
    await ws.say("lobby", "glad to be here")

    # A new text is a new version: everyone accepts again.
    r = await admin.patch(f"/api/agreements/{aid}", json={"text": agreement["text"] + "\n6. Be kind."})
    assert r.status_code == 200 and r.json()["version"] == 2, r.text
    r = await member.get(f"/api/agreements/{aid}")
    assert r.json()["accepted_version"] == 1 and r.json()["accepted"] is False
    second = await people.ws(member)
    with pytest.raises(WsError) as again:
        await second.join("lobby")
    assert again.value.frame["agreement"]["version"] == 2 and "Be kind" in again.value.frame["agreement"]["text"]
    r = await member.post(f"/api/agreements/{aid}/accept", json={"version": 1})
    assert r.status_code == 409 and r.json()["error"]["code"] == "agreement_changed"
    assert r.json()["error"]["agreement"]["version"] == 2
    r = await member.post(f"/api/agreements/{aid}/accept", json={"version": 2})
    assert r.status_code == 200
    await second.join("lobby")
    # A title-only change is not a new version.
    r = await admin.patch(f"/api/agreements/{aid}", json={"title": "House rules"})
    assert r.json()["version"] == 2

    # Detaching lifts the requirement.
    r = await admin.put("/api/confidentiality/rooms/lobby", json={"agreement_id": None})
    assert r.json()["agreement_id"] is None


async def test_agreement_admin_endpoints_are_admin_only(people: People) -> None:
    admin = await people.api("only_boss", role="admin")
    staff = await people.api("only_staff", role="facilitator")
    member = await people.api("only_member")
    body = {"slug": "night-rules", "title": "Night rules", "text": "Stay anonymous. No screenshots."}
    for who in (member, staff):
        assert (await who.post("/api/agreements", json=body)).status_code == 403
        assert (await who.put("/api/confidentiality/rooms/lobby", json={"retention": "24h"})).status_code == 403
        assert (await who.get("/api/confidentiality/purges")).status_code == 403
    r = await admin.post("/api/agreements", json=body)
    assert r.status_code == 201 and r.json()["version"] == 1
    assert (await admin.post("/api/agreements", json=body)).status_code == 409
    r = await admin.post("/api/agreements", json={**body, "slug": "blank", "text": "   "})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_text"
    r = await admin.put("/api/confidentiality/rooms/lobby", json={"retention": "soon"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_retention"
    assert (await admin.put("/api/confidentiality/rooms/nowhere", json={"retention": "1d"})).status_code == 404
    r = await admin.put("/api/confidentiality/rooms/lobby", json={"agreement_id": 999_999})
    assert r.status_code == 422 and r.json()["error"]["code"] == "agreement_not_found"
    assert (await member.get("/api/agreements/999999")).status_code == 404
    r = await member.get("/api/confidentiality/rooms/lobby")
    assert r.status_code == 200 and r.json()["retention"] == "forever"


async def test_category_agreement_gate_over_http(people: People) -> None:
    admin = await people.api("cat_keeper", role="admin")
    member = await people.api("cat_member")
    cid = (await category_ids(admin))[0]
    thread = await new_thread(admin, cid, "Welcome thread", "Say hello below.")
    tid = thread["thread"]["id"] if "thread" in thread else thread["id"]
    created = await admin.post("/api/agreements", json={"slug": "forum-rules", "title": "Forum rules",
                                                         "text": "What's said here stays here."})
    aid = created.json()["id"]
    r = await admin.put(f"/api/confidentiality/categories/{cid}", json={"agreement_id": aid})
    assert r.status_code == 200, r.text

    r = await member.post("/api/forum/threads", json={"category_id": cid, "title": "My story", "body": "Day one."})
    assert r.status_code == 403 and r.json()["error"]["code"] == "agreement_required"
    assert r.json()["error"]["agreement"] == {"id": aid, "slug": "forum-rules", "title": "Forum rules",
                                              "version": 1, "text": "What's said here stays here."}
    r = await member.post(f"/api/forum/threads/{tid}/posts", json={"body": "hello"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "agreement_required"
    # Reading is not gated.
    assert (await member.get(f"/api/forum/threads/{tid}")).status_code == 200

    assert (await member.post(f"/api/agreements/{aid}/accept", json={"version": 1})).status_code == 200
    await new_thread(member, cid, "My story", "Day one.")
    await reply(member, tid, "hello")


# --- personal-details policies on the socket ----------------------------------------


async def _policy(admin: ApiClient, room: str, policy: str) -> None:
    r = await admin.patch(f"/api/rooms/{room}", json={"personal_policy": policy})
    assert r.status_code == 200 and r.json()["personal_policy"] == policy, r.text


async def test_personal_details_policies_over_the_socket(people: People) -> None:
    admin = await people.api("policy_keeper", role="admin")
    member = await people.api("policy_member")
    ws = await people.ws(member)
    await ws.join("lobby")

    # warn (the default): refused with the kinds, then sent with confirm.
    with pytest.raises(WsError) as warned:
        await ws.say("lobby", PHONE)
    assert warned.value.code == "personal_details" and warned.value.frame["kinds"] == ["phone"]
    ack = await ws.say("lobby", PHONE, confirm=True)
    stored = (await messages(member, "lobby"))[-1]
    assert stored["seq"] == ack["seq"] and stored["text"] == PHONE

    # redact: stored (and delivered) with the placeholder, never the number.
    await _policy(admin, "lobby", "redact")
    ack = await ws.say("lobby", PHONE)
    live_frame = await ws.expect("message", room="lobby", seq=ack["seq"])
    assert live_frame["text"] == "call me at [phone number removed] tonight"
    assert (await messages(member, "lobby"))[-1]["text"] == "call me at [phone number removed] tonight"

    # block: refused even with confirm; nothing stored.
    await _policy(admin, "lobby", "block")
    before = len(await messages(member, "lobby"))
    for confirm in (False, True):
        with pytest.raises(WsError) as blocked:
            await ws.say("lobby", PHONE, confirm=confirm)
        assert blocked.value.code == "personal_details" and blocked.value.frame["kinds"] == ["phone"]
    assert len(await messages(member, "lobby")) == before

    # Facilitators follow the same rules.
    staff = await people.ws(admin)
    await staff.join("lobby")
    with pytest.raises(WsError):
        await staff.say("lobby", PHONE, confirm=True)

    # allow: stored as written.
    await _policy(admin, "lobby", "allow")
    await ws.say("lobby", PHONE)
    assert (await messages(member, "lobby"))[-1]["text"] == PHONE


# --- retention ---------------------------------------------------------------------


def test_parse_retention() -> None:
    assert parse_retention("forever").keep_hours is None
    assert parse_retention("24h").keep_hours == 24 and parse_retention("24h").label == "1d"
    assert parse_retention("36 hours").label == "36h" and parse_retention("36 hours").days == 2
    assert parse_retention("7d").keep_hours == 168
    for bad in ("0h", "soon", "-1d", "3651d", "24"):
        with pytest.raises(InvalidInput):
            parse_retention(bad)


@both_backends
async def test_retention_purges_expired_messages_for_real(live: LiveServer, people: People) -> None:
    ctx = live.app.state.ctx
    admin = await people.api("owl_keeper", role="admin")
    member = await people.api("owl_member")
    r = await admin.put("/api/confidentiality/rooms/night-owls", json={"retention": "24h"})
    assert r.status_code == 200 and r.json()["retention"] == "1d" and r.json()["retention_hours"] == 24
    assert (await admin.get("/api/rooms/night-owls")).json()["retention_days"] == 1

    ws = await people.ws(member)
    await ws.join("night-owls")
    await ws.join("lobby")
    await ws.say("night-owls", "old line one")
    await ws.say("night-owls", "old line two")
    await ws.say("lobby", "lobby keeps forever")
    live.clock.advance(20 * HOUR)
    await ws.say("night-owls", "newer line")
    live.clock.advance(5 * HOUR)  # the first two are 25 h old, the third 5 h

    counts = await run_purge(ctx)
    assert counts.messages == 2
    assert [m["text"] for m in await messages(member, "night-owls")] == ["newer line"]
    assert [m["text"] for m in await messages(member, "lobby")] == ["lobby keeps forever"]
    async with ctx.db.read() as session:
        from sqlalchemy import text

        left = (await session.execute(text("SELECT count(*) FROM room_messages WHERE text LIKE 'old line%'"))).scalar()
    assert left == 0
    # Counts, not content, are recorded.
    r = await admin.get("/api/confidentiality/purges")
    assert r.json()["purges"][0] == {"at": r.json()["purges"][0]["at"], "kind": "retention", "messages": 2,
                                     "posts": 0, "revisions": 0, "other": 0}
    assert (await run_purge(ctx)).total == 0  # idle: nothing more

    # Hour-level retention; then PATCH /api/rooms retention_days takes over again.
    r = await admin.put("/api/confidentiality/rooms/night-owls", json={"retention": "6h"})
    assert r.json()["retention"] == "6h"
    r = await admin.patch("/api/rooms/night-owls", json={"retention_days": 3})
    assert r.status_code == 200
    assert (await admin.get("/api/confidentiality/rooms/night-owls")).json()["retention"] == "3d"
    r = await admin.put("/api/confidentiality/rooms/night-owls", json={"retention": "forever"})
    assert r.json()["retention"] == "forever"
    assert (await admin.get("/api/rooms/night-owls")).json()["retention_days"] is None


async def test_retention_keeps_messages_under_an_unresolved_escalation(live: LiveServer, people: People) -> None:
    ctx = live.app.state.ctx
    admin = await people.api("esc_keeper", role="admin")
    member = await people.api("esc_member")
    await admin.put("/api/confidentiality/rooms/night-owls", json={"retention": "1h"})
    ws = await people.ws(member)
    await ws.join("night-owls")
    await ws.say("night-owls", "just chatting")
    await ws.say("night-owls", CRISIS)
    await ws.expect("support")  # the crisis card: the escalation is open
    live.clock.advance(2 * HOUR)
    assert (await run_purge(ctx)).messages == 1
    assert [m["text"] for m in await messages(member, "night-owls")] == [CRISIS]

    r = await admin.get("/api/moderation/escalations?status=open")
    (esc,) = r.json()["escalations"]
    r = await admin.post(f"/api/moderation/escalations/{esc['id']}/resolve", json={"outcome": "supported"})
    assert r.status_code == 200, r.text
    assert (await run_purge(ctx)).messages == 1
    assert await messages(member, "night-owls") == []


async def test_edit_history_is_purged_after_the_window(live: LiveServer, people: People) -> None:
    ctx = live.app.state.ctx
    staff = await people.api("hist_staff", role="admin")
    member = await people.api("hist_member")
    cid = (await category_ids(member))[1]
    created = await new_thread(member, cid, "Week one", "first words")
    post_id = created["post"]["id"]
    r = await member.patch(f"/api/forum/posts/{post_id}", json={"body": "second words"})
    assert r.status_code == 200, r.text

    async def history() -> list[Any]:
        r = await staff.get(f"/api/forum/posts/{post_id}/history")
        assert r.status_code == 200, r.text
        revisions: list[Any] = r.json()["revisions"]
        return revisions

    assert len(await history()) == 1
    live.clock.advance((HISTORY_DAYS - 1) * 24 * HOUR)
    assert (await run_purge(ctx)).revisions == 0
    live.clock.advance(2 * 24 * HOUR)
    assert (await run_purge(ctx)).revisions == 1
    r = await staff.post("/api/auth/login", json={"handle": "hist_staff", "password": TEST_PASSWORD})
    assert r.status_code == 200  # the session went idle over the week
    assert await history() == []


async def test_removed_content_is_cleared_after_the_window(live: LiveServer, people: People) -> None:
    ctx = live.app.state.ctx
    staff = await people.api("clear_staff", role="admin")
    member = await people.api("clear_member")
    ws = await people.ws(member)
    await ws.join("lobby")
    ack = await ws.say("lobby", "something a facilitator takes down")
    line = await ws.expect("message", room="lobby", seq=ack["seq"])
    cid = (await category_ids(member))[1]
    created = await new_thread(member, cid, "A thread", "keep this")
    removed_post = await reply(member, created["thread"]["id"], "a post a facilitator takes down")
    for kind, target in (("message", line["id"]), ("post", removed_post["id"])):
        r = await staff.post(f"/api/moderation/content/{kind}/{target}/remove", json={"reason": "off topic"})
        assert r.status_code == 200, r.text

    async def stored() -> tuple[str, str]:
        async with ctx.db.read() as session:
            from sqlalchemy import text

            chat = (await session.execute(text("SELECT text FROM room_messages WHERE id = :i"),
                                          {"i": line["id"]})).scalar_one()
            body = (await session.execute(text("SELECT body_source FROM forum_posts WHERE id = :i"),
                                          {"i": removed_post["id"]})).scalar_one()
        return chat, body

    # Kept for review and restore within the window...
    live.clock.advance((HISTORY_DAYS - 1) * 24 * HOUR)
    counts = await run_purge(ctx)
    assert (counts.removed_messages, counts.posts) == (0, 0)
    assert await stored() == ("something a facilitator takes down", "a post a facilitator takes down")
    # ...then cleared; the placeholder rows stay.
    live.clock.advance(2 * 24 * HOUR)
    counts = await run_purge(ctx)
    assert (counts.removed_messages, counts.posts) == (1, 1)
    assert await stored() == ("", "")
    r = await staff.post("/api/auth/login", json={"handle": "clear_staff", "password": TEST_PASSWORD})
    purges = (await staff.get("/api/confidentiality/purges")).json()["purges"]
    assert {"kind": "history", "messages": 1, "posts": 1} in [
        {k: p[k] for k in ("kind", "messages", "posts")} for p in purges]
