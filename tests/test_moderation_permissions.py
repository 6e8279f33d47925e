"""The permission matrix: every /api/moderation route × every role -> expected status.

The routes come from the app's own route table, so an endpoint added without
a rule here fails ``test_every_route_has_a_rule``. Each (route, role) cell
gets fresh targets (a new message, report or sanction), so cells do not
depend on each other's order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from peerhub.moderation import reports, rooms, sanctions
from peerhub.moderation.content import Place
from peerhub.openapi import iter_api_routes
from tests.test_moderation_support import OTHER_ROOM, ROLES, ROOM, World, make_world

Request = tuple[str, dict[str, Any] | None]
Build = Callable[[World], Awaitable[Request]]

# Who succeeds, by the kind of endpoint.
OK_FOR = {
    "member": {"member", "scoped_out", "scoped_in", "site", "admin"},
    "staff": {"scoped_out", "scoped_in", "site", "admin"},
    "place": {"scoped_in", "site", "admin"},  # acts in room 1 (or on something located there)
    "site": {"site", "admin"},
    "admin": {"admin"},
}


@dataclass(frozen=True)
class Rule:
    kind: str
    ok: int
    build: Build
    # Staff outside the place are refused like a member (403), or told "not
    # found" where even existence is private among staff (crisis escalations).
    out_of_scope: int = 403


def _static(path: str, body: dict[str, Any] | None = None) -> Build:
    async def build(w: World) -> Request:
        return path, body

    return build


async def _admin_viewer(w: World) -> Any:
    from peerhub.accounts.service import authenticate

    return await authenticate(w.ctx, w.clients["admin"].session_cookie)


async def _fresh_message(w: World) -> int:
    return w.messages.add(Place("room", ROOM), w.ids["victim"])


async def _fresh_report(w: World) -> int:
    from peerhub.accounts.service import authenticate

    mid = await _fresh_message(w)
    reporter = await authenticate(w.ctx, w.clients["spare"].session_cookie)
    assert reporter is not None
    filing = await reports.do_file_report(w.ctx, w.runtime.content, reporter, "message", mid, "spam", None)
    return filing.report_id


def _build_lift() -> Build:
    async def build(w: World) -> Request:
        applied = await sanctions.do_sanction(w.ctx, await _admin_viewer(w), "mute", w.ids["victim"],
                                              Place("room", ROOM), 600, None)
        return f"/api/moderation/sanctions/{applied.sanction.id}/lift", {}
    return build


def _build_report_action(action: str, body: dict[str, Any] | None) -> Build:
    async def build(w: World) -> Request:
        return f"/api/moderation/reports/{await _fresh_report(w)}{action}", body
    return build


def _build_content(action: str) -> Build:
    async def build(w: World) -> Request:
        mid = await _fresh_message(w)
        if action == "restore":
            w.messages.items[mid].removed = True
        return f"/api/moderation/content/message/{mid}/{action}", {"reason": "matrix"}
    return build


def _build_pin(pinned: bool) -> Build:
    async def build(w: World) -> Request:
        mid = await _fresh_message(w)
        if pinned:
            return f"/api/moderation/rooms/{ROOM}/pins", {"message_id": mid}
        await rooms.do_pin(w.ctx, w.runtime.content, await _admin_viewer(w), ROOM, mid, True, None)
        return f"/api/moderation/rooms/{ROOM}/pins/{mid}", None
    return build


def _build_report_filing() -> Build:
    async def build(w: World) -> Request:
        return "/api/moderation/reports", {"target_kind": "message", "target_id": await _fresh_message(w),
                                           "reason": "harassment"}
    return build


def _victim(path: str, body: dict[str, Any] | None = None) -> Build:
    async def build(w: World) -> Request:
        filled = {k: (w.ids["victim"] if v == "$victim" else v) for k, v in (body or {}).items()}
        return path.replace("$victim", str(w.ids["victim"])), (filled if body is not None else None)
    return build


_escalation_places = iter(range(1, 10_000))


def _build_escalation(action: str, body: dict[str, Any] | None) -> Build:
    async def build(w: World) -> Request:
        from peerhub.moderation.escalation import Trigger, do_raise

        n = next(_escalation_places)  # a fresh (writer, place) opens a fresh escalation
        raised = await do_raise(w.ctx, Trigger(
            writer_id=w.ids["victim"], source="post", place_kind="thread", place_id=n,
            scope=Place("room", ROOM), item_kind="post", item_id=n, level="crisis", category=None,
        ), None, send_card=False)
        return f"/api/moderation/escalations/{raised.escalation_id}{action}", body
    return build


def _scopes() -> Build:
    async def build(w: World) -> Request:
        return "/api/moderation/scopes", {"user_id": w.ids["spare"], "places": [{"kind": "category", "id": 1}]}
    return build


world = pytest.fixture(make_world)
P = "/api/moderation"
RULES: dict[tuple[str, str], Rule] = {
    ("PUT", f"{P}/scopes"): Rule("admin", 200, _scopes()),
    ("GET", f"{P}/scopes"): Rule("admin", 200, _static(f"{P}/scopes")),
    ("POST", f"{P}/duty"): Rule("staff", 200, _static(f"{P}/duty", {"on": True})),
    ("GET", f"{P}/duty"): Rule("staff", 200, _static(f"{P}/duty")),
    ("POST", f"{P}/sanctions"): Rule("place", 201, _victim(f"{P}/sanctions", {
        "kind": "mute", "user_id": "$victim", "place": {"kind": "room", "id": ROOM}, "duration_seconds": 60})),
    ("GET", f"{P}/sanctions"): Rule("staff", 200, _static(f"{P}/sanctions")),
    ("POST", f"{P}/sanctions/{{sanction_id:int}}/lift"): Rule("place", 200, _build_lift()),
    ("GET", f"{P}/rooms/{{room_id:int}}"): Rule("member", 200, _static(f"{P}/rooms/{ROOM}")),
    ("PATCH", f"{P}/rooms/{{room_id:int}}"): Rule("place", 200, _static(f"{P}/rooms/{ROOM}",
                                                                        {"slow_mode_seconds": 5})),
    ("POST", f"{P}/rooms/{{room_id:int}}/pins"): Rule("place", 201, _build_pin(True)),
    ("DELETE", f"{P}/rooms/{{room_id:int}}/pins/{{message_id:int}}"): Rule("place", 200, _build_pin(False)),
    ("POST", f"{P}/content/{{kind}}/{{target_id:int}}/remove"): Rule("place", 200, _build_content("remove")),
    ("POST", f"{P}/content/{{kind}}/{{target_id:int}}/restore"): Rule("place", 200, _build_content("restore")),
    ("POST", f"{P}/checkins"): Rule("staff", 201, _victim(f"{P}/checkins", {"user_id": "$victim",
                                                                             "text": "Thinking of you."})),
    ("GET", f"{P}/checkins"): Rule("member", 200, _static(f"{P}/checkins")),
    ("GET", f"{P}/users/{{user_id:int}}"): Rule("staff", 200, _victim(f"{P}/users/$victim")),
    ("POST", f"{P}/users/{{user_id:int}}/notes"): Rule("staff", 201, _victim(f"{P}/users/$victim/notes",
                                                                              {"text": "Doing better."})),
    ("POST", f"{P}/reports"): Rule("member", 201, _build_report_filing()),
    ("GET", f"{P}/reports"): Rule("staff", 200, _static(f"{P}/reports?status=open")),
    ("GET", f"{P}/reports/mine"): Rule("member", 200, _static(f"{P}/reports/mine")),
    ("GET", f"{P}/reports/{{report_id:int}}"): Rule("place", 200, _build_report_action("", None)),
    ("POST", f"{P}/reports/{{report_id:int}}/claim"): Rule("place", 200, _build_report_action("/claim", {})),
    ("POST", f"{P}/reports/{{report_id:int}}/resolve"): Rule(
        "place", 200, _build_report_action("/resolve", {"outcome": "dismissed"})),
    ("GET", f"{P}/audit"): Rule("staff", 200, _static(f"{P}/audit")),
    ("GET", f"{P}/topics"): Rule("member", 200, _static(f"{P}/topics")),
    ("GET", f"{P}/escalations"): Rule("staff", 200, _static(f"{P}/escalations")),
    ("GET", f"{P}/escalations/stats"): Rule("staff", 200, _static(f"{P}/escalations/stats")),
    ("GET", f"{P}/escalations/{{escalation_id:int}}"): Rule("place", 200, _build_escalation("", None),
                                                                          out_of_scope=404),
    ("POST", f"{P}/escalations/{{escalation_id:int}}/ack"): Rule("place", 200, _build_escalation("/ack", None),
                                                                                  out_of_scope=404),
    ("POST", f"{P}/escalations/{{escalation_id:int}}/resolve"): Rule(
        "place", 200, _build_escalation("/resolve", {"outcome": "supported"}), out_of_scope=404),
}


def _moderation_routes(w: World) -> list[tuple[str, str, Any]]:
    return [(m, p, meta) for m, p, meta in iter_api_routes(w.live.app.routes) if p.startswith(P + "/")]


async def test_every_route_has_a_rule_and_api_metadata(world: World) -> None:
    routes = _moderation_routes(world)
    assert len(routes) >= 20
    missing = [(m, p) for m, p, _ in routes if (m, p) not in RULES]
    assert missing == [], f"moderation routes without a permission rule: {missing}"
    stale = set(RULES) - {(m, p) for m, p, _ in routes}
    assert stale == set(), f"rules for routes that no longer exist: {stale}"
    for method, path, meta in routes:
        assert meta is not None, (method, path)
        expected_auth = {"member": "member", "staff": "facilitator", "place": "facilitator",
                         "site": "facilitator", "admin": "admin"}[RULES[(method, path)].kind]
        assert meta.auth == expected_auth, (method, path, meta.auth)


async def test_permission_matrix(world: World) -> None:
    failures = []
    for method, path, _ in _moderation_routes(world):
        rule = RULES[(method, path)]
        for role in ROLES:
            url, body = await rule.build(world)
            client = world.clients[role]
            r = await client.request(method, url, json=body)
            if role == "anonymous":
                expected = 401
            elif role in OK_FOR[rule.kind]:
                expected = rule.ok
            elif role in OK_FOR["staff"]:
                expected = rule.out_of_scope
            else:
                expected = 403
            if r.status_code != expected:
                failures.append(f"{method} {path} as {role}: {r.status_code} != {expected} {r.text[:120]}")
    assert failures == []


async def test_site_wide_actions_need_site_staff(world: World) -> None:
    body = {"kind": "ban", "user_id": world.ids["victim"], "place": None}
    for role, expected in (("scoped_in", 403), ("scoped_out", 403), ("site", 201)):
        r = await world.clients[role].post(f"{P}/sanctions", json=body)
        assert r.status_code == expected, (role, r.text)
    # A scoped facilitator acting in the other room is refused like a member.
    r = await world.clients["scoped_in"].patch(f"{P}/rooms/{OTHER_ROOM}", json={"locked": True})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"


async def test_openapi_lists_every_moderation_endpoint(world: World) -> None:
    doc = (await world.clients["anonymous"].get("/api/openapi.json")).json()
    listed = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops if p.startswith(P + "/")}
    assert len(listed) == len(RULES)
