"""Escalation statistics for the facilitators' dashboard: per UTC day, how many
urgent escalations opened (``count``: crisis and safety reports), the median
time to acknowledge them (seconds; for one a crisis upgraded from review,
counted from the upgrade), and how many stayed review (``review``: detector
concerns, not in the median: they have no deadline).

Counts only what the viewer's reach covers (scoped facilitators see their
places). Days are calendar days in UTC by the injected clock, oldest first,
with zero-count days included so a chart has a fixed width.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from statistics import median
from typing import Any

from sqlalchemy import select

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import InvalidInput
from peerhub.moderation import escalation_store as store
from peerhub.moderation.access import access_staff
from peerhub.moderation.content import Place
from peerhub.moderation.escalation_models import REVIEW, Escalation, priority_of

# A quarter is the longest window the dashboard asks for; more is a report, not a chart.
MAX_STATS_DAYS = 90


async def daily_stats(ctx: AppContext, viewer: Viewer, days: int) -> list[dict[str, Any]]:
    if not 1 <= days <= MAX_STATS_DAYS:
        raise InvalidInput("invalid_query", f"'days' must be between 1 and {MAX_STATS_DAYS}.")
    today = ctx.clock.now().date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, time.min, tzinfo=ctx.clock.now().tzinfo)
    async with ctx.db.read() as session:
        reach = await access_staff(session, viewer)
        rows = (await session.execute(
            select(Escalation.id, Escalation.opened_at, Escalation.acked_at, Escalation.scope_kind,
                   Escalation.scope_id, Escalation.level, Escalation.source)
            .where(Escalation.opened_at >= since)
        )).all()
        upgraded = await store.upgraded_at(session, [row[0] for row in rows])
    counts: dict[str, int] = {}
    reviews: dict[str, int] = {}
    acks: dict[str, list[float]] = {}
    for eid, opened_at, acked_at, kind, scope_id, level, source in rows:
        place = Place(kind, scope_id) if kind and scope_id is not None else None
        if not reach.covers(place):
            continue
        day = opened_at.date().isoformat()
        if priority_of(level, source) == REVIEW:
            reviews[day] = reviews.get(day, 0) + 1
            continue
        counts[day] = counts.get(day, 0) + 1
        if acked_at is not None:
            acks.setdefault(day, []).append((acked_at - upgraded.get(eid, opened_at)).total_seconds())
    out = []
    for n in range(days):
        day = (first + timedelta(days=n)).isoformat()
        waits = acks.get(day)
        out.append({"date": day, "count": counts.get(day, 0), "median_ack_seconds": median(waits) if waits else None,
                    "review": reviews.get(day, 0)})
    return out
