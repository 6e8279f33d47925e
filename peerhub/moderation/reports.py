"""Reports and the review queue.

Policy:
- Any member may report a ``message``, a ``post`` or a ``user`` with a reason.
  The rate limit is taken first (before anything is looked up, so probing is
  throttled too). An unknown target is ``not_found``; reporting yourself or
  your own content is refused.
- Filings on a target merge into its one open report (severity = the highest
  reason's). A member can report a given target once, ever (``already_reported``).
- The reported person is never told anything: no event goes to them, and
  reporter identities and their words appear only in the staff detail view
  (``get_report``), which is audited (``view_report``). ``safety_concern``
  reports are the most severe, go to staff only, and trigger nothing towards
  the person they are about.
- The queue is ordered by severity, then age (oldest first). Site staff see
  everything; a scoped facilitator sees reports located in their places
  (reports about a user have no place: site staff only).
- Claim, then resolve as ``dismissed`` or ``actioned``; ``actioned`` must name
  the audit entry of the action taken (mute, ban, remove, ...). The reporter
  sees "reviewed" or "reviewed, action taken", never the details.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.accounts import store as accounts_store
from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Conflict, InvalidInput, NotFound
from peerhub.moderation import audit, store
from peerhub.moderation.access import access_moderate, access_staff
from peerhub.moderation.content import QUEUE_CONTEXT, ContentInfo, ContentRegistry, Place, place_or_none
from peerhub.moderation.duty import STAFF_CHANNEL
from peerhub.moderation.models import Report, ReportFiling
from peerhub.ratelimit import RateLimiter

# Severity by reason: someone's safety first, then content that can hurt
# readers, then people being targeted, then noise.
REASONS: dict[str, int] = {
    "safety_concern": 100,
    "unsafe_content": 80,
    "harassment": 60,
    "personal_details": 50,
    "spam": 20,
    "other": 10,
}
TARGET_KINDS = ("message", "post", "user")
# Ten reports, refilling over an hour, per reporter: plenty for a bad evening,
# not enough to flood the queue or use reports as a weapon.
REPORTS_PER_REPORTER = (10, 10 / 3600)
QUEUE_PAGE = 50
MY_REPORTS_LIMIT = 100
# Actions a report can be resolved with ("actioned" links one of these).
RESOLVING_ACTIONS = frozenset({"mute", "kick", "ban", "remove", "lock", "slow_mode", "checkin", "note",
                               "thread_lock", "thread_move"})
OUTCOME_LABELS = {None: "open", "dismissed": "reviewed", "actioned": "reviewed, action taken"}


async def _locate(
    session: AsyncSession, content: ContentRegistry, kind: str, target_id: int, context: int
) -> tuple[int | None, Place | None, ContentInfo | None]:
    """(subject user id, place, content) of a target; NotFound if it does not exist."""
    if kind == "user":
        user = await accounts_store.get_user(session, target_id)
        if user is None or user.erased_at is not None:
            raise NotFound()
        return user.id, None, None
    provider = content.get(kind)
    info = await provider.describe(session, target_id, context) if provider else None
    if info is None:
        raise NotFound()
    return info.author_id, info.place, info


async def file_report(
    ctx: AppContext, content: ContentRegistry, limiter: RateLimiter, viewer: Viewer,
    target_kind: str, target_id: int, reason: str, text: str | None,
) -> ReportFiling:
    limiter.check(f"report:{viewer.id}")
    if target_kind not in TARGET_KINDS:
        raise InvalidInput("invalid_target", "You can report a message, a post or a person.")
    if reason not in REASONS:
        raise InvalidInput("invalid_reason", "Pick one of the listed reasons.")
    if reason == "other" and not (text and text.strip()):
        raise InvalidInput("reason_text_required", "Please say a few words about what's wrong.")
    return await do_file_report(ctx, content, viewer, target_kind, target_id, reason, text)


async def do_file_report(
    ctx: AppContext, content: ContentRegistry, viewer: Viewer, target_kind: str, target_id: int,
    reason: str, text: str | None,
) -> ReportFiling:
    # Two first filings on one target at once (PostgreSQL) race on the unique
    # ``open_key``: the loser retries once and merges into the winner's report.
    for attempt in range(2):
        try:
            return await _file_once(ctx, content, viewer, target_kind, target_id, reason, text)
        except IntegrityError:
            if attempt == 1:
                break
    raise Conflict("already_reported", "You've already reported this. Thank you.")


async def _file_once(
    ctx: AppContext, content: ContentRegistry, viewer: Viewer, target_kind: str, target_id: int,
    reason: str, text: str | None,
) -> ReportFiling:
    now = ctx.clock.now()
    key = f"{target_kind}:{target_id}"
    async with ctx.db.write() as session:
        subject, place, _ = await _locate(session, content, target_kind, target_id, 0)
        if subject == viewer.id:
            raise InvalidInput("not_yourself", "You can't report yourself.")
        if await store.has_filed(session, viewer.id, target_kind, target_id):
            raise Conflict("already_reported", "You've already reported this. Thank you.")
        report = await store.get_open_report(session, key)
        if report is None:
            report = Report(
                target_kind=target_kind, target_id=target_id, open_key=key, subject_id=subject,
                place_kind=place.kind if place else None, place_id=place.id if place else None,
                severity=REASONS[reason], status="open", filings=1, created_at=now,
            )
            await store.add_row(session, report)
        else:
            report.filings += 1
            report.severity = max(report.severity, REASONS[reason])
        filing = ReportFiling(report_id=report.id, reporter_id=viewer.id, target_kind=target_kind,
                              target_id=target_id, reason=reason, text=text or None, created_at=now)
        await store.add_row(session, filing)
    event = {
        "type": "moderation", "event": "report", "report_id": report.id, "severity": report.severity,
        "target": {"kind": target_kind, "id": target_id}, "place": place.to_json() if place else None,
    }
    await audit.publish(ctx, [(STAFF_CHANNEL, event)])
    if reason == "safety_concern" and subject is not None:
        # A concern for someone's safety reaches facilitators as an escalation;
        # the person concerned is sent nothing automatically.
        from peerhub.moderation.escalation_hooks import open_escalation_for_report

        await open_escalation_for_report(ctx, report_id=report.id, subject_id=subject, place=place)
    return filing


def _report_json(r: Report) -> dict[str, Any]:
    return {
        "id": r.id, "target": {"kind": r.target_kind, "id": r.target_id}, "subject_id": r.subject_id,
        "place": {"kind": r.place_kind, "id": r.place_id} if r.place_kind else None,
        "severity": r.severity, "status": r.status, "filings": r.filings, "created_at": r.created_at.isoformat(),
        "claimed_by": r.claimed_by, "outcome": r.outcome, "resolved_by": r.resolved_by,
        "resolved_at": r.resolved_at.isoformat() if r.resolved_at else None, "action_audit_id": r.action_audit_id,
    }


def _content_json(info: ContentInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {"item": info.item, "before": info.before, "after": info.after, "removed": info.removed}


async def list_queue(
    ctx: AppContext, content: ContentRegistry, viewer: Viewer, status: str
) -> list[dict[str, Any]]:
    """One page of the queue with each target's content and context (reporters not shown)."""
    if status not in ("open", "resolved"):
        raise InvalidInput("invalid_query", "'status' is open or resolved.")
    async with ctx.db.read() as session:
        reach = await access_staff(session, viewer)
        places = None if reach.site else [(p.kind, p.id) for p in reach.places]
        reports = await store.list_queue(session, [status], places, QUEUE_PAGE)
        filings = await store.list_filings(session, [r.id for r in reports])
        out = []
        for r in reports:
            reasons: dict[str, int] = {}
            for f, _ in filings:
                if f.report_id == r.id:
                    reasons[f.reason] = reasons.get(f.reason, 0) + 1
            info = None
            if r.target_kind != "user":
                provider = content.get(r.target_kind)
                info = await provider.describe(session, r.target_id, QUEUE_CONTEXT) if provider else None
            out.append({**_report_json(r), "reasons": reasons, "content": _content_json(info)})
    return out


