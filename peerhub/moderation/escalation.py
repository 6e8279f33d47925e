"""Crisis escalations: open or attach, acknowledge, resolve, and the staff queue.

What this owns (see ``escalation_models`` for the tables):
- ``do_raise`` is the one write path for a crisis signal (a crisis- or
  concern-level room message or forum post, or a safety report). For a
  crisis it builds the writer's support card *first* (so help reaches them
  even if the write below fails) and sends it as ``support`` to
  ``user:<writer>`` (when asked), then in one transaction opens an
  escalation for (writer, place) or attaches the item to the unresolved
  one, and after commit sends an ``escalation`` frame to ``user:<id>`` of
  every facilitator/admin on duty whose reach covers the place.
- Priority (``escalation_models.priority_of``): a detector ``concern`` is a
  quiet ``review`` escalation. The writer gets no card, staff get the frame
  with ``level: "concern"`` and ``priority: "review"`` (clients show it
  without an alert sound), the deadline sweep skips it, and the queue lists
  it below every urgent one. A crisis item attaching to it upgrades it:
  level ``crisis``, an ``upgraded`` event, the frame says
  ``upgraded: true``, the acknowledge deadline starts at the upgrade, and
  an acknowledged review is open again (the crisis needs its own ack). A
  safety report about the writer in that place upgrades it the same way
  (its ``source`` becomes ``report``: a person asked for a facilitator).
- Volume guard: one unresolved escalation per (writer, place) whatever the
  level (``open_key``), so a writer's later concern lines attach to it; a
  review escalation takes at most ``MAX_REVIEW_ITEMS`` concern items (more
  attach nothing and alert nobody), crisis items always attach.

  Why per-user channels rather than the hub's ``staff`` channel: the duty
  table is the truth about who is on duty (shared by every process, scoped
  facilitators included), whereas the hub's ``staff`` set is fed by
  ``control``/``on_duty`` events; per-user delivery needs nothing else to
  be wired and respects facilitator scopes.
- ``do_ack`` / ``do_resolve``: staff only, each step written to the
  append-only ``escalation_events`` with the seconds since opening
  (time-to-acknowledge, time-to-resolve) and, once moderation's audit log
  knows the ``escalation_*`` action codes, to ``mod_audit`` too.
- ``access_escalation`` (used by the queue in ``escalation_queue`` too):
  staff only, filtered by facilitator scope; members are refused before
  anything is looked up, and staff outside the place get "not found",
  exactly like an unknown id.

Policies: nothing here mutes, blocks, hides or otherwise limits the writer.
No log line carries text: ids and codes only. Frames carry ids, levels,
categories and detector rule ids, never the message; staff read the words
through the owning subsystem when they open the escalation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Conflict, InvalidInput, NotFound
from peerhub.moderation import audit
from peerhub.moderation import escalation_store as store
from peerhub.moderation.access import access_staff
from peerhub.moderation.content import Place
from peerhub.moderation.escalation_models import (
    REVIEW,
    URGENT,
    Escalation,
    EscalationEvent,
    EscalationItem,
    priority_of,
)
from peerhub.moderation.resources import on_duty_staff, support_card

log = logging.getLogger("peerhub.moderation.escalation")

OUTCOMES = ("supported", "referred", "emergency_services", "no_response", "not_a_crisis", "other")
# A facilitator's resolution note: a few sentences.
MAX_NOTE_CHARS = 2000
_LEVEL_RANK = {"none": 0, "concern": 1, "crisis": 2}
# Concern items one review escalation takes: a facilitator reviewing reads the
# first ones and their context; a writer venting for an hour must not grow the
# row (and staff frames) without bound. Crisis items are never capped.
MAX_REVIEW_ITEMS = 20


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


@dataclass(frozen=True)
class Trigger:
    """What raised (or re-raised) an escalation; ids and codes only."""

    writer_id: int
    source: str  # message / post / report
    place_kind: str  # room / thread / category / site
    place_id: int
    scope: Place | None  # for duty and facilitator scopes; None: site-wide
    item_kind: str  # message / post / report
    item_id: int
    level: str
    category: str | None
    evidence: tuple[str, ...] = ()
    # Where staff find it, for the alert frame (room slug and seq, thread and post ids).
    where: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Raised:
    escalation_id: int
    opened: bool
    attached: bool
    card: dict[str, Any] | None  # crisis level only
    upgraded: bool = False


def priority(e: Escalation) -> str:
    return priority_of(e.level, e.source)


def escalation_json(e: Escalation, handles: dict[int, str]) -> dict[str, Any]:
    """The staff view of an escalation (no text). A review escalation has no
    deadline: ``ack_deadline`` and ``next_alert_at`` are null."""
    urgent = priority(e) == URGENT
    return {
        "id": e.id, "status": e.status, "level": e.level, "priority": priority(e), "category": e.category,
        "source": e.source, "place": {"kind": e.place_kind, "id": e.place_id},
        "scope": {"kind": e.scope_kind, "id": e.scope_id} if e.scope_kind else None,
        "writer": {"id": e.writer_id, "handle": handles.get(e.writer_id, "")},
        "items": e.items, "opened_at": e.opened_at.isoformat(), "last_at": e.last_at.isoformat(),
        "ack_deadline": e.ack_due_at.isoformat() if urgent else None,
        "next_alert_at": e.next_alert_at.isoformat() if e.status == "open" and urgent else None,
        "realerts": e.realerts,
        "acked_at": e.acked_at.isoformat() if e.acked_at else None, "acked_by": e.acked_by,
        "resolved_at": e.resolved_at.isoformat() if e.resolved_at else None, "resolved_by": e.resolved_by,
        "outcome": e.outcome,
    }


def alert_frame(e: Escalation, handles: dict[int, str], event: str, **extra: Any) -> dict[str, Any]:
    return {"type": "escalation", "event": event, **escalation_json(e, handles), **extra}


def scope_of(e: Escalation) -> Place | None:
    return Place(e.scope_kind, e.scope_id) if e.scope_kind and e.scope_id is not None else None


async def audit_step(
    session: AsyncSession, now: datetime, actor_id: int | None, action: str, e: Escalation,
    reason: str | None = None,
) -> None:
    """Mirror a step into moderation's audit log once it knows escalation codes
    (``escalation_open/_ack/_resolve/_realert`` and target kind ``escalation``);
    ``escalation_events`` is the complete record either way."""
    if action in audit.ACTIONS and "escalation" in audit.TARGET_KINDS:
        await audit.record(session, now, actor_id, action, "escalation", e.id, place=scope_of(e), reason=reason)


async def publish_after_commit(ctx: AppContext, channel: str, frame: dict[str, Any]) -> None:
    """After commit; a broker failure must not undo or fail the action (the row is the truth)."""
    try:
        await ctx.broker.publish(channel, frame)
    except Exception:
        log.warning("escalation_publish_failed", extra={"fields": {"channel": channel.split(":", 1)[0]}})


@dataclass
class _Written:
    e: Escalation
    opened: bool = False
    attached: bool = False
    upgraded: bool = False


async def _write_raise(ctx: AppContext, t: Trigger, now: datetime) -> _Written:
    key = store.open_key(t.writer_id, t.place_kind, t.place_id)
    async with ctx.db.write() as session:
        e = await store.get_open_escalation(session, key)
        opened = e is None
        if e is None:
            e = await store.add_escalation(session, Escalation(
                open_key=key, writer_id=t.writer_id, source=t.source, place_kind=t.place_kind,
                place_id=t.place_id, scope_kind=t.scope.kind if t.scope else None,
                scope_id=t.scope.id if t.scope else None, level=t.level, category=t.category, status="open",
                items=0, opened_at=now, last_at=now,
                ack_due_at=now + ack_period(ctx), next_alert_at=now + ack_period(ctx), realerts=0,
            ))
            await store.add_event(session, EscalationEvent(escalation_id=e.id, at=now, action="opened", seconds=0.0,
                                                           item_id=t.item_id))
            await audit_step(session, now, None, "escalation_open", e)
        if await store.has_item(session, e.id, t.item_kind, t.item_id):
            return _Written(e, opened)
        if (not opened and priority(e) == REVIEW and priority_of(t.level, t.source) == REVIEW
                and e.items >= MAX_REVIEW_ITEMS):
            return _Written(e)
        was = priority(e)
        await store.add_item(session, EscalationItem(
            escalation_id=e.id, kind=t.item_kind, item_id=t.item_id, level=t.level, category=t.category,
            evidence=list(t.evidence), at=now,
        ))
        e.items += 1
        e.last_at = now
        if _LEVEL_RANK.get(t.level, 0) > _LEVEL_RANK.get(e.level, 0):
            e.level, e.category = t.level, t.category
        if priority(e) == REVIEW and priority_of(t.level, t.source) == URGENT:
            # A safety report is urgent at concern level: it takes the review over.
            e.source, e.category = t.source, t.category
        upgraded = not opened and was == REVIEW and priority(e) == URGENT
        if not opened:
            await store.add_event(session, EscalationEvent(
                escalation_id=e.id, at=now, action="upgraded" if upgraded else "attached",
                seconds=(now - e.opened_at).total_seconds(), item_id=t.item_id,
            ))
        if upgraded:
            # The crisis deadline runs from now; a reviewed concern needs a fresh ack.
            e.ack_due_at = e.next_alert_at = now + ack_period(ctx)
            e.realerts = 0
            if e.status == "acknowledged":
                e.status, e.acked_at, e.acked_by = "open", None, None
        await session.flush()
        return _Written(e, opened, True, upgraded)


def ack_period(ctx: AppContext) -> timedelta:
    """How long an escalation may wait for an acknowledgement before re-alerts."""
    return timedelta(seconds=max(1, ctx.settings.escalation_ack_seconds))


async def publish_to(ctx: AppContext, user_ids: list[int], frame: dict[str, Any]) -> None:
    for user_id in user_ids:
        await publish_after_commit(ctx, user_channel(user_id), frame)


async def do_raise(ctx: AppContext, t: Trigger, writer_handle: str | None, *, send_card: bool) -> Raised:
    """Open or attach, then alert. Returns the writer's support card (crisis
    level only; None for a concern or a report).

    With ``send_card`` the card also goes to ``user:<writer>`` as a
    ``support`` frame (chat); a forum post returns it in the HTTP response.
    A concern never builds or sends a card. Two concurrent first raises for
    one (writer, place) meet at the unique ``open_key``: the loser retries
    once and attaches.
    """
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        staff = await on_duty_staff(session, t.scope, now)
        card = await support_card(session, t.scope, now, on_duty=bool(staff)) if t.level == "crisis" else None
        if writer_handle is None:
            writer_handle = (await store.handles(session, [t.writer_id])).get(t.writer_id, "")
    if send_card and card is not None:
        await publish_after_commit(ctx, user_channel(t.writer_id), {**card, **t.where})
    try:
        w = await _write_raise(ctx, t, now)
    except IntegrityError:
        w = await _write_raise(ctx, t, now)
    e = w.e
    log.info("escalation_raised", extra={"fields": {
        "escalation_id": e.id, "opened": w.opened, "upgraded": w.upgraded, "source": t.source, "level": t.level,
        "category": t.category, "priority": priority(e), "alerted": len(staff) if w.opened or w.attached else 0,
    }})
    if w.opened or w.attached:
        extra: dict[str, Any] = {"upgraded": True} if w.upgraded else {}
        frame = alert_frame(e, {t.writer_id: writer_handle}, "opened" if w.opened else "attached",
                            item={"kind": t.item_kind, "id": t.item_id}, where=t.where, **extra)
        if "room" in t.where:
            frame["room"] = t.where["room"]
        await publish_to(ctx, staff, frame)
    return Raised(e.id, w.opened, w.attached, card, w.upgraded)


async def _tell_staff(ctx: AppContext, e: Escalation, handles: dict[int, str], event: str, actor_id: int) -> None:
    """Queue updates (acknowledged/resolved) to on-duty staff for the place and the actor."""
    async with ctx.db.read() as session:
        staff = set(await on_duty_staff(session, scope_of(e), ctx.clock.now()))
    await publish_to(ctx, sorted(staff | {actor_id}), alert_frame(e, handles, event))


async def access_escalation(session: AsyncSession, viewer: Viewer, escalation_id: int, *, lock: bool) -> Escalation:
    """The escalation if ``viewer`` is staff whose reach covers its place.

    Members are refused (``Forbidden``) before any lookup. Staff outside the
    place get the same ``NotFound`` as for an unknown id: who is in crisis
    where is private even among facilitators (the permission matrix knows
    this as ``out_of_scope=404``).
    """
    reach = await access_staff(session, viewer)
    e = await (store.get_escalation_for_update if lock else store.get_escalation)(session, escalation_id)
    if e is None or not reach.covers(scope_of(e)):
        raise NotFound("escalation_not_found", "No such escalation.")
    return e


@dataclass(frozen=True)
class Step:
    escalation: dict[str, Any]
    ack_seconds: float | None  # set when this step acknowledged it
    resolve_seconds: float | None = None

    @property
    def urgent(self) -> bool:
        """Whether its time-to-ack belongs in the crisis metrics."""
        return bool(self.escalation.get("priority") == URGENT)


async def _ack_in(session: AsyncSession, e: Escalation, viewer: Viewer, now: datetime) -> float:
    """Time to acknowledge counts from the opening, or from the upgrade for
    an escalation that became urgent later."""
    since = (await store.upgraded_at(session, [e.id])).get(e.id, e.opened_at)
    seconds = (now - since).total_seconds()
    e.status, e.acked_at, e.acked_by = "acknowledged", now, viewer.id
    await store.add_event(session, EscalationEvent(escalation_id=e.id, at=now, actor_id=viewer.id,
                                                   action="acknowledged", seconds=seconds))
    await audit_step(session, now, viewer.id, "escalation_ack", e)
    return seconds


async def do_ack(ctx: AppContext, viewer: Viewer, escalation_id: int) -> Step:
    """Acknowledge an open escalation: stops the deadline re-alerts."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        e = await access_escalation(session, viewer, escalation_id, lock=True)
        if e.status != "open":
            raise Conflict(f"already_{e.status}", f"This escalation is already {e.status}.")
        seconds = await _ack_in(session, e, viewer, now)
        handles = await store.handles(session, [e.writer_id])
    log.info("escalation_acknowledged", extra={"fields": {"escalation_id": e.id, "seconds": seconds}})
    await _tell_staff(ctx, e, handles, "acknowledged", viewer.id)
    return Step(escalation_json(e, handles), seconds)


