"""A person's own data: export everything, or erase it for real.

Export (``export_account``): one JSON document with the account, every chat
line, thread and post they wrote (removed ones included, marked), the
reports they filed, and their settings: every person-keyed row that is
theirs to see (agreements accepted, filters, follows, read positions,
check-ins received). Secrets and staff records are left out.

Erasure (``do_erase``), after the password is checked, in one transaction:
- every chat line they wrote is deleted (pins of it too); sockets still in
  those rooms get ``removed`` frames;
- every forum post they wrote is deleted; one that others replied under
  (or the opening post of a thread others wrote in) keeps its place as
  "[deleted]" with its edit history gone; their threads left empty are
  deleted, kept ones are titled "[deleted]";
- report filings keep the reason code, not their words; check-ins they
  wrote are deleted; facilitators' notes about them older than
  ``NOTE_KEEP_DAYS`` are deleted (newer ones stay for safety follow-up);
- every other row keyed to them (sessions, recovery codes, filters,
  follows, read positions, notifications, acceptances, scopes, duty) goes;
  sanctions stay (a ban outlives the account);
- the account row keeps only its id for the audit log, with handle
  "[deleted]", no password, and during the hold a keyed hash of the handle
  so the pseudonym cannot be re-registered for ``HANDLE_HOLD_DAYS``;
- after commit every open socket of theirs is closed (4403) on every
  process through the hub's ``control`` channel.
The erasure is recorded as counts in ``conf_purges``; nothing is logged but
counts and the account id.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from peerhub.accounts import store as accounts_store
from peerhub.accounts.handles import held_key
from peerhub.accounts.passwords import Passwords
from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import WS_FORBIDDEN, Forbidden, NotAuthenticated
from peerhub.moderation import confidentiality_account_store as store
from peerhub.moderation import confidentiality_store
from peerhub.moderation.confidentiality_models import PurgeRun
from peerhub.moderation.confidentiality_purge import secure_delete

log = logging.getLogger("peerhub.moderation.confidentiality")

# Facilitators' notes about an erased person younger than this are kept:
# the same window an escalation stays open for follow-up (README, Privacy).
NOTE_KEEP_DAYS = 30
# The hub's control channel (realtime.protocol.CONTROL_CHANNEL; moderation
# cannot import realtime, so the name is repeated here).
CONTROL_CHANNEL = "control"
# Live ``removed`` frames sent for an erasure; beyond this the sockets keep
# stale lines until they reload (history no longer has them).
MAX_LIVE_REMOVALS = 1_000


async def export_account(ctx: AppContext, viewer: Viewer) -> dict[str, Any]:
    async with ctx.db.read() as session:
        user = await accounts_store.get_user(session, viewer.id)
        if user is None or user.erased_at is not None:
            raise NotAuthenticated()
        acceptances = await confidentiality_store.list_acceptances(session, viewer.id)
        return {
            "format": "peerhub-export/1",
            "exported_at": ctx.clock.now().isoformat(),
            "account": {"id": user.id, "handle": user.handle, "role": user.role,
                        "created_at": user.created_at.isoformat()},
            "messages": await store.export_messages(session, viewer.id),
            "posts": await store.export_posts(session, viewer.id),
            "reports_filed": await store.export_reports(session, viewer.id),
            "agreements": [{"agreement": slug, "version": a.version, "accepted_at": a.accepted_at.isoformat()}
                           for a, slug in acceptances],
            "settings": await store.export_settings(session, viewer.id),
        }


async def do_erase(ctx: AppContext, passwords: Passwords, viewer: Viewer, password: str) -> dict[str, int]:
    """Erase ``viewer``'s account (see the module docstring); returns counts."""
    async with ctx.db.read() as session:
        user = await accounts_store.get_user(session, viewer.id)
    if user is None or user.erased_at is not None or not await passwords.verify(user.password_hash, password):
        raise Forbidden("bad_credentials", "Your password is not right.")
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await secure_delete(session)
        fresh = await accounts_store.get_user(session, viewer.id)
        if fresh is None or fresh.erased_at is not None:
            raise NotAuthenticated()
        key = held_key(ctx.settings.secret_key, fresh.handle_key or "")
        removed = await store.delete_user_messages(session, viewer.id)
        post_count, thread_ids = await store.erase_user_posts(session, viewer.id, now)
        await store.tidy_threads(session, viewer.id, thread_ids)
        await store.forget_user_writing(session, viewer.id, now - timedelta(days=NOTE_KEEP_DAYS))
        other = await store.delete_user_keyed_rows(session, viewer.id)
        await store.blank_account(session, viewer.id, key, now)
        if post_count:
            await store.optimize_search_index(session)
        await confidentiality_store.add_purge_run(session, PurgeRun(
            at=now, kind="erasure", messages=len(removed), posts=post_count, other=other,
        ))
    await ctx.broker.publish(CONTROL_CHANNEL, {"type": "close_user", "user_id": viewer.id, "code": WS_FORBIDDEN,
                                               "reason": "account erased"})
    for room_id, slug, seq in removed[:MAX_LIVE_REMOVALS]:
        await ctx.broker.publish(f"room:{room_id}", {"type": "removed", "room": slug, "room_id": room_id,
                                                     "seq": seq})
    counts = {"messages": len(removed), "posts": post_count, "other": other}
    log.info("confidentiality.erased", extra={"fields": {"user_id": viewer.id, **counts}})
    return counts
