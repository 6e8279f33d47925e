"""SQL for moderation. Takes the session; never commits.

The audit log has ``add_audit`` and ``list_audit`` only: there is no
function that updates or deletes an entry, on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, column, delete, or_, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from peerhub.accounts.models import User
from peerhub.moderation.models import (
    AuditEntry,
    CheckIn,
    DutyShift,
    ModScope,
    Report,
    ReportFiling,
    RoomControl,
    RoomPin,
    Sanction,
    UserNote,
)

# The two foundation tables places live in, known by name only (moderation
# must not import realtime or forum models).
_PLACE_TABLES = {
    "room": table("rooms", column("id")),
    "category": table("forum_categories", column("id")),
}


async def place_exists(session: AsyncSession, kind: str, place_id: int) -> bool:
    t = _PLACE_TABLES[kind]
    return (await session.execute(select(t.c.id).where(t.c.id == place_id))).first() is not None


# --- scopes -----------------------------------------------------------------


async def list_scopes(session: AsyncSession, user_id: int) -> list[ModScope]:
    result = await session.execute(
        select(ModScope).where(ModScope.user_id == user_id).order_by(ModScope.place_kind, ModScope.place_id)
    )
    return list(result.scalars())


async def list_all_scopes(session: AsyncSession) -> list[ModScope]:
    result = await session.execute(select(ModScope).order_by(ModScope.user_id, ModScope.place_kind, ModScope.place_id))
    return list(result.scalars())


async def replace_scopes(session: AsyncSession, user_id: int, places: Sequence[tuple[str, int]], now: datetime) -> None:
    await session.execute(delete(ModScope).where(ModScope.user_id == user_id))
    session.add_all(ModScope(user_id=user_id, place_kind=k, place_id=i, created_at=now) for k, i in places)
    await session.flush()


# --- duty -------------------------------------------------------------------


async def get_shift(session: AsyncSession, user_id: int) -> DutyShift | None:
    return await session.get(DutyShift, user_id)


async def add_shift(session: AsyncSession, shift: DutyShift) -> None:
    session.add(shift)
    await session.flush()


async def delete_shift(session: AsyncSession, user_id: int) -> bool:
    result = await session.execute(delete(DutyShift).where(DutyShift.user_id == user_id))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def update_shift_seen(session: AsyncSession, user_id: int, when: datetime) -> None:
    await session.execute(update(DutyShift).where(DutyShift.user_id == user_id).values(last_seen_at=when))


async def list_shifts(session: AsyncSession, seen_after: datetime) -> list[tuple[DutyShift, User]]:
    result = await session.execute(
        select(DutyShift, User).join(User, User.id == DutyShift.user_id)
        .where(DutyShift.last_seen_at >= seen_after).order_by(DutyShift.started_at)
    )
    return [(s, u) for s, u in result.all()]


async def list_stale_shifts(session: AsyncSession, seen_before: datetime) -> list[int]:
    result = await session.execute(select(DutyShift.user_id).where(DutyShift.last_seen_at < seen_before))
    return list(result.scalars())


async def list_on_duty_reach(session: AsyncSession, seen_after: datetime) -> list[tuple[int, str, str | None, int | None]]:
    """(user_id, role, scope kind, scope id) for every live shift; scope NULL when unscoped."""
    result = await session.execute(
        select(DutyShift.user_id, User.role, ModScope.place_kind, ModScope.place_id)
        .join(User, User.id == DutyShift.user_id)
        .outerjoin(ModScope, ModScope.user_id == DutyShift.user_id)
        .where(DutyShift.last_seen_at >= seen_after, User.role.in_(("facilitator", "admin")))
    )
    return [(a, b, c, d) for a, b, c, d in result.all()]


# --- sanctions --------------------------------------------------------------


def _active(now: datetime) -> ColumnElement[bool]:
    return and_(Sanction.lifted_at.is_(None), or_(Sanction.expires_at.is_(None), Sanction.expires_at > now))


def applies(user_id: int, now: datetime, place: tuple[str, int] | None) -> ColumnElement[bool]:
    """Sanctions on the user, active at ``now``, site-wide or (if given) in ``place``."""
    where_place: ColumnElement[bool] = Sanction.place_kind.is_(None)
    if place is not None:
        where_place = or_(where_place, and_(Sanction.place_kind == place[0], Sanction.place_id == place[1]))
    return and_(Sanction.user_id == user_id, _active(now), where_place)


async def list_active_sanctions(
    session: AsyncSession, user_id: int, now: datetime, place: tuple[str, int] | None
) -> list[Sanction]:
    """Active sanctions on the user that apply site-wide or (if given) in ``place``."""
    result = await session.execute(select(Sanction).where(applies(user_id, now, place)).order_by(Sanction.id))
    return list(result.scalars())


async def list_user_sanctions(session: AsyncSession, user_id: int) -> list[Sanction]:
    result = await session.execute(select(Sanction).where(Sanction.user_id == user_id).order_by(Sanction.id.desc()))
    return list(result.scalars())


async def list_sanctions(session: AsyncSession, now: datetime, user_id: int | None) -> list[Sanction]:
    stmt = select(Sanction).where(_active(now), Sanction.kind != "kick").order_by(Sanction.id.desc()).limit(500)
    if user_id is not None:
        stmt = stmt.where(Sanction.user_id == user_id)
    return list((await session.execute(stmt)).scalars())


async def get_sanction(session: AsyncSession, sanction_id: int) -> Sanction | None:
    return await session.get(Sanction, sanction_id)


async def add_row(session: AsyncSession, row: object) -> None:
    session.add(row)
    await session.flush()


# --- room controls and pins ------------------------------------------------


async def get_room_control(session: AsyncSession, room_id: int) -> RoomControl | None:
    return await session.get(RoomControl, room_id)


async def list_pins(session: AsyncSession, room_id: int) -> list[RoomPin]:
    result = await session.execute(select(RoomPin).where(RoomPin.room_id == room_id).order_by(RoomPin.id))
    return list(result.scalars())


async def get_pin(session: AsyncSession, room_id: int, message_id: int) -> RoomPin | None:
    result = await session.execute(
        select(RoomPin).where(RoomPin.room_id == room_id, RoomPin.message_id == message_id)
    )
    return result.scalar_one_or_none()


async def delete_pin(session: AsyncSession, pin_id: int) -> None:
    await session.execute(delete(RoomPin).where(RoomPin.id == pin_id))


# --- check-ins and notes ----------------------------------------------------


async def list_checkins(session: AsyncSession, user_id: int, limit: int) -> list[CheckIn]:
    result = await session.execute(
        select(CheckIn).where(CheckIn.user_id == user_id).order_by(CheckIn.id.desc()).limit(limit)
    )
    return list(result.scalars())


async def list_notes(session: AsyncSession, user_id: int, limit: int) -> list[UserNote]:
    result = await session.execute(
        select(UserNote).where(UserNote.user_id == user_id).order_by(UserNote.id.desc()).limit(limit)
    )
    return list(result.scalars())


# --- reports ----------------------------------------------------------------


async def get_report(session: AsyncSession, report_id: int) -> Report | None:
    return await session.get(Report, report_id)


async def get_open_report(session: AsyncSession, open_key: str) -> Report | None:
    result = await session.execute(select(Report).where(Report.open_key == open_key))
    return result.scalar_one_or_none()


async def has_filed(session: AsyncSession, reporter_id: int, target_kind: str, target_id: int) -> bool:
    result = await session.execute(
        select(ReportFiling.id).where(
            ReportFiling.reporter_id == reporter_id,
            ReportFiling.target_kind == target_kind,
            ReportFiling.target_id == target_id,
        )
    )
    return result.first() is not None


async def list_queue(
    session: AsyncSession, statuses: Sequence[str], places: Sequence[tuple[str, int]] | None, limit: int
) -> list[Report]:
    """Reports by severity (highest first) then age (oldest first).

    ``places`` None means everything; otherwise only reports located in one
    of those places (a scoped facilitator's queue).
    """
    stmt = select(Report).where(Report.status.in_(statuses))
    if places is not None:
        if not places:
            return []
        stmt = stmt.where(or_(*(and_(Report.place_kind == k, Report.place_id == i) for k, i in places)))
    stmt = stmt.order_by(Report.severity.desc(), Report.created_at, Report.id).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def list_filings(session: AsyncSession, report_ids: Sequence[int]) -> list[tuple[ReportFiling, User]]:
    if not report_ids:
        return []
    result = await session.execute(
        select(ReportFiling, User).join(User, User.id == ReportFiling.reporter_id)
        .where(ReportFiling.report_id.in_(report_ids)).order_by(ReportFiling.id)
    )
    return [(f, u) for f, u in result.all()]


async def list_my_filings(session: AsyncSession, reporter_id: int, limit: int) -> list[tuple[ReportFiling, Report]]:
    result = await session.execute(
        select(ReportFiling, Report).join(Report, Report.id == ReportFiling.report_id)
        .where(ReportFiling.reporter_id == reporter_id).order_by(ReportFiling.id.desc()).limit(limit)
    )
    return [(f, r) for f, r in result.all()]


async def list_reports_about(session: AsyncSession, subject_id: int, limit: int) -> list[Report]:
    result = await session.execute(
        select(Report).where(Report.subject_id == subject_id).order_by(Report.id.desc()).limit(limit)
    )
    return list(result.scalars())


# --- audit ------------------------------------------------------------------


async def add_audit(session: AsyncSession, entry: AuditEntry) -> AuditEntry:
    session.add(entry)
    await session.flush()
    return entry


async def get_audit(session: AsyncSession, entry_id: int) -> AuditEntry | None:
    return await session.get(AuditEntry, entry_id)


async def list_audit(
    session: AsyncSession, *, actor_id: int | None, target: tuple[str, int] | None, before_id: int | None, limit: int
) -> list[AuditEntry]:
    """Newest first; keyset on ``id`` (``before_id`` is the last id of the previous page)."""
    stmt = select(AuditEntry)
    if actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if target is not None:
        stmt = stmt.where(AuditEntry.target_kind == target[0], AuditEntry.target_id == target[1])
    if before_id is not None:
        stmt = stmt.where(AuditEntry.id < before_id)
    return list((await session.execute(stmt.order_by(AuditEntry.id.desc()).limit(limit))).scalars())