async def _access_report(session: AsyncSession, viewer: Viewer, report_id: int) -> Report:
    await access_staff(session, viewer)
    report = await store.get_report(session, report_id)
    if report is None:
        raise NotFound()
    await access_moderate(session, viewer, place_or_none(report.place_kind, report.place_id))
    return report


async def get_report(ctx: AppContext, content: ContentRegistry, viewer: Viewer, report_id: int) -> dict[str, Any]:
    """Full detail with reporters and their words; audited as ``view_report``."""
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        report = await _access_report(session, viewer, report_id)
        filings = await store.list_filings(session, [report.id])
        info = None
        if report.target_kind != "user":
            provider = content.get(report.target_kind)
            info = await provider.describe(session, report.target_id, QUEUE_CONTEXT) if provider else None
        await audit.record(session, now, viewer.id, "view_report", "report", report.id,
                           place=place_or_none(report.place_kind, report.place_id))
    return {
        **_report_json(report), "content": _content_json(info),
        "filings": [
            {"id": f.id, "reporter": {"id": u.id, "handle": u.handle}, "reason": f.reason, "text": f.text,
             "created_at": f.created_at.isoformat()}
            for f, u in filings
        ],
    }


async def do_claim(ctx: AppContext, viewer: Viewer, report_id: int) -> Report:
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        report = await _access_report(session, viewer, report_id)
        if report.status != "open":
            raise Conflict("report_resolved", "That report is already resolved.")
        if report.claimed_by not in (None, viewer.id):
            raise Conflict("already_claimed", "Someone else is already looking at that report.")
        report.claimed_by, report.claimed_at = viewer.id, now
        await audit.record(session, now, viewer.id, "report_claim", "report", report.id,
                           place=place_or_none(report.place_kind, report.place_id))
    await audit.publish(ctx, [(STAFF_CHANNEL, {"type": "moderation", "event": "report_claimed",
                                               "report_id": report.id, "by": viewer.id})])
    return report


