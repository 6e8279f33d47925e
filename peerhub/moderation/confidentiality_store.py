"""SQL for agreements, place settings, retention and purges. Takes the session; never commits.

Rooms, messages, forum posts and their revisions belong to realtime and
forum, which moderation must not import: they are known here by table and
column name only (``sqlalchemy.table``), the way ``moderation.store`` knows
places. Each construct lists just the columns this module touches.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text, column, delete, exists, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from peerhub.db import UTCDateTime
from peerhub.moderation.confidentiality_models import (
    Agreement,
    AgreementAcceptance,
    PurgeRun,
    RoomAgreement,
    RoomRetention,
)
from peerhub.moderation.escalation_models import Escalation, EscalationItem
from peerhub.moderation.models import Report, RoomPin

rooms = table("rooms", column("id", Integer), column("slug", String), column("retention_days", Integer))
categories = table("forum_categories", column("id", Integer), column("agreement_id", Integer))
messages = table(
    "room_messages", column("id", Integer), column("room_id", Integer), column("seq", Integer),
    column("author_id", Integer), column("text", Text), column("created_at", UTCDateTime()),
    column("removed_at", UTCDateTime()), column("topics", JSON), column("personal_kinds", String),
)
threads = table(
    "forum_threads", column("id", Integer), column("category_id", Integer), column("author_id", Integer),
    column("title", String), column("created_at", UTCDateTime()), column("reply_count", Integer),
    column("last_post_id", Integer), column("deleted_at", UTCDateTime()),
)
posts = table(
    "forum_posts", column("id", Integer), column("thread_id", Integer), column("parent_id", Integer),
    column("reply_to_id", Integer), column("author_id", Integer), column("title", String),
    column("body_source", Text), column("body_html", Text), column("created_at", UTCDateTime()),
    column("edited_at", UTCDateTime()), column("deleted_at", UTCDateTime()), column("removed_at", UTCDateTime()),
    column("topics", JSON),
    column("personal_kinds", JSON), column("crisis_level", String),
)
revisions = table(
    "forum_post_revisions", column("id", Integer), column("post_id", Integer), column("replaced_at", UTCDateTime()),
)


# --- agreements ---------------------------------------------------------------


async def get_agreement(session: AsyncSession, agreement_id: int) -> Agreement | None:
    return await session.get(Agreement, agreement_id)


async def get_agreement_by_slug(session: AsyncSession, slug: str) -> Agreement | None:
    return (await session.execute(select(Agreement).where(Agreement.slug == slug))).scalar_one_or_none()


async def list_agreements(session: AsyncSession) -> list[Agreement]:
    return list((await session.execute(select(Agreement).order_by(Agreement.id))).scalars())


async def add_agreement(session: AsyncSession, agreement: Agreement) -> Agreement:
    session.add(agreement)
    await session.flush()
    return agreement


async def get_acceptance(session: AsyncSession, user_id: int, agreement_id: int) -> AgreementAcceptance | None:
    return await session.get(AgreementAcceptance, (user_id, agreement_id))


async def set_acceptance(session: AsyncSession, user_id: int, agreement_id: int, version: int, when: datetime) -> None:
    row = await get_acceptance(session, user_id, agreement_id)
    if row is None:
        session.add(AgreementAcceptance(user_id=user_id, agreement_id=agreement_id, version=version, accepted_at=when))
    else:
        row.version, row.accepted_at = version, when
    await session.flush()


async def list_acceptances(session: AsyncSession, user_id: int) -> list[tuple[AgreementAcceptance, str]]:
    result = await session.execute(
        select(AgreementAcceptance, Agreement.slug)
        .join(Agreement, Agreement.id == AgreementAcceptance.agreement_id)
        .where(AgreementAcceptance.user_id == user_id)
        .order_by(AgreementAcceptance.agreement_id)
    )
    return [(a, s) for a, s in result.all()]


# --- places ---------------------------------------------------------------------


async def get_room_id(session: AsyncSession, slug: str) -> int | None:
    value = (await session.execute(select(rooms.c.id).where(rooms.c.slug == slug))).scalar()
    return None if value is None else int(value)


async def category_exists(session: AsyncSession, category_id: int) -> bool:
    return (await session.execute(select(categories.c.id).where(categories.c.id == category_id))).first() is not None


async def get_room_agreement_id(session: AsyncSession, room_id: int) -> int | None:
    row = await session.get(RoomAgreement, room_id)
    return None if row is None else row.agreement_id


async def set_room_agreement(session: AsyncSession, room_id: int, agreement_id: int | None) -> None:
    await session.execute(delete(RoomAgreement).where(RoomAgreement.room_id == room_id))
    if agreement_id is not None:
        session.add(RoomAgreement(room_id=room_id, agreement_id=agreement_id))
    await session.flush()


async def get_category_agreement_id(session: AsyncSession, category_id: int) -> int | None:
    value = (await session.execute(select(categories.c.agreement_id).where(categories.c.id == category_id))).scalar()
    return None if value is None else int(value)


async def set_category_agreement(session: AsyncSession, category_id: int, agreement_id: int | None) -> None:
    await session.execute(update(categories).where(categories.c.id == category_id).values(agreement_id=agreement_id))


# --- retention --------------------------------------------------------------------


async def get_room_retention_days(session: AsyncSession, room_id: int) -> int | None:
    value = (await session.execute(select(rooms.c.retention_days).where(rooms.c.id == room_id))).scalar()
    return None if value is None else int(value)


async def set_room_retention(
    session: AsyncSession, room_id: int, keep_hours: int | None, days: int | None, when: datetime
) -> None:
    """Write the hour-level row and ``rooms.retention_days`` together (see ``RoomRetention``)."""
    await session.execute(update(rooms).where(rooms.c.id == room_id).values(retention_days=days))
    row = await session.get(RoomRetention, room_id)
    if row is None:
        session.add(RoomRetention(room_id=room_id, keep_hours=keep_hours, days_written=days, updated_at=when))
    else:
        row.keep_hours, row.days_written, row.updated_at = keep_hours, days, when
    await session.flush()


async def list_room_retention(session: AsyncSession) -> list[tuple[int, int | None, RoomRetention | None]]:
    """Every room with its ``retention_days`` and its hour-level row (if any)."""
    result = await session.execute(
        select(rooms.c.id, rooms.c.retention_days, RoomRetention)
        .select_from(rooms)
        .outerjoin(RoomRetention, RoomRetention.room_id == rooms.c.id)
        .order_by(rooms.c.id)
    )
    return [(int(i), None if d is None else int(d), r) for i, d, r in result.all()]


# --- held content: attached to an open report or an unresolved escalation ------


def held(kind: str, id_column: ColumnElement[int]) -> ColumnElement[bool]:
    """True for a message/post id that an open report or unresolved escalation points at."""
    by_report = exists().where(
        Report.target_kind == kind, Report.target_id == id_column, Report.status != "resolved"
    )
    by_escalation = exists().where(
        EscalationItem.kind == kind, EscalationItem.item_id == id_column,
        Escalation.id == EscalationItem.escalation_id, Escalation.status != "resolved",
    )
    return by_report | by_escalation


# --- purges ------------------------------------------------------------------------


async def list_expired_messages(session: AsyncSession, room_id: int, cutoff: datetime, limit: int) -> list[int]:
    result = await session.execute(
        select(messages.c.id)
        .where(messages.c.room_id == room_id, messages.c.created_at < cutoff, ~held("message", messages.c.id))
        .order_by(messages.c.id)
        .limit(limit)
    )
    return [int(i) for i in result.scalars()]


async def delete_messages(session: AsyncSession, ids: Sequence[int]) -> int:
    """Delete messages (and pins of them); returns how many messages went."""
    if not ids:
        return 0
    await session.execute(delete(RoomPin).where(RoomPin.message_id.in_(ids)))
    result = await session.execute(delete(messages).where(messages.c.id.in_(ids)))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def delete_old_revisions(session: AsyncSession, cutoff: datetime, limit: int) -> int:
    """Edit history and author-deleted text older than ``cutoff``, unless held."""
    ids = list((await session.execute(
        select(revisions.c.id)
        .where(revisions.c.replaced_at < cutoff, ~held("post", revisions.c.post_id))
        .order_by(revisions.c.id)
        .limit(limit)
    )).scalars())
    if not ids:
        return 0
    result = await session.execute(delete(revisions).where(revisions.c.id.in_(ids)))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def blank_old_removed_posts(session: AsyncSession, cutoff: datetime) -> int:
    """Posts deleted by their author or removed by a facilitator before ``cutoff``
    that still hold text (unless held): text cleared, the placeholder stays."""
    gone_before = (posts.c.deleted_at < cutoff) | (posts.c.removed_at < cutoff)
    result = await session.execute(
        update(posts)
        .where(gone_before, posts.c.body_source != "", ~held("post", posts.c.id))
        .values(body_source="", body_html="", title="", topics=[], personal_kinds=[])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def blank_old_removed_messages(session: AsyncSession, cutoff: datetime) -> int:
    """Chat lines a facilitator removed before ``cutoff`` (kept so far for restore
    and review), unless held: text cleared like an author's removal."""
    result = await session.execute(
        update(messages)
        .where(messages.c.removed_at < cutoff, messages.c.text != "", ~held("message", messages.c.id))
        .values(text="", topics=[], personal_kinds="")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def add_purge_run(session: AsyncSession, run: PurgeRun) -> None:
    session.add(run)
    await session.flush()


async def list_purge_runs(session: AsyncSession, limit: int) -> list[PurgeRun]:
    result = await session.execute(select(PurgeRun).order_by(PurgeRun.id.desc()).limit(limit))
    return list(result.scalars())

