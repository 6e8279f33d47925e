"""Redis pub/sub broker: several server processes (or hosts) behave as one.

Every process publishes to ``<prefix><channel>`` and pattern-subscribes to
``<prefix>*``; its own events come back through the subscription, so local
and remote delivery share one path and one order.

Failure policy:
- Redis pub/sub drops whatever is published while a subscriber is away. The
  subscriber loop reconnects with exponential backoff and jitter
  (``BACKOFF_MIN_SECONDS`` .. ``BACKOFF_MAX_SECONDS``) and, once subscribed
  again, calls the resync handler: the hub tells its sockets to catch up by
  ``since`` and fills its own gaps from the database.
- While the subscription is down, or when a publish fails, events are handed
  to the local handler directly, so this process keeps serving its own
  clients (duplicates are harmless: fan-out drops seqs it already sent).
- ``healthy`` is False while the subscription is down (``/readyz`` says
  "degraded").
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from peerhub.broker import Event, Handler, ResyncHandler

log = logging.getLogger("peerhub.broker")

# Reconnect backoff: quick first retry (a Redis failover takes ~1 s), capped
# so a long outage costs one attempt every few seconds.
BACKOFF_MIN_SECONDS = 0.1
BACKOFF_MAX_SECONDS = 5.0
# A publish that takes longer than this is treated as failed (delivered locally).
PUBLISH_TIMEOUT_SECONDS = 2.0
# Connect timeout for both connections.
CONNECT_TIMEOUT_SECONDS = 3.0
# The subscriber pings Redis when idle this long, so a silently dead
# connection is noticed within about twice this.
HEALTH_CHECK_SECONDS = 10


class RedisBroker:
    def __init__(self, url: str, *, prefix: str = "peerhub:", name: str = "peerhub") -> None:
        self.url = url
        self.prefix = prefix
        self.name = name
        self._handler: Handler | None = None
        self._resync: ResyncHandler | None = None
        self._subscribed = False
        self._task: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()
        self._pub: aioredis.Redis | None = None
        self._stopping = False

    # -- Broker protocol ---------------------------------------------------

    async def start(self) -> None:
        """Start the subscriber; wait briefly for the first subscription (a Redis
        that is down at start-up does not stop the server: it retries)."""
        self._pub = aioredis.from_url(
            self.url, socket_timeout=PUBLISH_TIMEOUT_SECONDS, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
            client_name=f"{self.name}-pub",
        )
        self._task = asyncio.get_running_loop().create_task(self._run())
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
                await self._ready.wait()

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._pub is not None:
            await self._pub.aclose()

    async def publish(self, channel: str, event: Event) -> None:
        if not self._subscribed or self._pub is None:
            await self._local(channel, event)
            if self._pub is None:
                return
        data = json.dumps(event, separators=(",", ":"), ensure_ascii=False)
        try:
            async with asyncio.timeout(PUBLISH_TIMEOUT_SECONDS):
                await self._pub.publish(self.prefix + channel, data)
        except (RedisError, OSError, TimeoutError):
            log.warning("redis publish failed; delivered locally only")
            if self._subscribed:
                await self._local(channel, event)

    def set_handler(self, handler: Handler) -> None:
        self._handler = handler

    def set_resync_handler(self, handler: ResyncHandler) -> None:
        self._resync = handler

    @property
    def healthy(self) -> bool:
        return self._subscribed

    # -- internals ---------------------------------------------------------

    async def _local(self, channel: str, event: Event) -> None:
        if self._handler is not None:
            result = self._handler(channel, event)
            if result is not None:
                await result

    async def _run(self) -> None:
        backoff = BACKOFF_MIN_SECONDS
        first = True
        while not self._stopping:
            client = aioredis.from_url(
                self.url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS, health_check_interval=HEALTH_CHECK_SECONDS,
                client_name=f"{self.name}-sub",
            )
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(self.prefix + "*")
                self._subscribed = True
                self._ready.set()
                backoff = BACKOFF_MIN_SECONDS
                if not first:
                    log.info("redis subscription restored; resyncing")
                    await self._call_resync()
                first = False
                await self._listen(pubsub)
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as exc:
                if self._subscribed:
                    log.warning("redis subscription lost", extra={"fields": {"error": type(exc).__name__}})
                first = False
            finally:
                self._subscribed = False
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
                with contextlib.suppress(Exception):
                    await client.aclose()
            if self._stopping:
                return
            await asyncio.sleep(backoff * (0.5 + random.random()))
            backoff = min(backoff * 2, BACKOFF_MAX_SECONDS)

    async def _listen(self, pubsub: Any) -> None:
        prefix_len = len(self.prefix)
        async for message in pubsub.listen():
            if message.get("type") != "pmessage":
                continue
            channel = message["channel"]
            if isinstance(channel, bytes):
                channel = channel.decode()
            try:
                event = json.loads(message["data"])
            except (ValueError, TypeError):
                continue
            try:
                await self._local(channel[prefix_len:], event)
            except Exception:
                log.exception("broker handler failed")

    async def _call_resync(self) -> None:
        if self._resync is None:
            return
        try:
            result = self._resync()
            if result is not None:
                await result
        except Exception:
            log.exception("resync handler failed")