async def do_resolve(ctx: AppContext, viewer: Viewer, escalation_id: int, outcome: str, note: str | None) -> Step:
    """Close an escalation with an outcome code and an optional staff-only note.
    Resolving one nobody acknowledged acknowledges it in the same step."""
    if outcome not in OUTCOMES:
        raise InvalidInput("invalid_outcome", "outcome is one of: " + ", ".join(OUTCOMES) + ".")
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise InvalidInput("too_long", f"Keep the note under {MAX_NOTE_CHARS} characters.")
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        e = await access_escalation(session, viewer, escalation_id, lock=True)
        if e.status == "resolved":
            raise Conflict("already_resolved", "This escalation is already resolved.")
        ack_seconds = await _ack_in(session, e, viewer, now) if e.status == "open" else None
        seconds = (now - e.opened_at).total_seconds()
        e.status, e.open_key, e.resolved_at, e.resolved_by = "resolved", None, now, viewer.id
        e.outcome, e.note = outcome, (note.strip() or None) if note else None
        await store.add_event(session, EscalationEvent(escalation_id=e.id, at=now, actor_id=viewer.id,
                                                       action="resolved", seconds=seconds, outcome=outcome))
        await audit_step(session, now, viewer.id, "escalation_resolve", e, reason=outcome)
        handles = await store.handles(session, [e.writer_id])
    log.info("escalation_resolved", extra={"fields": {"escalation_id": e.id, "seconds": seconds, "outcome": outcome}})
    await _tell_staff(ctx, e, handles, "resolved", viewer.id)
    return Step(escalation_json(e, handles), ack_seconds, seconds)
