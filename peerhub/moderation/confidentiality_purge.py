"""Purges: expired room messages, old edit history and removed text, ended handle holds.

``run_purge(ctx)`` does one pass by the injected clock, in one transaction
per kind, and records what it deleted as counts (``conf_purges``), never
which rows or their text:

- retention: messages older than their room's retention are deleted (rows
  gone, pins of them too). Chat lines are not in the forum search index.
- history: forum edit history and author-deleted text (revisions) older
  than ``HISTORY_DAYS``; posts and chat lines removed by a facilitator (kept
  with their text for restore and review) have the text cleared past it.
- holds: erased accounts whose handle hold (``HANDLE_HOLD_DAYS``) has
  ended get ``handle_key`` NULL, so the pseudonym can be taken again.

Anything attached to an open report or an unresolved crisis escalation is
kept until that closes: facilitators need it to finish the review. The next
pass after it closes purges it.

``PurgeSweeper`` runs ``run_purge`` every ``PURGE_INTERVAL_SECONDS`` in the
lifespan (first a minute after start-up); tests call ``run_purge`` directly after ``clock.advance(...)``.
On SQLite the purge connection turns ``secure_delete`` on, so deleted text
is overwritten in the file rather than left in free pages.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.background import Periodic
from peerhub.context import AppContext
from peerhub.moderation import confidentiality_store as store
from peerhub.moderation.confidentiality import effective_retention
from peerhub.moderation.confidentiality_account_store import release_handle_holds
from peerhub.moderation.confidentiality_models import PurgeRun

log = logging.getLogger("peerhub.moderation.confidentiality")

# Edit history and removed text are kept this long for facilitators to review
# a complaint about an edited or deleted post (documented in the README).
HISTORY_DAYS = 7
# An erased pseudonym stays reserved this long, so nobody can take it over
# while people still remember who used it (documented in the README).
HANDLE_HOLD_DAYS = 30
# Retention is set in hours; a sweep every 10 minutes keeps a purge at most
# that late, and an idle pass is one indexed query per room.
PURGE_INTERVAL_SECONDS = 600.0
# The first pass waits this long after start-up, so a restart's readiness and
# the first requests do not queue behind a backlog purge (SQLite has one writer).
PURGE_FIRST_DELAY_SECONDS = 60.0
# Rows deleted per room per transaction: bounds how long the SQLite write
# lock is held; a bigger backlog continues in the same pass.
PURGE_BATCH = 2_000


@dataclass
class PurgeCounts:
    messages: int = 0  # expired chat lines deleted
    revisions: int = 0  # edit-history rows deleted
    posts: int = 0  # removed posts whose text was cleared
    removed_messages: int = 0  # removed chat lines whose text was cleared
    holds: int = 0  # handle holds ended

    @property
    def total(self) -> int:
        return self.messages + self.revisions + self.posts + self.removed_messages + self.holds


async def secure_delete(session: AsyncSession) -> None:
    """On SQLite, overwrite deleted content instead of leaving it in free pages."""
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("PRAGMA secure_delete = ON"))


async def purge_expired_messages(ctx: AppContext) -> int:
    now = ctx.clock.now()
    async with ctx.db.read() as session:
        rooms = await store.list_room_retention(session)
    total = 0
    for room_id, days, row in rooms:
        keep = effective_retention(days, row).keep_hours
        if keep is None:
            continue
        cutoff = now - timedelta(hours=keep)
        while True:
            async with ctx.db.write() as session:
                await secure_delete(session)
                ids = await store.list_expired_messages(session, room_id, cutoff, PURGE_BATCH)
                deleted = await store.delete_messages(session, ids)
            total += deleted
            if len(ids) < PURGE_BATCH:
                break
    return total


async def purge_history(ctx: AppContext) -> tuple[int, int, int]:
    """(revisions deleted, removed posts cleared, removed chat lines cleared)."""
    cutoff = ctx.clock.now() - timedelta(days=HISTORY_DAYS)
    revisions = 0
    while True:
        async with ctx.db.write() as session:
            await secure_delete(session)
            deleted = await store.delete_old_revisions(session, cutoff, PURGE_BATCH)
        revisions += deleted
        if deleted < PURGE_BATCH:
            break
    async with ctx.db.write() as session:
        await secure_delete(session)
        posts = await store.blank_old_removed_posts(session, cutoff)
        lines = await store.blank_old_removed_messages(session, cutoff)
    return revisions, posts, lines


async def run_purge(ctx: AppContext) -> PurgeCounts:
    """One pass of every purge; records and logs the counts (nothing when idle)."""
    counts = PurgeCounts()
    counts.messages = await purge_expired_messages(ctx)
    counts.revisions, counts.posts, counts.removed_messages = await purge_history(ctx)
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        counts.holds = await release_handle_holds(session, now - timedelta(days=HANDLE_HOLD_DAYS))
        runs = [
            PurgeRun(at=now, kind="retention", messages=counts.messages),
            PurgeRun(at=now, kind="history", messages=counts.removed_messages, posts=counts.posts,
                     revisions=counts.revisions),
            PurgeRun(at=now, kind="holds", other=counts.holds),
        ]
        for run in runs:
            if run.messages or run.posts or run.revisions or run.other:
                await store.add_purge_run(session, run)
    if counts.total:
        log.info("confidentiality.purged", extra={"fields": asdict(counts)})
    return counts


class PurgeSweeper(Periodic):
    """The lifespan's background purge. Errors are logged and the loop goes
    on (a database blip must not stop retention for good)."""

    def __init__(self, ctx: AppContext, interval: float = PURGE_INTERVAL_SECONDS) -> None:
        super().__init__("confidentiality-purge", interval,
                         first_delay=min(PURGE_FIRST_DELAY_SECONDS, interval), logger=log)
        self._ctx = ctx

    async def tick(self) -> None:
        await run_purge(self._ctx)
