"""The facilitators' escalation queue: listing, one escalation in detail, and
the unresolved count for the gauge. Staff only, filtered by facilitator
scope (see ``escalation.access_escalation``); no text is stored here, the
detail view reads a little context live through the owning subsystem.
"""

from __future__ import annotations

from typing import Any

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import InvalidInput
from peerhub.moderation import escalation_store as store
from peerhub.moderation.access import Reach, access_staff
from peerhub.moderation.content import ContentRegistry
from peerhub.moderation.escalation import access_escalation, escalation_json, scope_of
from peerhub.moderation.escalation_models import REVIEW, URGENT, Escalation, EscalationItem

LIST_STATUSES = {
    "open": ("open",),
    "acknowledged": ("acknowledged",),
    "unresolved": ("open", "acknowledged"),
    "resolved": ("resolved",),
}
# The queue is short in practice; a page this long is a backlog, not a view.
MAX_LIST = 200
# Neighbouring messages/posts shown around each item when staff open one.
CONTEXT_ITEMS = 2
# Items whose context is loaded in one detail view (the newest ones).
MAX_CONTEXT_ITEMS = 10
PRIORITIES = (URGENT, REVIEW)


def _visible(reach: Reach, e: Escalation) -> bool:
    return reach.covers(scope_of(e))


async def list_escalations(
    ctx: AppContext, viewer: Viewer, status: str, *, before: int | None = None, limit: int = MAX_LIST,
    priority: str | None = None,
) -> tuple[list[dict[str, Any]], int | None]:
    """The staff queue. ``open``/``acknowledged``/``unresolved``: urgent ones
    (crisis, safety reports) before review ones (detector concerns); in each
    tier not-yet-acknowledged first, then oldest first (nobody on duty means
    they wait at the top). ``resolved``: newest first with a ``before``
    cursor. ``priority`` (``urgent``/``review``) keeps one tier. Staff only."""
    statuses = LIST_STATUSES.get(status)
    if statuses is None:
        raise InvalidInput("invalid_query", "status is open, acknowledged, unresolved or resolved.")
    if priority is not None and priority not in PRIORITIES:
        raise InvalidInput("invalid_query", "priority is urgent or review.")
    limit = max(1, min(limit, MAX_LIST))
    async with ctx.db.read() as session:
        reach = await access_staff(session, viewer)
        rows = await store.list_escalations(session, statuses, before_id=before, limit=limit + 1, priority=priority)
        more = len(rows) > limit
        rows = [e for e in rows[:limit] if _visible(reach, e)]
        handles = await store.handles(session, [e.writer_id for e in rows])
        items = await store.list_items(session, [e.id for e in rows])
    by_id: dict[int, list[dict[str, Any]]] = {}
    for it in items:
        by_id.setdefault(it.escalation_id, []).append(_item_json(it))
    out = [{**escalation_json(e, handles), "item_list": by_id.get(e.id, [])} for e in rows]
    cursor = rows[-1].id if more and rows and "resolved" in statuses else None
    return out, cursor


def _item_json(it: EscalationItem) -> dict[str, Any]:
    return {"kind": it.kind, "id": it.item_id, "level": it.level, "category": it.category,
            "evidence": list(it.evidence), "at": it.at.isoformat()}


async def get_escalation(
    ctx: AppContext, viewer: Viewer, escalation_id: int, content: ContentRegistry | None
) -> dict[str, Any]:
    """One escalation with its items, history and, where the owning subsystem
    registered a content provider, each item with a little context (staff
    only; the text is read live and never stored here)."""
    async with ctx.db.read() as session:
        e = await access_escalation(session, viewer, escalation_id, lock=False)
        handles = await store.handles(session, [e.writer_id])
        items = await store.list_items(session, [e.id])
        events = await store.list_events(session, e.id)
        out_items = []
        for n, it in enumerate(items):
            data = _item_json(it)
            provider = content.get(it.kind) if content is not None and it.kind in ("message", "post") else None
            if provider is not None and n >= len(items) - MAX_CONTEXT_ITEMS:
                info = await provider.describe(session, it.item_id, CONTEXT_ITEMS)
                if info is not None:
                    data["context"] = {"item": info.item, "before": info.before, "after": info.after}
            out_items.append(data)
    return {
        **escalation_json(e, handles), "note": e.note, "item_list": out_items,
        "history": [{"at": ev.at.isoformat(), "action": ev.action, "actor_id": ev.actor_id,
                     "seconds": ev.seconds, "outcome": ev.outcome} for ev in events],
    }


async def count_unresolved(ctx: AppContext) -> int:
    async with ctx.db.read() as session:
        return await store.count_unresolved(session)
