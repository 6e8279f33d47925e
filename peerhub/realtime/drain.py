"""Graceful restart of the chat sockets (SIGTERM).

``Drain`` is shared by the endpoint and the server's shutdown sequence
(``peerhub.serving``). ``drain_sockets`` runs after the listeners closed:

1. stop handling new frames: a frame that arrives now is dropped (the client
   resends an unacknowledged ``send`` with the same ``client_msg_id`` after it
   reconnects, and a repeat is stored once);
2. wait for frames already being handled to finish, so a send that reached
   the database is acknowledged before the socket closes (bounded by
   ``grace``);
3. push ``{"type": "reconnect"}`` to every socket, wait for the outboxes to
   drain (bounded by ``FLUSH_TIMEOUT_SECONDS``), and close with 1012; the
   client reconnects (to another process) and resumes with ``since``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from peerhub.errors import WS_RESTART
from peerhub.realtime.protocol import dumps

if TYPE_CHECKING:
    from peerhub.realtime.connection import Connection
    from peerhub.realtime.hub import Hub

RECONNECT_FRAME = dumps({"type": "reconnect"})
# Writing the hint and whatever was queued before it: a socket that cannot
# take a few frames in this long gets the close without them.
FLUSH_TIMEOUT_SECONDS = 2.0


class Drain:
    """Whether the process is draining, and how many frames are being handled."""

    def __init__(self) -> None:
        self.active = False
        self._busy = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.contextmanager
    def working(self) -> Iterator[None]:
        """Around the handling of one frame (so shutdown can wait for it)."""
        self._busy += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._busy -= 1
            if not self._busy:
                self._idle.set()

    async def idle(self) -> None:
        await self._idle.wait()


async def drain_sockets(hub: Hub, grace: float) -> int:
    """Finish in-flight frames, hint ``reconnect`` and close every socket with
    1012; returns how many sockets were closed."""
    hub.drain.active = True
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(grace):
            await hub.drain.idle()
    conns = list(hub.connections)
    for conn in conns:
        conn.push(RECONNECT_FRAME)

    async def flush(conn: Connection) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(FLUSH_TIMEOUT_SECONDS):
                await conn.drained()

    await asyncio.gather(*(flush(conn) for conn in conns))
    for conn in conns:
        conn.close(WS_RESTART, "server restarting")
    return len(conns)
