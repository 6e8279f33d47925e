"""Wiring: ``create_app(settings)`` builds the whole server.

Routes come from each subsystem's ``routes()``; the lifespan owns the
database engine, the broker, the password hasher, the rate limiters and the
background tasks. One handler turns ``PeerhubError`` into JSON errors; any
other exception becomes a generic 500 whose log line has no user content.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from peerhub.accounts import views as accounts_views
from peerhub.accounts.passwords import Passwords
from peerhub.broker import Broker, MemoryBroker
from peerhub.clock import Clock, SystemClock
from peerhub.context import AppContext
from peerhub.db import Database, is_unavailable
from peerhub.errors import PeerhubError, Unavailable
from peerhub.forum import views as forum_views
from peerhub.forum.content import ForumPosts, live_thread_hook
from peerhub.http import api
from peerhub.metrics import Metrics
from peerhub.middleware import PeerhubMiddleware
from peerhub.moderation import confidentiality_views, escalation_views, filters_views
from peerhub.moderation import views as moderation_views
from peerhub.moderation.confidentiality_purge import PurgeSweeper
from peerhub.moderation.escalation_deadline import DeadlineSweeper
from peerhub.moderation.escalation_hooks import on_message_stored
from peerhub.moderation.runtime import ModerationRuntime
from peerhub.openapi import build_openapi
from peerhub.ratelimit import RateLimiter
from peerhub.realtime import views as realtime_views
from peerhub.realtime.content import RoomMessages
from peerhub.realtime.filtering import install_filters
from peerhub.realtime.hub import Hub
from peerhub.realtime.moderating import install_moderation
from peerhub.redis_broker import RedisBroker
from peerhub.settings import Settings

log = logging.getLogger("peerhub.app")
FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend"

# Sign-up and log-in attempts: 10 per handle and 30 per address, refilling
# over a few minutes: enough for a person mistyping, not for guessing.
AUTH_PER_HANDLE = (10, 10 / 300)
AUTH_PER_ADDRESS = (30, 30 / 300)


async def peerhub_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PeerhubError)
    headers = {}
    if "retry_after" in exc.extra:
        headers["Retry-After"] = str(exc.extra["retry_after"])
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.status, headers=headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    message = {404: "Not found.", 405: "That method is not allowed here."}.get(exc.status_code, "Request failed.")
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=exc.status_code)


# /readyz answers within this long even when the database hangs (probes time out at 1-5 s).
READY_PING_SECONDS = 2.0
# A client retrying after a database outage: a second is enough for the pool to reconnect.
UNAVAILABLE_RETRY_AFTER_SECONDS = 1


async def maybe_unavailable(request: Request, exc: Exception) -> Response:
    """Connection errors (PostgreSQL away, pool exhausted) answer 503 ``unavailable``
    with ``retryable: true`` and Retry-After, not a 500; anything else is a 500."""
    if not is_unavailable(exc):
        return await server_error(request, exc)
    log.warning("database_unavailable", extra={"fields": {"error": type(exc).__name__}})
    return await peerhub_error(request, Unavailable(retry_after=UNAVAILABLE_RETRY_AFTER_SECONDS))


async def server_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled_error", exc_info=exc)
    return JSONResponse(
        {"error": {"code": "internal_error", "message": "Something went wrong on our side. Please try again."}},
        status_code=500,
    )


@api("Liveness: the process is up", auth="public")
async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


@api("Readiness: the database answers (503 with a reason otherwise)", auth="public")
async def readyz(request: Request) -> Response:
    ctx: AppContext = request.app.state.ctx
    if getattr(request.app.state, "shutting_down", False):
        return JSONResponse({"status": "shutting_down"}, status_code=503)
    try:
        async with asyncio.timeout(READY_PING_SECONDS):
            await ctx.db.ping()
    except Exception:
        return JSONResponse({"status": "unavailable", "reason": "database"}, status_code=503)
    if not ctx.broker.healthy:
        return JSONResponse({"status": "degraded", "reason": "broker"}, status_code=503)
    return JSONResponse({"status": "ready"})


def _metrics_allowed(request: Request, settings: Settings) -> bool:
    import hmac
    import ipaddress

    token = settings.metrics_token
    auth = request.headers.get("authorization", "")
    if token and hmac.compare_digest(auth, f"Bearer {token}"):
        return True
    peer = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(peer)
        return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.metrics_allow)
    except ValueError:
        return False


@api("Prometheus metrics (allowed addresses or bearer token only)", auth="public")
async def metrics(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if not _metrics_allowed(request, settings):
        return JSONResponse({"error": {"code": "forbidden", "message": "Not allowed."}}, status_code=403)
    registry: Metrics = request.app.state.metrics
    return Response(registry.render(), media_type="text/plain; version=0.0.4; charset=utf-8")


@api("This OpenAPI document", auth="public")
async def openapi(request: Request) -> Response:
    return JSONResponse(build_openapi(request.app.routes))


def api_routes() -> list[BaseRoute]:
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/api/openapi.json", openapi, methods=["GET"]),
        *accounts_views.routes(),
        *realtime_views.routes(),
        *forum_views.routes(),
        *moderation_views.routes(),
        *escalation_views.routes(),
        *confidentiality_views.routes(),
        *filters_views.routes(),
    ]


def make_broker(settings: Settings) -> Broker:
    """Redis pub/sub when ``PEERHUB_REDIS_URL`` is set (several processes), else in-memory."""
    if settings.redis_url:
        return RedisBroker(settings.redis_url, prefix=settings.redis_prefix, name=settings.redis_name)
    return MemoryBroker()


def create_app(settings: Settings, *, clock: Clock | None = None) -> Starlette:
    """The ASGI application. The database must already be migrated."""
    the_clock = clock or SystemClock()
    # Built here, not in the lifespan, so wiring can register content providers first.
    moderation = ModerationRuntime(the_clock)
    moderation.content.register("message", RoomMessages())
    moderation.content.register("post", ForumPosts())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        db = Database(settings.database_url)
        broker = make_broker(settings)
        ctx = AppContext(settings=settings, db=db, clock=the_clock, broker=broker)
        app.state.ctx = ctx
        app.state.passwords = Passwords(settings.max_concurrent_hashes)
        app.state.auth_limiter = RateLimiter(the_clock, *AUTH_PER_HANDLE)
        app.state.auth_addr_limiter = RateLimiter(the_clock, *AUTH_PER_ADDRESS)
        app.state.forum_post_limiter = RateLimiter(
            the_clock, settings.forum_post_burst, 1 / settings.forum_post_interval_seconds
        )
        app.state.shutting_down = False
        pool = db.engine.pool
        app.state.metrics.watch_pool(lambda: (pool.checkedout(), pool.size()))  # type: ignore[attr-defined]
        hub = Hub(ctx, app.state.metrics)
        app.state.hub = hub
        install_filters(ctx, hub)  # per-recipient trigger filters at fan-out
        # Moderation live: removals, sanctions and room controls reach sockets;
        # a post's removal becomes a thread frame on this process's hub.
        live_moderation = install_moderation(ctx, hub)
        live_moderation.category_hooks.append(live_thread_hook(ctx, hub.on_event))
        broker.set_handler(hub.on_event)
        broker.set_resync_handler(hub.on_resync)
        await broker.start()
        await hub.start()
        await moderation.start(ctx)
        await live_moderation.start()
        # Crisis escalation: chat lines escalate after commit; the deadline re-alerts.
        hub.after_message_stored.append(on_message_stored)
        escalations = DeadlineSweeper(ctx, app.state.metrics.open_escalations.set)
        escalations.start()
        # Confidentiality: retention, history and handle-hold purges.
        purges = PurgeSweeper(ctx)
        purges.start()
        try:
            yield
        finally:
            app.state.shutting_down = True
            await escalations.stop()
            await purges.stop()
            await moderation.stop()
            await hub.stop()
            await broker.stop()
            await db.dispose()

    routes = api_routes()
    if FRONTEND_DIR.is_dir():
        routes.append(Mount("/", StaticFiles(directory=FRONTEND_DIR, html=True), name="frontend"))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(PeerhubMiddleware, settings=settings)],
        exception_handlers={
            PeerhubError: peerhub_error, HTTPException: http_error,
            OSError: maybe_unavailable, DBAPIError: maybe_unavailable, SATimeoutError: maybe_unavailable,
            Exception: server_error,
        },
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.moderation = moderation
    return app


__all__ = ["Unavailable", "create_app"]
