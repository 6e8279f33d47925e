"""Periodic background tasks owned by the lifespan.

``Periodic`` runs ``tick()`` every ``interval`` seconds in one named task.
An error in a tick is logged (type and location only, see ``peerhub.logs``)
and the loop goes on: a database blip must not stop duty sweeps, escalation
deadlines or retention purges for good. ``stop()`` cancels and awaits the task.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging


class Periodic:
    def __init__(self, name: str, interval: float, *, first_delay: float | None = None,
                 logger: logging.Logger | None = None) -> None:
        self.name = name
        self._interval = interval
        self._first_delay = interval if first_delay is None else first_delay
        self._log = logger or logging.getLogger("peerhub.background")
        self._task: asyncio.Task[None] | None = None

    async def tick(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=self.name)

    async def _run(self) -> None:
        delay = self._first_delay
        while True:
            await asyncio.sleep(delay)
            delay = self._interval
            try:
                await self.tick()
            except Exception:
                self._log.exception(f"{self.name}_failed")

    async def stop(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None
