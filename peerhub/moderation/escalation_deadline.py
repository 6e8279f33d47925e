"""The acknowledge deadline: re-alert when nobody answers an escalation in time.

``sweep_deadlines(ctx)`` finds urgent escalations still unacknowledged past their
``next_alert_at`` (opened + ``settings.escalation_ack_seconds``, by the
injected clock), moves each one's deadline a full period on (so each is
re-alerted once per period, however often the sweep runs), records a
``realerted`` event, and after commit:
- sends every facilitator and admin an ``escalation`` frame with
  ``event: "realert"`` on their own ``user:<id>`` channel (the hub delivers
  it to whichever of them are connected, on duty or not);
- sends the writer the support card again (``reason: "reminder"``) on
  ``user:<writer>``, saying whether anyone is on duty now. Escalations opened
  by someone else's report do not send the person a card.

Review escalations (a detector ``concern``, see ``escalation``) have no
deadline: the sweep never re-alerts them nor sends their writer a card. Once
a crisis upgrades one, its deadline runs from the upgrade like any other.

``DeadlineSweeper`` is the lifespan's background task; tests call
``sweep_deadlines`` directly after ``clock.advance(...)``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from peerhub.background import Periodic
from peerhub.context import AppContext
from peerhub.moderation import escalation_store as store
from peerhub.moderation.escalation import (
    ack_period,
    alert_frame,
    audit_step,
    publish_after_commit,
    scope_of,
    user_channel,
)
from peerhub.moderation.escalation_models import REVIEW, EscalationEvent, priority_of
from peerhub.moderation.resources import support_card

log = logging.getLogger("peerhub.moderation.escalation")

# How often the sweep runs (real seconds): the deadline is minutes, so a
# re-alert is at most this late; each run is one indexed query when idle.
SWEEP_INTERVAL_SECONDS = 5.0
# Escalations re-alerted per run; a bigger backlog continues next run.
SWEEP_BATCH = 100


async def sweep_deadlines(ctx: AppContext) -> list[int]:
    """Re-alert overdue unacknowledged escalations; returns their ids."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        overdue = [e for e in await store.list_overdue(session, now, SWEEP_BATCH)
                   if priority_of(e.level, e.source) != REVIEW]  # the query excludes them already
        for e in overdue:
            e.next_alert_at = now + ack_period(ctx)
            e.realerts += 1
            await store.add_event(session, EscalationEvent(
                escalation_id=e.id, at=now, action="realerted", seconds=(now - e.opened_at).total_seconds(),
            ))
            await audit_step(session, now, None, "escalation_realert", e)
        staff = await store.list_staff_ids(session) if overdue else []
        handles = await store.handles(session, [e.writer_id for e in overdue])
    for e in overdue:
        if e.source != "report":
            async with ctx.db.read() as session:
                card = await support_card(session, scope_of(e), now, reminder=True)
            await publish_after_commit(ctx, user_channel(e.writer_id), card)
        frame = alert_frame(e, handles, "realert")
        for user_id in staff:
            await publish_after_commit(ctx, user_channel(user_id), frame)
        log.warning("escalation_realerted", extra={"fields": {
            "escalation_id": e.id, "realerts": e.realerts, "waiting_seconds": (now - e.opened_at).total_seconds(),
        }})
    return [e.id for e in overdue]


class DeadlineSweeper(Periodic):
    """Runs ``sweep_deadlines`` every ``SWEEP_INTERVAL_SECONDS`` and reports the
    number of unresolved escalations to ``on_count`` (the metrics gauge).

    Errors are logged and the loop goes on (a database blip must not stop
    the deadline for good); ``stop`` cancels and awaits the task.
    """

    def __init__(self, ctx: AppContext, on_count: Callable[[int], None] | None = None,
                 interval: float = SWEEP_INTERVAL_SECONDS) -> None:
        super().__init__("escalation-deadline-sweep", interval, logger=log)
        self._ctx = ctx
        self._on_count = on_count

    async def tick(self) -> None:
        await self.run_once()

    async def run_once(self) -> None:
        await sweep_deadlines(self._ctx)
        if self._on_count is not None:
            async with self._ctx.db.read() as session:
                self._on_count(await store.count_unresolved(session))
