"""SQL for accounts. Takes the session; never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts.models import AuthSession, RecoveryCode, User


async def get_user(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_user_by_key(session: AsyncSession, key: str) -> User | None:
    result = await session.execute(select(User).where(User.handle_key == key))
    return result.scalar_one_or_none()


async def get_users_by_ids(session: AsyncSession, ids: list[int]) -> dict[int, User]:
    if not ids:
        return {}
    result = await session.execute(select(User).where(User.id.in_(ids)))
    return {u.id: u for u in result.scalars()}


async def add_user(session: AsyncSession, user: User) -> User:
    session.add(user)
    await session.flush()
    return user


async def add_recovery_codes(session: AsyncSession, user_id: int, code_hashes: list[str]) -> None:
    session.add_all(RecoveryCode(user_id=user_id, code_hash=h) for h in code_hashes)
    await session.flush()


async def get_unused_recovery_code(session: AsyncSession, user_id: int, code_hash: str) -> RecoveryCode | None:
    result = await session.execute(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == code_hash,
            RecoveryCode.used_at.is_(None),
        )
    )
    return result.scalar_one_or_none()


async def add_session(session: AsyncSession, row: AuthSession) -> AuthSession:
    session.add(row)
    await session.flush()
    return row


async def get_session_with_user(session: AsyncSession, token_hash: str) -> tuple[AuthSession, User] | None:
    result = await session.execute(
        select(AuthSession, User).join(User, User.id == AuthSession.user_id).where(
            AuthSession.token_hash == token_hash
        )
    )
    row = result.first()
    return None if row is None else (row[0], row[1])


async def update_session_seen(session: AsyncSession, session_id: int, when: datetime) -> None:
    await session.execute(update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=when))


async def delete_session(session: AsyncSession, token_hash: str) -> None:
    await session.execute(delete(AuthSession).where(AuthSession.token_hash == token_hash))


async def delete_user_sessions(session: AsyncSession, user_id: int, keep_id: int | None = None) -> None:
    stmt = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep_id is not None:
        stmt = stmt.where(AuthSession.id != keep_id)
    await session.execute(stmt)
