"""Sanctions (mute, kick, ban) and the checks every write path runs.

Policy:
- A sanction applies site-wide (``place`` None: site staff only) or in one
  room/category (staff whose reach covers it). ``duration_seconds`` None is
  permanent for mutes and bans; a kick always lasts ``KICK_COOLDOWN`` unless
  a duration is given, so a kicked person cannot bounce straight back in.
- Staff cannot sanction themselves, facilitators cannot sanction staff, and
  nobody can sanction an admin.
- Expiry needs no write: a sanction is active while not lifted and not past
  ``expires_at`` by the injected clock.

Checks (call them inside your own read/write session, with ``ctx.clock.now()``):
- ``check_can_join``: site/place ban -> ``Forbidden("banned")``, active kick
  -> ``Forbidden("kicked")``; both carry ``until`` (ISO time or None).
- ``check_can_post``: ban -> ``banned``, mute -> ``muted`` (with ``until``),
  locked room -> ``locked`` (staff who can moderate the room are exempt).
- ``is_banned_site``: for the socket upgrade and log-in paths.
Slow mode lives in ``rooms.check_slow_mode``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect

from peerhub.accounts import store as accounts_store
from peerhub.accounts.models import Role
from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import WS_FORBIDDEN, Conflict, Forbidden, InvalidInput, NotFound
from peerhub.moderation import audit, store
from peerhub.moderation.access import access_moderate, access_staff, can_moderate, forbid_self
from peerhub.moderation.content import Place, place_or_none
from peerhub.moderation.duty import CONTROL_CHANNEL, STAFF_CHANNEL
from peerhub.moderation.models import RoomControl, Sanction

SANCTION_KINDS = ("mute", "kick", "ban")
# A kick keeps the person out of the room this long: time to cool down,
# not a ban (a ban is a separate, deliberate action).
KICK_COOLDOWN = timedelta(minutes=5)
# Longest timed sanction; beyond a year, make it permanent on purpose.
MAX_SANCTION_SECONDS = 366 * 24 * 3600
_EVENT = {"mute": "muted", "kick": "kicked", "ban": "banned"}
_LIFT = {"mute": ("unmute", "unmuted"), "ban": ("unban", "unbanned")}


@dataclass(frozen=True)
class Applied:
    """The sanction row and the id of its audit entry (to link a report resolution)."""

    sanction: Sanction
    audit_id: int


def sanction_json(s: Sanction, now: datetime) -> dict[str, Any]:
    active = s.lifted_at is None and (s.expires_at is None or s.expires_at > now)
    return {
        "id": s.id, "kind": s.kind, "user_id": s.user_id,
        "place": {"kind": s.place_kind, "id": s.place_id} if s.place_kind else None,
        "reason": s.reason, "created_by": s.created_by, "created_at": s.created_at.isoformat(),
        "expires_at": s.expires_at.isoformat() if s.expires_at else None,
        "lifted_at": s.lifted_at.isoformat() if s.lifted_at else None, "active": active,
    }


def _user_event(s: Sanction, event: str) -> dict[str, Any]:
    return {
        "type": "moderation", "event": event, "sanction_id": s.id, "user_id": s.user_id,
        "place": {"kind": s.place_kind, "id": s.place_id} if s.place_kind else None,
        "until": s.expires_at.isoformat() if s.expires_at and event in _EVENT.values() else None,
    }


async def _check_target(session: AsyncSession, viewer: Viewer, user_id: int) -> None:
    forbid_self(viewer, user_id)
    target = await accounts_store.get_user(session, user_id)
    if target is None or target.erased_at is not None:
        raise NotFound("user_not_found", "No such person.")
    if target.role == Role.admin or (target.role == Role.facilitator and not viewer.is_admin):
        raise Forbidden("target_is_staff", "Staff are not sanctioned here; talk to an admin.")


async def do_sanction(
    ctx: AppContext, viewer: Viewer, kind: str, user_id: int, place: Place | None,
    duration_seconds: int | None, reason: str | None,
) -> Applied:
    if kind not in SANCTION_KINDS:
        raise InvalidInput("invalid_sanction", "A sanction is mute, kick or ban.")
    if kind == "kick" and (place is None or place.kind != "room"):
        raise InvalidInput("invalid_place", "A kick is from a room.")
    if duration_seconds is not None and not 1 <= duration_seconds <= MAX_SANCTION_SECONDS:
        raise InvalidInput("invalid_duration", "Duration must be between 1 second and a year.")
    now = ctx.clock.now()
    if duration_seconds is not None:
        expires: datetime | None = now + timedelta(seconds=duration_seconds)
    else:
        expires = now + KICK_COOLDOWN if kind == "kick" else None
    async with ctx.db.write() as session:
        await access_moderate(session, viewer, place)
        await _check_target(session, viewer, user_id)
        if place is not None and not await store.place_exists(session, place.kind, place.id):
            raise NotFound("place_not_found", "No such room or category.")
        row = Sanction(
            kind=kind, user_id=user_id, place_kind=place.kind if place else None,
            place_id=place.id if place else None, reason=reason, created_by=viewer.id,
            created_at=now, expires_at=expires,
        )
        await store.add_row(session, row)
        entry = await audit.record(session, now, viewer.id, kind, "user", user_id, place=place, reason=reason,
                                   ref_id=row.id)
    event = _user_event(row, _EVENT[kind])
    events = [(f"user:{user_id}", event), (STAFF_CHANNEL, event)]
    if kind == "ban" and place is None:
        # Every process closes the person's sockets at once (the hub's ``close_user``).
        events.append((CONTROL_CHANNEL, {"type": "close_user", "user_id": user_id, "code": WS_FORBIDDEN,
                                         "reason": "banned"}))
    await audit.publish(ctx, events)
    return Applied(row, entry.id)


async def do_lift(ctx: AppContext, viewer: Viewer, sanction_id: int, reason: str | None) -> Applied:
    """Lift an active mute or ban early (unmute/unban). Kicks simply run out."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        row = await store.get_sanction(session, sanction_id)
        if row is None:
            raise NotFound()
        place = place_or_none(row.place_kind, row.place_id)
        await access_moderate(session, viewer, place)
        active = row.lifted_at is None and (row.expires_at is None or row.expires_at > now)
        if row.kind not in _LIFT or not active:
            raise Conflict("not_active", "That sanction is not active (or cannot be lifted).")
        row.lifted_at, row.lifted_by = now, viewer.id
        action, event_name = _LIFT[row.kind]
        entry = await audit.record(session, now, viewer.id, action, "user", row.user_id, place=place, reason=reason,
                                   ref_id=row.id)
    event = _user_event(row, event_name)
    await audit.publish(ctx, [(f"user:{row.user_id}", event), (STAFF_CHANNEL, event)])
    return Applied(row, entry.id)


