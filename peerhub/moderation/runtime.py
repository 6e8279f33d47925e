"""Moderation's per-app state: content providers, the report rate limiter and
the duty sweeper. ``create_app`` builds one (so wiring can register content
providers before start-up) and the lifespan starts and stops it.
"""

from __future__ import annotations

from peerhub.clock import Clock
from peerhub.context import AppContext
from peerhub.moderation.content import ContentRegistry
from peerhub.moderation.duty import DUTY_SWEEP_INTERVAL, DutySweeper
from peerhub.moderation.reports import REPORTS_PER_REPORTER
from peerhub.ratelimit import RateLimiter


class ModerationRuntime:
    def __init__(self, clock: Clock, *, sweep_interval: float = DUTY_SWEEP_INTERVAL) -> None:
        self.content = ContentRegistry()
        self.report_limiter = RateLimiter(clock, *REPORTS_PER_REPORTER)
        self._sweep_interval = sweep_interval
        self._sweeper: DutySweeper | None = None

    async def start(self, ctx: AppContext) -> None:
        self._sweeper = DutySweeper(ctx, self._sweep_interval)
        self._sweeper.start()

    async def stop(self) -> None:
        if self._sweeper is not None:
            await self._sweeper.stop()
            self._sweeper = None
