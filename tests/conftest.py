"""Test fixtures: migrated databases (SQLite always, PostgreSQL when configured)
and a real uvicorn server on 127.0.0.1 with a fake clock.

Each test gets a fresh database copied from a template that was migrated
once per session with the real alembic migrations (never ``create_all``).
PostgreSQL and Redis tests run when ``PEERHUB_TEST_POSTGRES_URL`` /
``PEERHUB_TEST_REDIS_URL`` are set; otherwise they skip, except under
``CI=true`` where a missing service is a failure.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from peerhub.app import create_app
from peerhub.clock import FakeClock
from peerhub.migrations import upgrade
from peerhub.settings import Settings, normalize_database_url

POSTGRES_URL = os.environ.get("PEERHUB_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("PEERHUB_TEST_REDIS_URL")
IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_PASSWORD = "a quiet night in 2026"


def need_service(name: str, value: str | None) -> str:
    """Return the service URL, or skip (fail in CI) with a clear reason."""
    if value:
        return value
    reason = f"{name} is not configured (set PEERHUB_TEST_{name.upper()}_URL)"
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


both_backends = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


def _pg_admin_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


def _pg_with_db(url: str, name: str) -> str:
    base = url.rsplit("/", 1)[0]
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    if not POSTGRES_URL:
        yield None
        return
    name = f"peerhub_tmpl_{uuid.uuid4().hex[:8]}"

    async def create() -> None:
        conn = await asyncpg.connect(_pg_admin_dsn(POSTGRES_URL))
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        await upgrade(normalize_database_url(_pg_with_db(POSTGRES_URL, name)))

    async def drop() -> None:
        conn = await asyncpg.connect(_pg_admin_dsn(POSTGRES_URL))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(create())
    yield name
    asyncio.run(drop())


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
async def database_url(
    backend: str, tmp_path: Path, sqlite_template: Path, postgres_template: str | None
) -> AsyncIterator[str]:
    """A fresh, migrated database for one test."""
    if backend == "sqlite":
        target = tmp_path / "peerhub.sqlite3"
        shutil.copy(sqlite_template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    url = need_service("postgres", POSTGRES_URL)
    assert postgres_template is not None
    name = f"peerhub_t_{uuid.uuid4().hex[:10]}"
    conn = await asyncpg.connect(_pg_admin_dsn(url))
    try:
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    finally:
        await conn.close()
    yield normalize_database_url(_pg_with_db(url, name))
    conn = await asyncpg.connect(_pg_admin_dsn(url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        env="development",
        data_dir=tmp_path,
        database_url=database_url,
        secret_key="test-secret-key-that-is-long-enough",
        seed_defaults=True,
        # Tests build big threads quickly; the flood guard has its own test.
        forum_post_burst=100_000,
    )


@dataclass
class LiveServer:
    app: Starlette
    base_url: str
    ws_url: str
    clock: FakeClock
    settings: Settings
    server: uvicorn.Server

    def client(self) -> ApiClient:
        return ApiClient(self.base_url)


class ApiClient(httpx.AsyncClient):
    """An HTTP client that remembers its session cookie and sends the CSRF token."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url=base_url, timeout=20)
        self.csrf: str | None = None
        self.user: dict[str, Any] | None = None

    async def request(self, method: str, url: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        if self.csrf and method.upper() not in {"GET", "HEAD", "OPTIONS"}:
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRF-Token", self.csrf)
            kwargs["headers"] = headers
        response = await super().request(method, url, **kwargs)
        if response.headers.get("content-type", "").startswith("application/json"):
            body = response.json()
            if isinstance(body, dict) and "csrf_token" in body:
                self.csrf = body["csrf_token"]
                self.user = body.get("user")
        return response

    async def signup_login(self, handle: str, password: str = TEST_PASSWORD) -> dict[str, Any]:
        r = await self.post("/api/auth/signup", json={"handle": handle, "password": password})
        assert r.status_code == 201, r.text
        r = await self.post("/api/auth/login", json={"handle": handle, "password": password})
        assert r.status_code == 200, r.text
        assert self.user is not None
        return self.user

    @property
    def session_cookie(self) -> str:
        return self.cookies.get("peerhub_session") or ""


async def start_server(settings: Settings, clock: FakeClock, **uvicorn_options: Any) -> LiveServer:
    """A live server; ``uvicorn_options`` override the uvicorn config below (e.g. ``ws``)."""
    from peerhub.db import Database
    from peerhub.seed import seed_defaults

    db = Database(settings.database_url, pool_size=1)
    await seed_defaults(db, clock)
    await db.dispose()
    app = create_app(settings, clock=clock)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="on",
        **{"ws_max_size": 16 * 1024, "ws_per_message_deflate": False, **uvicorn_options},
    )
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError("server did not start")
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    live = LiveServer(app, f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}/ws", clock, settings, server)
    live._task = task  # type: ignore[attr-defined]
    return live


async def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True
    await asyncio.wait_for(live._task, 15)  # type: ignore[attr-defined]


@pytest.fixture
async def live(settings: Settings, clock: FakeClock) -> AsyncIterator[LiveServer]:
    server = await start_server(settings, clock)
    try:
        yield server
    finally:
        await stop_server(server)


@pytest.fixture
async def api(live: LiveServer) -> AsyncIterator[ApiClient]:
    async with live.client() as client:
        yield client
