"""SQL for escalations and crisis resources. Takes the session; never commits.

The escalation history (``escalation_events``) has ``add_event`` and
``list_events`` only: nothing updates or deletes an event, on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.models import Role, User
from peerhub.moderation.escalation_models import (
    REVIEW_FILTER,
    CrisisResource,
    Escalation,
    EscalationEvent,
    EscalationItem,
)


def open_key(writer_id: int, place_kind: str, place_id: int) -> str:
    return f"{writer_id}:{place_kind}:{place_id}"


async def get_escalation(session: AsyncSession, escalation_id: int) -> Escalation | None:
    return await session.get(Escalation, escalation_id)


async def get_escalation_for_update(session: AsyncSession, escalation_id: int) -> Escalation | None:
    result = await session.execute(select(Escalation).where(Escalation.id == escalation_id).with_for_update())
    return result.scalar_one_or_none()


async def get_open_escalation(session: AsyncSession, key: str) -> Escalation | None:
    result = await session.execute(select(Escalation).where(Escalation.open_key == key).with_for_update())
    return result.scalar_one_or_none()


async def add_escalation(session: AsyncSession, escalation: Escalation) -> Escalation:
    session.add(escalation)
    await session.flush()
    return escalation


async def has_item(session: AsyncSession, escalation_id: int, kind: str, item_id: int) -> bool:
    result = await session.execute(
        select(EscalationItem.id).where(
            EscalationItem.escalation_id == escalation_id, EscalationItem.kind == kind,
            EscalationItem.item_id == item_id,
        )
    )
    return result.first() is not None


async def add_item(session: AsyncSession, item: EscalationItem) -> EscalationItem:
    session.add(item)
    await session.flush()
    return item


async def add_event(session: AsyncSession, event: EscalationEvent) -> None:
    session.add(event)
    await session.flush()


async def list_items(session: AsyncSession, escalation_ids: Sequence[int]) -> list[EscalationItem]:
    if not escalation_ids:
        return []
    result = await session.execute(
        select(EscalationItem).where(EscalationItem.escalation_id.in_(escalation_ids))
        .order_by(EscalationItem.escalation_id, EscalationItem.id)
    )
    return list(result.scalars())


async def list_events(session: AsyncSession, escalation_id: int) -> list[EscalationEvent]:
    result = await session.execute(
        select(EscalationEvent).where(EscalationEvent.escalation_id == escalation_id).order_by(EscalationEvent.id)
    )
    return list(result.scalars())


async def list_escalations(
    session: AsyncSession, statuses: Sequence[str], *, before_id: int | None, limit: int,
    priority: str | None = None,
) -> list[Escalation]:
    """Unresolved: urgent before review; within each, not yet acknowledged
    first, then oldest first. Resolved: newest first. ``priority`` (``urgent``
    or ``review``) keeps one tier only."""
    query = select(Escalation).where(Escalation.status.in_(statuses))
    if priority == "review":
        query = query.where(REVIEW_FILTER)
    elif priority == "urgent":
        query = query.where(not_(REVIEW_FILTER))
    if "resolved" in statuses:
        if before_id is not None:
            query = query.where(Escalation.id < before_id)
        query = query.order_by(Escalation.id.desc())
    else:
        tier = case((REVIEW_FILTER, 1), else_=0)
        waiting = case((Escalation.status == "open", 0), else_=1)
        query = query.order_by(tier, waiting, Escalation.opened_at, Escalation.id)
    result = await session.execute(query.limit(limit))
    return list(result.scalars())


async def list_overdue(session: AsyncSession, now: datetime, limit: int) -> list[Escalation]:
    """Unacknowledged urgent escalations whose next alert is due, locked for
    the sweep (review escalations have no deadline)."""
    result = await session.execute(
        select(Escalation).where(Escalation.status == "open", Escalation.next_alert_at <= now, not_(REVIEW_FILTER))
        .order_by(Escalation.next_alert_at, Escalation.id).limit(limit).with_for_update()
    )
    return list(result.scalars())


async def count_unresolved(session: AsyncSession) -> int:
    """Unresolved urgent escalations (the ``peerhub_escalations_open`` gauge; review ones are not a page)."""
    result = await session.execute(
        select(func.count()).select_from(Escalation).where(Escalation.status != "resolved", not_(REVIEW_FILTER))
    )
    return int(result.scalar_one())


async def upgraded_at(session: AsyncSession, escalation_ids: Sequence[int]) -> dict[int, datetime]:
    """When each of these escalations last went from review to urgent (absent: never)."""
    if not escalation_ids:
        return {}
    result = await session.execute(
        select(EscalationEvent.escalation_id, func.max(EscalationEvent.at))
        .where(EscalationEvent.escalation_id.in_(escalation_ids), EscalationEvent.action == "upgraded")
        .group_by(EscalationEvent.escalation_id)
    )
    return {eid: at for eid, at in result.all()}


async def handles(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    result = await session.execute(select(User.id, User.handle).where(User.id.in_(set(user_ids))))
    return {uid: handle for uid, handle in result.all()}


async def list_staff_ids(session: AsyncSession) -> list[int]:
    """Every facilitator and admin whose account is live (for deadline re-alerts)."""
    result = await session.execute(
        select(User.id).where(User.role.in_([Role.facilitator.value, Role.admin.value]), User.erased_at.is_(None))
        .order_by(User.id)
    )
    return list(result.scalars())


# --- crisis resources ---------------------------------------------------------


async def list_resources(session: AsyncSession, *, active_only: bool) -> list[CrisisResource]:
    query = select(CrisisResource)
    if active_only:
        query = query.where(CrisisResource.active.is_(True))
    result = await session.execute(query.order_by(CrisisResource.position, CrisisResource.id))
    return list(result.scalars())


async def get_resource(session: AsyncSession, resource_id: int) -> CrisisResource | None:
    return await session.get(CrisisResource, resource_id)


async def add_resource(session: AsyncSession, resource: CrisisResource) -> CrisisResource:
    session.add(resource)
    await session.flush()
    return resource
