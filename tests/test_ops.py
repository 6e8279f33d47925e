"""Operating peerhub: metrics access and content, backups that restore, JSON logs."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from peerhub.clock import FakeClock
from peerhub.settings import Settings
from tests.conftest import TEST_PASSWORD, LiveServer, start_server, stop_server
from tests.test_cli import cli_env, run_cli


async def test_metrics_served_to_loopback_with_route_templates(live: LiveServer) -> None:
    async with live.client() as a:
        await a.signup_login("metric_person")
        await a.get("/api/me")
        r = await a.get("/metrics")
    assert r.status_code == 200
    text = r.text
    assert 'peerhub_http_request_seconds_count{method="GET",route="/api/me",status_class="2xx"}' in text
    assert "peerhub_db_pool_checked_out" in text
    assert "metric_person" not in text  # no handles in labels


async def test_metrics_refused_elsewhere_unless_token(settings: Settings, clock: FakeClock) -> None:
    locked = settings.with_overrides(metrics_allow=("10.9.9.9/32",), metrics_token="s3cret-metrics-token")
    server = await start_server(locked, clock)
    try:
        async with server.client() as c:
            assert (await c.get("/metrics")).status_code == 403
            assert (await c.get("/metrics", headers={"Authorization": "Bearer wrong"})).status_code == 403
            ok = await c.get("/metrics", headers={"Authorization": "Bearer s3cret-metrics-token"})
            assert ok.status_code == 200 and "peerhub_ws_connections" in ok.text
    finally:
        await stop_server(server)


async def test_backup_restores_into_a_working_server(live: LiveServer, tmp_path: Path, clock: FakeClock) -> None:
    async with live.client() as a:
        await a.signup_login("backed_up")
    target = tmp_path / "backups" / "copy.sqlite3"
    done = run_cli("backup", str(target), env=cli_env(live.settings))
    assert done.returncode == 0, done.stderr
    again = run_cli("backup", str(target), env=cli_env(live.settings))
    assert again.returncode == 1  # never overwrites
    con = sqlite3.connect(target)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()
    restored = live.settings.with_overrides(database_url=f"sqlite+aiosqlite:///{target}")
    server = await start_server(restored, clock)
    try:
        async with server.client() as c:
            r = await c.post("/api/auth/login", json={"handle": "backed_up", "password": TEST_PASSWORD})
            assert r.status_code == 200
    finally:
        await stop_server(server)


def test_backup_on_postgres_points_to_pg_dump(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERHUB_")}
    env.update(PEERHUB_DATA_DIR=str(tmp_path), PEERHUB_DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    done = run_cli("backup", str(tmp_path / "x"), env=env)
    assert done.returncode == 2 and "pg_dump" in done.stderr


def test_json_log_lines_have_no_exception_messages() -> None:
    from peerhub.logs import JsonFormatter

    fmt = JsonFormatter()
    try:
        raise ValueError("secret user text inside an exception")
    except ValueError:
        import sys

        record = logging.LogRecord("peerhub.app", logging.ERROR, __file__, 1, "unhandled_error", None, sys.exc_info())
    line = fmt.format(record)
    data = json.loads(line)
    assert data["event"] == "unhandled_error" and data["error_type"] == "ValueError"
    assert "secret user text" not in line


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
async def test_probes(api: object, path: str, live: LiveServer) -> None:
    async with live.client() as c:
        r = await c.get(path)
    assert r.status_code == 200


async def test_readyz_says_why_when_database_is_away(settings: Settings, clock: FakeClock) -> None:
    import httpx

    from peerhub.app import create_app

    broken = settings.with_overrides(database_url="postgresql+asyncpg://postgres@127.0.0.1:1/none")
    app = create_app(broken, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            r = await c.get("/readyz")
            assert r.status_code == 503
            assert r.json() == {"status": "unavailable", "reason": "database"}
            assert (await c.get("/healthz")).status_code == 200


async def test_unexpected_errors_are_generic_and_logged_without_content(
    settings: Settings, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    import httpx
    from starlette.requests import Request
    from starlette.routing import Route

    from peerhub.app import create_app
    from peerhub.logs import JsonFormatter

    async def boom(request: Request) -> None:
        raise RuntimeError("canary-internal-detail sql=SELECT secret")

    app = create_app(settings, clock=clock)
    app.router.routes.insert(0, Route("/api/boom", boom, methods=["GET"]))
    caplog.set_level(logging.ERROR, logger="peerhub")
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            r = await c.get("/api/boom")
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "internal_error",
                                  "message": "Something went wrong on our side. Please try again."}}
    assert "canary" not in r.text
    lines = [JsonFormatter().format(rec) for rec in caplog.records if rec.name.startswith("peerhub")]
    assert any('"error_type": "RuntimeError"' in line for line in lines)
    assert not any("canary-internal-detail" in line for line in lines)
