"""A "concern for someone's safety" report opens an escalation for staff; other
reasons do not, and the person concerned is told nothing."""

from __future__ import annotations

import pytest

from tests.test_moderation_support import World, make_world

world = pytest.fixture(make_world)
P = "/api/moderation"


async def _open_escalations(w: World) -> list[dict[str, object]]:
    r = await w.clients["admin"].get(f"{P}/escalations", params={"status": "unresolved"})
    assert r.status_code == 200, r.text
    items: list[dict[str, object]] = r.json()["escalations"]
    return items


async def test_safety_concern_report_opens_an_escalation(world: World) -> None:
    w = world
    assert await _open_escalations(w) == []
    r = await w.clients["member"].post(f"{P}/reports", json={
        "target_kind": "user", "target_id": w.ids["victim"], "reason": "spam"})
    assert r.status_code == 201, r.text
    assert await _open_escalations(w) == []  # an ordinary report is not an escalation
    r = await w.clients["spare"].post(f"{P}/reports", json={
        "target_kind": "user", "target_id": w.ids["victim"], "reason": "safety_concern",
        "text": "they said goodbye to everyone tonight"})
    assert r.status_code == 201, r.text
    opened = await _open_escalations(w)
    assert len(opened) == 1
    esc = opened[0]
    assert esc["source"] == "report"
    assert esc["status"] == "open"
    # Members cannot see escalations, including the reporter.
    assert (await w.clients["member"].get(f"{P}/escalations")).status_code == 403
