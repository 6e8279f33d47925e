"""Async alembic environment (after alembic's async template).

The URL comes from, in order: a connection passed by the caller in
``config.attributes["connection"]`` (tests and ``peerhub migrate`` share their
connection), ``config.attributes["url"]``, or peerhub's settings from the
environment.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from peerhub.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.attributes.get("url")
    if url:
        return str(url)
    from peerhub.settings import Settings

    return Settings.from_env().database_url


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render peerhub's column types as plain SQLAlchemy types in migrations."""
    from peerhub.db import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Skip objects a subsystem builds per database outside the ORM metadata
    (e.g. the forum's search index): their prefixes are listed in
    ``Base.metadata.info["unmanaged_prefixes"]``."""
    prefixes = tuple(target_metadata.info.get("unmanaged_prefixes", ()))
    return not (name and prefixes and name.startswith(prefixes))


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
        include_name=include_name,
        transaction_per_migration=True,
    )


def do_run_migrations(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = create_async_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
        await connection.commit()
    await engine.dispose()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        asyncio.run(run_async_migrations())
    else:
        do_run_migrations(connection)


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
