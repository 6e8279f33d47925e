"""Serving peerhub with uvicorn: graceful shutdown, one process or several.

On SIGTERM (or SIGINT) a process shuts down in this order:

1. ``/readyz`` answers 503 ``shutting_down`` at once, while everything else is
   still served for ``drain_seconds`` (give a load balancer's readiness probe
   time to take the process out of rotation; 0 by default);
2. the listening sockets close: new connections are refused;
3. the chat sockets drain (``realtime.drain``): frames being handled finish
   (a send that reached the database is acknowledged), then every socket gets
   ``{"type": "reconnect"}`` and is closed with 1012, and the clients resume
   with ``since`` on another process;
4. uvicorn's own shutdown: HTTP requests in flight finish (at most
   ``SHUTDOWN_TIMEOUT_SECONDS``), then the lifespan stops the sweepers, the
   hub, the broker and the database pool.

``--workers N`` runs N such processes sharing one listening socket (the
parent binds it, then supervises: a worker that dies is replaced). Several
processes need PostgreSQL and Redis; SQLite is refused.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import socket
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette

from peerhub.realtime.drain import drain_sockets
from peerhub.settings import Settings

log = logging.getLogger("peerhub.serve")

# In-flight HTTP requests and sockets get this long to finish after the drain.
SHUTDOWN_TIMEOUT_SECONDS = 10
# Frames being handled when the drain starts get this long to finish (a send
# is one short transaction; a database that hangs longer loses the race and
# the client resends after reconnecting).
DRAIN_GRACE_SECONDS = 5.0
# A dead worker is replaced at most this often, so a crash loop does not spin.
RESTART_BACKOFF_SECONDS = 1.0

UVICORN_OPTIONS: dict[str, Any] = {
    "log_config": None,
    "access_log": False,
    "proxy_headers": False,  # forwarded headers are handled by peerhub, trusted only from PEERHUB_TRUSTED_PROXIES
    "server_header": False,
    "ws": "websockets-sansio",  # the fastest of uvicorn's WebSocket implementations (bench/README.md)
    "ws_max_size": 16 * 1024,  # the protocol's frame limit; bigger frames close with 1009
    "ws_per_message_deflate": False,  # compression costs 3-4x memory per socket
    "timeout_graceful_shutdown": SHUTDOWN_TIMEOUT_SECONDS,
}


def _peerhub_app(app: Any) -> Starlette | None:
    """The Starlette app under uvicorn's wrappers (none with our options)."""
    for _ in range(5):
        if isinstance(app, Starlette):
            return app
        app = getattr(app, "app", None)
    return None


class GracefulServer(uvicorn.Server):
    """uvicorn's server with readiness turned off first and the chat sockets drained."""

    def __init__(self, config: uvicorn.Config, *, drain_seconds: float = 0.0) -> None:
        super().__init__(config)
        self.drain_seconds = drain_seconds

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        app = _peerhub_app(self.config.loaded_app)
        if app is not None and hasattr(app.state, "hub"):
            app.state.shutting_down = True
            log.info("shutdown: not ready", extra={"fields": {"drain_seconds": self.drain_seconds}})
            if self.drain_seconds > 0:
                await asyncio.sleep(self.drain_seconds)
            for server in self.servers:
                server.close()
            for sock in sockets or []:
                sock.close()
            closed = await drain_sockets(app.state.hub, DRAIN_GRACE_SECONDS)
            log.info("shutdown: sockets drained", extra={"fields": {"closed": closed}})
        await super().shutdown(sockets)


def serve(app: Starlette, host: str, port: int, *, drain_seconds: float = 0.0) -> None:
    """One process on ``host:port`` until SIGTERM/SIGINT."""
    config = uvicorn.Config(app, host=host, port=port, **UVICORN_OPTIONS)
    GracefulServer(config, drain_seconds=drain_seconds).run()


def _worker(sock: socket.socket, drain_seconds: float) -> None:
    """A worker process: settings from the (inherited) environment."""
    from peerhub.app import create_app
    from peerhub.logs import configure_logging

    settings = Settings.from_env()
    configure_logging(settings.log_level)
    config = uvicorn.Config(create_app(settings), **UVICORN_OPTIONS)
    GracefulServer(config, drain_seconds=drain_seconds).run(sockets=[sock])


def serve_workers(settings: Settings, workers: int, *, drain_seconds: float = 0.0) -> None:
    """``workers`` processes sharing one listening socket; SIGTERM/SIGINT to the
    parent is passed on to every worker, which shuts down gracefully."""
    config = uvicorn.Config("peerhub.app:create_app", host=settings.host, port=settings.port, **UVICORN_OPTIONS)
    sock = config.bind_socket()
    os.environ["PEERHUB_HOST"], os.environ["PEERHUB_PORT"] = settings.host, str(settings.port)
    ctx = multiprocessing.get_context("spawn")
    procs: list[Any] = []
    stopping = False

    def start() -> Any:
        proc = ctx.Process(target=_worker, args=(sock, drain_seconds), daemon=False)
        proc.start()
        return proc

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for proc in procs:
            if proc.is_alive() and proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    procs.extend(start() for _ in range(workers))
    try:
        while not stopping:
            time.sleep(0.2)
            for i, proc in enumerate(procs):
                if not proc.is_alive() and not stopping:
                    log.warning("worker died; starting another", extra={"fields": {"exitcode": proc.exitcode}})
                    time.sleep(RESTART_BACKOFF_SECONDS)
                    procs[i] = start()
        for proc in procs:
            proc.join(SHUTDOWN_TIMEOUT_SECONDS + DRAIN_GRACE_SECONDS + drain_seconds + 5)
            if proc.is_alive():
                proc.kill()
    finally:
        sock.close()
