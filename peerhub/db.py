"""Database engine, sessions and the declarative base shared by every subsystem.

PostgreSQL (asyncpg) in production, SQLite (aiosqlite, WAL, foreign keys on)
as the embedded default. ``Database.write()`` opens the one transaction a
``do_*`` service function writes in; on SQLite it also takes a process-wide
write lock, because SQLite has a single writer and a deferred transaction
that reads then writes would otherwise fail with "database is locked" under
concurrency. Several processes on one SQLite file are not supported: scale
out on PostgreSQL.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import DateTime, MetaData, event, make_url, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from peerhub import sqlite_driver

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on both databases (SQLite stores naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    if url.startswith("sqlite"):
        options: dict[str, Any] = {}
        if sqlite_driver.available():
            # One worker-thread round trip per statement instead of four (peerhub.sqlite_driver).
            parsed = make_url(url)
            args, kwargs = parsed.get_dialect()().create_connect_args(parsed)
            options["async_creator"] = partial(sqlite_driver.connect, *args, **kwargs)
        engine = create_async_engine(url, pool_size=pool_size, max_overflow=10, pool_timeout=10, **options)
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        return engine
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=20,
        pool_timeout=5,
        pool_pre_ping=True,
        # Fail fast when PostgreSQL is away, so requests answer 503 quickly.
        connect_args={"timeout": 5, "command_timeout": 15},
    )


def is_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` means the database could not be reached or the
    connection broke (PostgreSQL restarting, a network cut, the pool
    exhausted, SQLite busy past its timeout): the request may be retried and
    callers answer ``Unavailable`` (503, retryable) instead of a 500."""
    if isinstance(exc, (OSError, sa_exc.TimeoutError, sa_exc.DisconnectionError)):
        return True  # OSError covers ConnectionError and TimeoutError
    if isinstance(exc, sa_exc.DBAPIError):
        return bool(exc.connection_invalidated) or isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError))
    return False


class Database:
    """Owns the engine; hands out read sessions and write transactions."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size)
        self.is_sqlite = url.startswith("sqlite")
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for reads; whatever it began is rolled back at the end."""
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """One transaction: committed when the block ends, rolled back on error."""
        if self._write_lock is not None:
            async with self._write_lock, self._sessions() as session, session.begin():
                yield session
        else:
            async with self._sessions() as session, session.begin():
                yield session

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()
