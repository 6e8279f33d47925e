"""Rooms over HTTP: listing, staff-only create/update, keyset history pages."""

from __future__ import annotations

from tests.conftest import LiveServer, both_backends
from tests.people import group_fixture
from tests.test_realtime import People, tick

people = group_fixture(People, "people")


@both_backends
async def test_rooms_list_create_patch(live: LiveServer, people: People) -> None:
    member = await people.api("plain_member")
    staff = await people.api("room_keeper", role="facilitator")
    r = await member.get("/api/rooms")
    assert r.status_code == 200
    assert [room["slug"] for room in r.json()["rooms"]] == ["lobby", "night-owls", "cravings-sos"]
    lobby = r.json()["rooms"][0]
    assert isinstance(lobby.pop("id"), int)  # room controls (/api/moderation/rooms/{id}) need it
    assert lobby == {
        "slug": "lobby", "title": "Lobby", "description": "Say hello, check in, hang out.", "online": 0,
        "facilitator_on_duty": False, "last_seq": 0, "personal_policy": "warn", "retention_days": None,
    }
    assert (await live.client().get("/api/rooms")).status_code == 401

    body = {"slug": "morning-check-in", "title": "Morning check-in", "personal_policy": "block"}
    assert (await member.post("/api/rooms", json=body)).status_code == 403
    r = await staff.post("/api/rooms", json=body)
    assert r.status_code == 201
    assert r.json()["personal_policy"] == "block"
    assert (await staff.post("/api/rooms", json=body)).json()["error"]["code"] == "room_exists"
    bad = await staff.post("/api/rooms", json={"slug": "Bad Slug!", "title": "x"})
    assert bad.status_code == 422
    bad = await staff.post("/api/rooms", json={"slug": "ok-slug", "title": "x", "personal_policy": "shout"})
    assert bad.status_code == 422

    assert (await member.patch("/api/rooms/morning-check-in", json={"title": "Mornings"})).status_code == 403
    r = await staff.patch("/api/rooms/morning-check-in", json={"title": "Mornings", "retention_days": 30})
    assert r.status_code == 200
    assert (r.json()["title"], r.json()["retention_days"]) == ("Mornings", 30)
    assert (await staff.patch("/api/rooms/nope", json={"title": "x"})).status_code == 404
    assert (await member.get("/api/rooms/morning-check-in")).json()["title"] == "Mornings"
    assert (await member.get("/api/rooms/missing")).json()["error"]["code"] == "room_not_found"

    # The room's personal-details policy applies to the socket at once.
    ws = await people.ws(member)
    await ws.join("morning-check-in")
    await ws.send("morning-check-in", "mail me at someone@example.com", client_msg_id="pd")
    err = await ws.expect("error", ref="pd")
    assert err["code"] == "personal_details" and "kinds" in err
    await staff.patch("/api/rooms/morning-check-in", json={"personal_policy": "redact"})
    tick(live)
    ack = await ws.say("morning-check-in", "mail me at someone@example.com")
    msg = await ws.expect("message", seq=ack["seq"])
    assert "someone@example.com" not in msg["text"]


async def test_history_pages_and_limits(live: LiveServer, people: People) -> None:
    api = await people.api("history_reader")
    ws = await people.ws(api)
    await ws.join("lobby")
    for i in range(12):
        tick(live)
        await ws.say("lobby", f"h{i + 1}")
    get = api.get
    page = (await get("/api/rooms/lobby/messages", params={"limit": 5})).json()["messages"]
    assert [m["seq"] for m in page] == [8, 9, 10, 11, 12]
    page = (await get("/api/rooms/lobby/messages", params={"before": 8, "limit": 5})).json()["messages"]
    assert [m["seq"] for m in page] == [3, 4, 5, 6, 7]
    page = (await get("/api/rooms/lobby/messages", params={"after": 10})).json()["messages"]
    assert [m["text"] for m in page] == ["h11", "h12"]
    assert (await get("/api/rooms/lobby/messages", params={"limit": 201})).status_code == 422
    assert (await get("/api/rooms/lobby/messages", params={"after": "x"})).status_code == 422
    assert (await get("/api/rooms/lobby/messages", params={"after": 99999999999})).json()["messages"] == []
    spec = (await get("/api/openapi.json")).json()["paths"]
    assert {"/api/rooms", "/api/rooms/{slug}", "/api/rooms/{slug}/messages"} <= set(spec)
