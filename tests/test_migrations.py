"""Migrations walk up, down and up again on both databases, and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from peerhub.migrations import downgrade, upgrade
from peerhub.models import Base
from tests.conftest import both_backends


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Objects built per database outside the metadata (see alembic/env.py)."""
    prefixes = tuple(Base.metadata.info.get("unmanaged_prefixes", ()))
    return not (name and prefixes and name.startswith(prefixes))


def _diff(conn: Connection) -> list[object]:
    ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _include_name})
    return list(compare_metadata(ctx, Base.metadata))


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def _drift(url: str) -> list[object]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_diff)
    finally:
        await engine.dispose()


@both_backends
async def test_upgrade_downgrade_upgrade_without_drift(database_url: str) -> None:
    # The fixture's database is already at head.
    assert "users" in await _tables(database_url)
    assert await _drift(database_url) == []
    await downgrade(database_url, "base")
    assert await _tables(database_url) <= {"alembic_version"}
    await upgrade(database_url, "head")
    tables = await _tables(database_url)
    assert {"users", "auth_sessions", "recovery_codes", "rooms", "forum_categories"} <= tables
    assert await _drift(database_url) == []


def test_single_head() -> None:
    from alembic.script import ScriptDirectory

    from peerhub.migrations import alembic_config

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"migrations have several heads: {heads}"


