"""Publish/subscribe between server processes: "something happened".

The database is the source of truth; an event only says what changed (room
and seq, post id, ...), small enough to carry as JSON. Subscribers that miss
events (a Redis reconnect) are told via ``on_resync`` and catch up from the
database. Publishing happens only after the writing transaction committed.

``MemoryBroker`` serves one process (the default). The Redis broker lives in
``peerhub.redis_broker`` and is used when ``PEERHUB_REDIS_URL`` is set.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

Event = dict[str, Any]
Handler = Callable[[str, Event], Awaitable[None] | None]
ResyncHandler = Callable[[], Awaitable[None] | None]


class Broker(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, channel: str, event: Event) -> None:
        """Deliver ``event`` to every process's handler (this one included)."""
        ...

    def set_handler(self, handler: Handler) -> None:
        """The one local consumer (the realtime hub) that dispatches events."""
        ...

    def set_resync_handler(self, handler: ResyncHandler) -> None:
        """Called after events may have been lost (e.g. a Redis reconnect)."""
        ...

    @property
    def healthy(self) -> bool: ...


class MemoryBroker:
    """Single-process broker: publish calls the local handler directly."""

    def __init__(self) -> None:
        self._handler: Handler | None = None
        self._resync: ResyncHandler | None = None

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, channel: str, event: Event) -> None:
        if self._handler is not None:
            result = self._handler(channel, event)
            if result is not None:
                await result

    def set_handler(self, handler: Handler) -> None:
        self._handler = handler

    def set_resync_handler(self, handler: ResyncHandler) -> None:
        self._resync = handler

    @property
    def healthy(self) -> bool:
        return True
