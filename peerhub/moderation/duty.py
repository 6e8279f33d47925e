"""On-duty presence of facilitators.

A shift starts with ``POST /api/moderation/duty {on: true}`` and ends with
``{on: false}`` or when the facilitator has not been seen for
``DUTY_GRACE``: the realtime layer calls ``do_heartbeat(ctx, user_id)`` when
a staff socket connects and on its pings, and the lifespan runs
``sweep_duty`` every ``DUTY_SWEEP_INTERVAL`` seconds to end stale shifts
(audited as ``duty_expired`` with no actor). Readers treat a shift whose
heartbeat is older than ``DUTY_GRACE`` as over even before the sweep runs.

``facilitator_on_duty`` (one place) and ``places_with_facilitator`` (many)
answer "is anyone watching here": a site facilitator or admin on duty
counts everywhere, a scoped facilitator only in their scope.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.background import Periodic
from peerhub.context import AppContext
from peerhub.moderation import audit, store
from peerhub.moderation.access import access_staff
from peerhub.moderation.content import Place
from peerhub.moderation.models import DutyShift

log = logging.getLogger("peerhub.moderation.duty")

# "Disconnecting for more than a few minutes ends the shift": long enough for
# a phone to change networks or pass through a tunnel, short enough that
# members are not told someone is watching when nobody is.
DUTY_GRACE = timedelta(minutes=5)
# Write the heartbeat at most this often per facilitator (each write takes the
# SQLite write lock); well under DUTY_GRACE so a live shift never looks stale.
HEARTBEAT_RESOLUTION = timedelta(seconds=30)
# How often the lifespan sweeps stale shifts (real seconds); a shift ends at
# most this long after DUTY_GRACE, and readers already ignore stale shifts.
DUTY_SWEEP_INTERVAL = 30.0

# The realtime hub's documented channels (no import needed, by design):
# ``staff`` events go to on-duty facilitators' sockets; ``control`` events
# act on every process (``on_duty`` marks presence, ``close_user`` closes sockets).
STAFF_CHANNEL = "staff"
CONTROL_CHANNEL = "control"


def on_duty_control(user_id: int, on: bool) -> tuple[str, dict[str, Any]]:
    return CONTROL_CHANNEL, {"type": "on_duty", "user_id": user_id, "on": on}


def _duty_event(user_id: int, on: bool, why: str) -> dict[str, Any]:
    return {"type": "moderation", "event": "duty", "user_id": user_id, "on": on, "why": why}


async def do_set_duty(ctx: AppContext, viewer: Viewer, on: bool) -> bool:
    """Start or end the viewer's shift (staff only); idempotent. Returns the new state."""
    now = ctx.clock.now()
    changed = False
    async with ctx.db.write() as session:
        await access_staff(session, viewer)
        shift = await store.get_shift(session, viewer.id)
        if on:
            if shift is None or shift.last_seen_at < now - DUTY_GRACE:
                if shift is not None:
                    await store.delete_shift(session, viewer.id)
                await store.add_shift(session, DutyShift(user_id=viewer.id, started_at=now, last_seen_at=now))
                await audit.record(session, now, viewer.id, "duty_on", "user", viewer.id)
                changed = True
            else:
                await store.update_shift_seen(session, viewer.id, now)
        elif shift is not None:
            await store.delete_shift(session, viewer.id)
            await audit.record(session, now, viewer.id, "duty_off", "user", viewer.id)
            changed = True
    if changed:
        await audit.publish(ctx, [(STAFF_CHANNEL, _duty_event(viewer.id, on, "set")), on_duty_control(viewer.id, on)])
    return on


async def do_heartbeat(ctx: AppContext, user_id: int) -> bool:
    """The facilitator is still here (socket connected / pinged). Returns whether on duty.

    Cheap for everyone else: one primary-key read, and a write at most once
    per ``HEARTBEAT_RESOLUTION``. A stale shift is not revived (the sweep ends it).
    """
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        shift = await store.get_shift(session, user_id)
    if shift is None or shift.last_seen_at < now - DUTY_GRACE:
        return False
    if now - shift.last_seen_at >= HEARTBEAT_RESOLUTION:
        async with ctx.db.write() as session:
            await store.update_shift_seen(session, user_id, now)
    return True


async def sweep_duty(ctx: AppContext) -> list[int]:
    """End every shift not seen for ``DUTY_GRACE``; returns the user ids."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        stale = await store.list_stale_shifts(session, now - DUTY_GRACE)
        for user_id in stale:
            await store.delete_shift(session, user_id)
            await audit.record(session, now, None, "duty_expired", "user", user_id)
    await audit.publish(ctx, [e for u in stale
                              for e in ((STAFF_CHANNEL, _duty_event(u, False, "expired")), on_duty_control(u, False))])
    return stale


async def list_on_duty(ctx: AppContext, viewer: Viewer) -> list[dict[str, Any]]:
    """Who is on duty now, with their scopes (staff only)."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        await access_staff(session, viewer)
        shifts = await store.list_shifts(session, now - DUTY_GRACE)
        out = []
        for shift, user in shifts:
            scopes = await store.list_scopes(session, user.id)
            out.append({
                "user": {"id": user.id, "handle": user.handle, "role": user.role},
                "started_at": shift.started_at.isoformat(),
                "last_seen_at": shift.last_seen_at.isoformat(),
                "scopes": [{"kind": s.place_kind, "id": s.place_id} for s in scopes],
            })
    return out


async def places_with_facilitator(session: AsyncSession, places: Iterable[Place], now: datetime) -> set[Place]:
    """The subset of ``places`` watched by at least one facilitator on duty (one query)."""
    wanted = set(places)
    if not wanted:
        return set()
    rows = await store.list_on_duty_reach(session, now - DUTY_GRACE)
    if any(role == "admin" or kind is None for _, role, kind, _ in rows):
        return wanted
    return {p for p in wanted if any(kind == p.kind and pid == p.id for _, _, kind, pid in rows)}


async def facilitator_on_duty(session: AsyncSession, place: Place, now: datetime) -> bool:
    return bool(await places_with_facilitator(session, [place], now))


class DutySweeper(Periodic):
    """The lifespan's background task: ``sweep_duty`` every ``DUTY_SWEEP_INTERVAL`` seconds.

    Errors are logged and the loop goes on (a database blip must not end
    sweeping for good); ``stop`` cancels and awaits the task.
    """

    def __init__(self, ctx: AppContext, interval: float = DUTY_SWEEP_INTERVAL) -> None:
        super().__init__("moderation-duty-sweep", interval, logger=log)
        self._ctx = ctx

    async def tick(self) -> None:
        await sweep_duty(self._ctx)