async def do_resolve(
    ctx: AppContext, viewer: Viewer, report_id: int, outcome: str, action_audit_id: int | None, reason: str | None
) -> Report:
    if outcome not in ("dismissed", "actioned"):
        raise InvalidInput("invalid_outcome", "Outcome is dismissed or actioned.")
    if (outcome == "actioned") != (action_audit_id is not None):
        raise InvalidInput("action_link", "'actioned' needs the audit id of the action taken; 'dismissed' takes none.")
    now = ctx.clock.now()
    async with ctx.db.write() as session:
        report = await _access_report(session, viewer, report_id)
        if report.status != "open":
            raise Conflict("report_resolved", "That report is already resolved.")
        if report.claimed_by not in (None, viewer.id):
            raise Conflict("already_claimed", "Someone else is handling that report.")
        if action_audit_id is not None:
            action = await store.get_audit(session, action_audit_id)
            if action is None or action.action not in RESOLVING_ACTIONS:
                raise InvalidInput("action_link", "That audit entry is not a moderation action.")
        report.status, report.outcome, report.open_key = "resolved", outcome, None
        report.resolved_by, report.resolved_at, report.action_audit_id = viewer.id, now, action_audit_id
        await audit.record(session, now, viewer.id, "report_resolve", "report", report.id,
                           place=place_or_none(report.place_kind, report.place_id), reason=reason,
                           ref_id=action_audit_id)
        filings = await store.list_filings(session, [report.id])
    outcome_event = {"type": "moderation", "event": "report_reviewed", "outcome": OUTCOME_LABELS[outcome]}
    await audit.publish(ctx, [(f"user:{f.reporter_id}", {**outcome_event, "report": f.id}) for f, _ in filings])
    return report


async def list_mine(ctx: AppContext, viewer: Viewer) -> list[dict[str, Any]]:
    """The viewer's own reports and their outcome, without details of what was done."""
    async with ctx.db.read() as session:
        rows = await store.list_my_filings(session, viewer.id, MY_REPORTS_LIMIT)
    return [
        {"id": f.id, "target": {"kind": f.target_kind, "id": f.target_id}, "reason": f.reason,
         "created_at": f.created_at.isoformat(), "status": "open" if r.status == "open" else "reviewed",
         "outcome": OUTCOME_LABELS[r.outcome]}
        for f, r in rows
    ]

