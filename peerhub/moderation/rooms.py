"""Room controls (slow mode, lock, pins) and removing/restoring content.

- Slow mode: at most one message per ``slow_mode_seconds`` per person in the
  room; staff who can moderate the room are exempt. The realtime layer knows
  when the person last posted there and passes it to ``check_slow_mode``.
- Lock: the room becomes read-only for members (``check_can_post`` refuses
  with ``locked``).
- Pins: up to ``MAX_PINS`` messages per room; the message must be in the room.
- Remove/restore: for a ``message`` or ``post`` through its ``ContentProvider``;
  the provider flips its own flag in our transaction, we audit and publish
  ``content_removed``/``content_restored`` on the place channel after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Conflict, InvalidInput, NotFound, RateLimited
from peerhub.moderation import audit, store
from peerhub.moderation.access import access_moderate, access_staff, can_moderate
from peerhub.moderation.content import ContentRegistry, Place
from peerhub.moderation.duty import STAFF_CHANNEL
from peerhub.moderation.models import RoomControl, RoomPin

# Longest slow mode: beyond an hour between messages a room is effectively locked.
MAX_SLOW_MODE_SECONDS = 3600
# Pins are for the few things everyone should see (rules, a resource list).
MAX_PINS = 10


@dataclass(frozen=True)
class RoomState:
    """What the realtime layer shows in ``joined`` and enforces on ``send``."""

    slow_mode_seconds: int
    locked: bool
    pinned: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"slow_mode_seconds": self.slow_mode_seconds, "locked": self.locked, "pinned": list(self.pinned)}


async def get_room_state(session: AsyncSession, room_id: int) -> RoomState:
    control = await store.get_room_control(session, room_id)
    pins = await store.list_pins(session, room_id)
    return RoomState(
        control.slow_mode_seconds if control else 0, bool(control and control.locked),
        tuple(p.message_id for p in pins),
    )


async def read_room_state(ctx: AppContext, room_id: int) -> RoomState:
    async with ctx.db.read() as session:
        if not await store.place_exists(session, "room", room_id):
            raise NotFound("room_not_found", "No such room.")
        return await get_room_state(session, room_id)


async def check_slow_mode(
    session: AsyncSession, viewer: Viewer, room_id: int, now: datetime, last_sent_at: datetime | None
) -> None:
    """Raise ``RateLimited(retry_after, code="slow_mode")`` if the viewer posted too recently."""
    if last_sent_at is None:
        return
    control = await store.get_room_control(session, room_id)
    if control is None or control.slow_mode_seconds <= 0:
        return
    wait = control.slow_mode_seconds - (now - last_sent_at).total_seconds()
    if wait > 0 and not await can_moderate(session, viewer, Place("room", room_id)):
        raise RateLimited(wait, code="slow_mode", message="Slow mode is on here; you can post again shortly.")


def _room_event(room_id: int, event: str, **fields: Any) -> tuple[str, dict[str, Any]]:
    return Place("room", room_id).channel, {"type": "moderation", "event": event, "room": room_id, **fields}


async def do_set_room_controls(
    ctx: AppContext, viewer: Viewer, room_id: int, slow_mode_seconds: int | None, locked: bool | None,
    reason: str | None,
) -> RoomState:
    """Change slow mode and/or lock; one audit entry per changed control."""
    if slow_mode_seconds is not None and not 0 <= slow_mode_seconds <= MAX_SLOW_MODE_SECONDS:
        raise InvalidInput("invalid_slow_mode", f"Slow mode is 0 to {MAX_SLOW_MODE_SECONDS} seconds.")
    place = Place("room", room_id)
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await access_moderate(session, viewer, place)
        if not await store.place_exists(session, "room", room_id):
            raise NotFound("room_not_found", "No such room.")
        control = await store.get_room_control(session, room_id)
        if control is None:
            control = RoomControl(room_id=room_id, slow_mode_seconds=0, locked=False, updated_at=now)
            await store.add_row(session, control)
        if slow_mode_seconds is not None and slow_mode_seconds != control.slow_mode_seconds:
            control.slow_mode_seconds = slow_mode_seconds
            await audit.record(session, now, viewer.id, "slow_mode", "room", room_id, place=place, reason=reason,
                               ref_id=slow_mode_seconds)
        if locked is not None and locked != control.locked:
            control.locked = locked
            await audit.record(session, now, viewer.id, "lock" if locked else "unlock", "room", room_id,
                               place=place, reason=reason)
        control.updated_at = now
        state = await get_room_state(session, room_id)
    await audit.publish(ctx, [_room_event(room_id, "room_controls", **state.to_json())])
    return state


async def do_pin(
    ctx: AppContext, content: ContentRegistry, viewer: Viewer, room_id: int, message_id: int, pinned: bool,
    reason: str | None,
) -> RoomState:
    place = Place("room", room_id)
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await access_moderate(session, viewer, place)
        existing = await store.get_pin(session, room_id, message_id)
        if pinned:
            provider = content.get("message")
            info = await provider.describe(session, message_id, 0) if provider else None
            if info is None or info.place != place:
                raise NotFound("message_not_found", "No such message in this room.")
            if existing is not None:
                raise Conflict("already_pinned", "That message is already pinned.")
            if len(await store.list_pins(session, room_id)) >= MAX_PINS:
                raise Conflict("too_many_pins", f"A room can have at most {MAX_PINS} pinned messages.")
            await store.add_row(session, RoomPin(room_id=room_id, message_id=message_id, pinned_by=viewer.id,
                                                 pinned_at=now))
        else:
            if existing is None:
                raise NotFound("pin_not_found", "That message is not pinned.")
            await store.delete_pin(session, existing.id)
        await audit.record(session, now, viewer.id, "pin" if pinned else "unpin", "message", message_id,
                           place=place, reason=reason)
        state = await get_room_state(session, room_id)
    await audit.publish(ctx, [_room_event(room_id, "pinned" if pinned else "unpinned", message_id=message_id,
                                          pins=list(state.pinned))])
    return state


async def do_set_removed(
    ctx: AppContext, content: ContentRegistry, viewer: Viewer, kind: str, target_id: int, removed: bool,
    reason: str | None,
) -> int:
    """Remove or restore a message/post. Returns the audit entry id.

    Members are refused before anything is looked up; for staff an unknown
    item is ``not_found`` and one outside their reach is ``forbidden``.
    """
    provider = content.get(kind)
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await access_staff(session, viewer)
        if provider is None:
            raise NotFound()
        info = await provider.describe(session, target_id, 0)
        if info is None:
            raise NotFound()
        await access_moderate(session, viewer, info.place)
        if info.removed == removed:
            raise Conflict("already_removed" if removed else "not_removed",
                           "That is already removed." if removed else "That is not removed.")
        await provider.set_removed(session, target_id, removed, viewer.id, now)
        entry = await audit.record(session, now, viewer.id, "remove" if removed else "restore", kind, target_id,
                                   place=info.place, reason=reason)
    event = {
        "type": "moderation", "event": "content_removed" if removed else "content_restored",
        "target": {"kind": kind, "id": target_id}, "place": info.place.to_json(),
    }
    await audit.publish(ctx, [(info.place.channel, event), (STAFF_CHANNEL, event)])
    return entry.id
