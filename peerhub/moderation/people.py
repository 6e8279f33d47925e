"""Check-ins, private facilitator notes and a person's moderation history.

- A check-in is a private supportive note from a facilitator to a person:
  logged (``checkin``, ids only), not a sanction. It is delivered live on
  ``user:<id>`` as ``{"type": "checkin", ...}`` and kept so the person can
  read it over HTTP (``GET /api/moderation/checkins``). Relapse talk is
  supported, not punished: nothing here touches sanctions.
- Notes about a person are read and written by staff only.
- Reading a person's history (sanctions, notes, check-ins, reports about
  them) is itself audited (``view_user_history``): who looked, and when.
"""

from __future__ import annotations

from typing import Any

from peerhub.accounts import store as accounts_store
from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import NotFound
from peerhub.moderation import audit, store
from peerhub.moderation.access import access_staff, forbid_self
from peerhub.moderation.models import CheckIn, UserNote
from peerhub.moderation.sanctions import sanction_json

# How much history one view returns; older items stay in the audit log.
HISTORY_LIMIT = 100
CHECKINS_LIMIT = 50


def checkin_json(c: CheckIn) -> dict[str, Any]:
    return {"id": c.id, "text": c.text, "created_at": c.created_at.isoformat(), "from": {"role": "facilitator"}}


async def do_checkin(ctx: AppContext, viewer: Viewer, user_id: int, text: str) -> CheckIn:
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await access_staff(session, viewer)
        forbid_self(viewer, user_id)
        user = await accounts_store.get_user(session, user_id)
        if user is None or user.erased_at is not None:
            raise NotFound("user_not_found", "No such person.")
        row = CheckIn(user_id=user_id, from_id=viewer.id, text=text, created_at=now)
        await store.add_row(session, row)
        await audit.record(session, now, viewer.id, "checkin", "user", user_id, ref_id=row.id)
    await audit.publish(ctx, [(f"user:{user_id}", {"type": "checkin", **checkin_json(row)})])
    return row


async def list_my_checkins(ctx: AppContext, viewer: Viewer) -> list[CheckIn]:
    async with ctx.db.read() as session:
        return await store.list_checkins(session, viewer.id, CHECKINS_LIMIT)


async def do_add_note(ctx: AppContext, viewer: Viewer, user_id: int, text: str) -> UserNote:
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await access_staff(session, viewer)
        user = await accounts_store.get_user(session, user_id)
        if user is None:
            raise NotFound("user_not_found", "No such person.")
        row = UserNote(user_id=user_id, author_id=viewer.id, text=text, created_at=now)
        await store.add_row(session, row)
        await audit.record(session, now, viewer.id, "note", "user", user_id, ref_id=row.id)
    return row


async def get_history(ctx: AppContext, viewer: Viewer, user_id: int) -> dict[str, Any]:
    """A person's moderation history (staff); the view is audited in the same transaction."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        await access_staff(session, viewer)
        user = await accounts_store.get_user(session, user_id)
        if user is None:
            raise NotFound("user_not_found", "No such person.")
        sanctions = await store.list_user_sanctions(session, user_id)
        notes = await store.list_notes(session, user_id, HISTORY_LIMIT)
        checkins = await store.list_checkins(session, user_id, HISTORY_LIMIT)
        reports = await store.list_reports_about(session, user_id, HISTORY_LIMIT)
        await audit.record(session, now, viewer.id, "view_user_history", "user", user_id)
    return {
        "user": {"id": user.id, "handle": user.handle, "role": user.role, "erased": user.erased_at is not None},
        "sanctions": [sanction_json(s, now) for s in sanctions[:HISTORY_LIMIT]],
        "notes": [
            {"id": n.id, "author_id": n.author_id, "text": n.text, "created_at": n.created_at.isoformat()}
            for n in notes
        ],
        "checkins": [{**checkin_json(c), "from_id": c.from_id} for c in checkins],
        "reports": [
            {"id": r.id, "target": {"kind": r.target_kind, "id": r.target_id}, "status": r.status,
             "outcome": r.outcome, "severity": r.severity, "filings": r.filings,
             "created_at": r.created_at.isoformat()}
            for r in reports
        ],
    }
