"""Run alembic migrations from code (CLI, server start-up, tests).

The alembic scripts live in the repository's ``alembic/`` folder; an
installed wheel carries them as package data under ``peerhub/_alembic``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import command

REPO_ROOT = Path(__file__).resolve().parent.parent


def alembic_config(url: str | None = None) -> Config:
    ini = REPO_ROOT / "alembic.ini"
    cfg = Config(str(ini)) if ini.exists() else Config()
    cfg.set_main_option("script_location", str(REPO_ROOT / "alembic"))
    if url:
        cfg.attributes["url"] = url
    return cfg


async def _run(url: str, fn_name: str, target: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:

            def go(sync_conn: Connection) -> None:
                cfg = alembic_config(url)
                cfg.attributes["connection"] = sync_conn
                getattr(command, fn_name)(cfg, target)

            await conn.run_sync(go)
    finally:
        await engine.dispose()


async def upgrade(url: str, target: str = "head") -> None:
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
    await _run(url, "upgrade", target)


async def downgrade(url: str, target: str = "base") -> None:
    await _run(url, "downgrade", target)


def upgrade_sync(url: str, target: str = "head") -> None:
    asyncio.run(upgrade(url, target))


def _ensure_sqlite_dir(url: str) -> None:
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
