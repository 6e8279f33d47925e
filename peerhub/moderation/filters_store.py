"""SQL for per-user filters. Takes the session; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.models import User
from peerhub.moderation.filters_models import UserFilters


async def get_rules(session: AsyncSession, user_id: int) -> dict[str, Any] | None:
    row = await session.get(UserFilters, user_id)
    return None if row is None else dict(row.rules or {})


async def put_rules(session: AsyncSession, user_id: int, rules: dict[str, Any], when: datetime) -> None:
    row = await session.get(UserFilters, user_id)
    if row is None:
        session.add(UserFilters(user_id=user_id, rules=rules, updated_at=when))
    else:
        row.rules = rules
        row.updated_at = when
    await session.flush()


async def get_user_ids_by_keys(session: AsyncSession, keys: Sequence[str]) -> dict[str, int]:
    """Live accounts by canonical handle key (erased accounts have no key)."""
    if not keys:
        return {}
    result = await session.execute(select(User.handle_key, User.id).where(User.handle_key.in_(list(keys))))
    return {str(key): int(uid) for key, uid in result.all()}


async def get_handles(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    result = await session.execute(select(User.id, User.handle).where(User.id.in_(list(user_ids))))
    return {int(uid): str(handle) for uid, handle in result.all()}


async def get_rules_many(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    if not user_ids:
        return {}
    result = await session.execute(select(UserFilters).where(UserFilters.user_id.in_(list(user_ids))))
    return {row.user_id: dict(row.rules or {}) for row in result.scalars()}