async def list_active(ctx: AppContext, viewer: Viewer, user_id: int | None) -> list[dict[str, Any]]:
    """Active mutes and bans (staff; scoped facilitators see those in their places)."""
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        reach = await access_staff(session, viewer)
        rows = await store.list_sanctions(session, now, user_id)
    return [sanction_json(s, now) for s in rows if reach.covers(place_or_none(s.place_kind, s.place_id))]


def _refusal(s: Sanction, code: str, where: str) -> Forbidden:
    until = s.expires_at.isoformat() if s.expires_at else None
    when = f" until {s.expires_at:%Y-%m-%d %H:%M} UTC" if s.expires_at else ""
    text = {
        "banned": f"You're banned from {where}{when}.",
        "kicked": f"You were asked to leave {where}; you can come back{when}.",
        "muted": f"You can read, but you can't post in {where}{when}.",
    }[code]
    return Forbidden(code, text, until=until)


def _where(s: Sanction) -> str:
    return {None: "peerhub", "room": "this room", "category": "this category"}[s.place_kind]


async def check_can_join(session: AsyncSession, user_id: int, place: Place, now: datetime) -> None:
    """Refuse a banned (site or place) or recently kicked person entering ``place``."""
    active = await store.list_active_sanctions(session, user_id, now, (place.kind, place.id))
    for code, kind in (("banned", "ban"), ("kicked", "kick")):
        for s in active:
            if s.kind == kind:
                raise _refusal(s, code, _where(s))


# What refuses a post, in the order checked (the first found wins).
_POST_REFUSALS = (("banned", "ban"), ("muted", "mute"))
POST_BLOCKING = tuple(kind for _, kind in _POST_REFUSALS)


async def check_can_post(session: AsyncSession, viewer: Viewer, place: Place, now: datetime) -> RoomControl | None:
    """Refuse posting in ``place`` while banned, muted (site or place) or the room is locked.

    For a room, returns the room's control row it read (None: no slow mode,
    not locked), so the caller can apply slow mode without reading it again."""
    active = await store.list_active_sanctions(session, viewer.id, now, (place.kind, place.id))
    for code, kind in _POST_REFUSALS:
        for s in active:
            if s.kind == kind:
                raise _refusal(s, code, _where(s))
    if place.kind != "room":
        return None
    control = await store.get_room_control(session, place.id)
    if control is not None and control.locked and not await can_moderate(session, viewer, place):
        raise Forbidden("locked", "This room is read-only for now.")
    return control


def may_refuse_post(user_id: int, place: Place, now: datetime) -> ColumnElement[bool]:
    """A SQL condition that is true whenever ``check_can_post`` could refuse
    ``user_id`` in ``place``: an active ban or mute that applies there, or (in
    a room) the room is locked. For a write path that folds it into a query it
    runs anyway and calls ``check_can_post`` only when it is true, so the
    refusals themselves stay in one place."""
    sanctioned = exists().where(store.applies(user_id, now, (place.kind, place.id)), Sanction.kind.in_(POST_BLOCKING))
    if place.kind != "room":
        return sanctioned
    locked = exists().where(RoomControl.room_id == place.id, RoomControl.locked.is_(True))
    return or_(sanctioned, locked)


def slow_mode_of(room_id: int) -> ScalarSelect[int]:
    """The room's slow mode in seconds as a scalar subquery (NULL: no control row, i.e. off)."""
    return select(RoomControl.slow_mode_seconds).where(RoomControl.room_id == room_id).scalar_subquery()


async def is_banned_site(session: AsyncSession, user_id: int, now: datetime) -> bool:
    return any(s.kind == "ban" for s in await store.list_active_sanctions(session, user_id, now, None))
