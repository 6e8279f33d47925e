"""The append-only moderation audit log, and publishing moderation events.

``record`` is the one way to write an entry; it runs inside the caller's
write transaction so the action and its entry commit (or vanish) together.
Realtime and forum call it for the moderation actions they own (thread
lock/pin/move) with the codes below. There is no update or delete, in code
or through the API/CLI, and the migration installs database triggers that
refuse UPDATE and DELETE on ``mod_audit``.

Entries hold ids and codes only. ``reason`` is the acting facilitator's own
short reason; message text, post bodies and a reporter's free text are never
copied here.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.broker import Event
from peerhub.context import AppContext
from peerhub.errors import InvalidInput
from peerhub.moderation import store
from peerhub.moderation.access import access_staff
from peerhub.moderation.content import Place
from peerhub.moderation.models import AuditEntry

log = logging.getLogger("peerhub.moderation.audit")

# Stable action codes (API consumers filter on them).
ACTIONS = frozenset({
    # roles and duty
    "scopes_set", "duty_on", "duty_off", "duty_expired",
    # sanctions
    "mute", "unmute", "kick", "ban", "unban",
    # room controls
    "slow_mode", "lock", "unlock", "pin", "unpin",
    # content
    "remove", "restore",
    # forum-owned actions audited here (forum calls ``record``)
    "thread_lock", "thread_unlock", "thread_pin", "thread_unpin", "thread_move",
    # people
    "checkin", "note",
    # reports
    "report_claim", "report_resolve",
    # crisis escalations (moderation/escalation.py mirrors its steps here)
    "escalation_open", "escalation_ack", "escalation_resolve", "escalation_realert",
    # views (who looked)
    "view_user_history", "view_report",
})
TARGET_KINDS = frozenset({"user", "message", "post", "thread", "room", "category", "report", "sanction",
                          "escalation"})
# Page size for the audit view.
AUDIT_PAGE = 100


async def record(
    session: AsyncSession,
    now: datetime,
    actor_id: int | None,
    action: str,
    target_kind: str,
    target_id: int,
    *,
    place: Place | None = None,
    reason: str | None = None,
    ref_id: int | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction; returns it (with its id)."""
    if action not in ACTIONS or target_kind not in TARGET_KINDS:
        raise ValueError(f"unknown audit action/target {action!r}/{target_kind!r}")
    return await store.add_audit(session, AuditEntry(
        at=now, actor_id=actor_id, action=action, target_kind=target_kind, target_id=target_id,
        place_kind=place.kind if place else None, place_id=place.id if place else None,
        reason=reason, ref_id=ref_id,
    ))


def entry_json(e: AuditEntry) -> dict[str, Any]:
    return {
        "id": e.id, "at": e.at.isoformat(), "actor_id": e.actor_id, "action": e.action,
        "target": {"kind": e.target_kind, "id": e.target_id},
        "place": {"kind": e.place_kind, "id": e.place_id} if e.place_kind else None,
        "reason": e.reason, "ref_id": e.ref_id,
    }


def parse_target(raw: str | None) -> tuple[str, int] | None:
    """``"user:12"`` -> ("user", 12)."""
    if not raw:
        return None
    kind, _, ident = raw.partition(":")
    if kind not in TARGET_KINDS or not ident.isdigit():
        raise InvalidInput("invalid_query", "'target' looks like user:12 or message:345.")
    return kind, int(ident)


async def list_entries(
    ctx: AppContext, viewer: Viewer, *, actor_id: int | None, target: str | None, cursor: int | None
) -> tuple[list[AuditEntry], int | None]:
    """One page, newest first, and the cursor for the next page (None at the end). Staff only."""
    parsed = parse_target(target)
    async with ctx.db.read() as session:
        await access_staff(session, viewer)
        rows = await store.list_audit(session, actor_id=actor_id, target=parsed, before_id=cursor, limit=AUDIT_PAGE + 1)
    more = len(rows) > AUDIT_PAGE
    rows = rows[:AUDIT_PAGE]
    return rows, (rows[-1].id if more else None)


async def publish(ctx: AppContext, events: list[tuple[str, Event]]) -> None:
    """Publish after commit. A broker failure is not the writer's failure: the
    database already holds the truth and clients catch up from it."""
    for channel, event in events:
        try:
            await ctx.broker.publish(channel, event)
        except Exception:
            # Channel names carry ids only; never the event body.
            log.warning("moderation_publish_failed", extra={"fields": {"channel": channel}}, exc_info=True)

