"""Moderation's public surface for the rest of peerhub: import from here.

Moderation owns roles/scopes, on-duty presence, sanctions, room controls,
content removal, check-ins, facilitator notes, reports and the append-only
audit log. Realtime and forum call it; it never imports them. The pieces live
in ``access``, ``scopes``, ``duty``, ``sanctions``, ``rooms``, ``people``,
``reports`` and ``audit``; this module re-exports what callers need.

Calls for the write paths (inside your own session, ``now = ctx.clock.now()``)
------------------------------------------------------------------------------
- ``check_can_join(session, user_id, Place("room", id), now)`` before ``join``
  -> ``Forbidden("banned" | "kicked", until=iso|None)``.
- ``check_can_post(session, viewer, place, now)`` before storing a chat line
  or a forum post -> ``Forbidden("banned" | "muted" | "locked", until=...)``.
- ``may_refuse_post(user_id, place, now)`` / ``slow_mode_of(room_id)``: SQL
  expressions for a hot write path to fold into one query; it must call
  ``check_can_post`` (which gives the refusal) whenever the first is true, and
  ``check_slow_mode`` whenever the second is over 0.
- ``check_slow_mode(session, viewer, room_id, now, last_sent_at)`` before a
  chat line -> ``RateLimited(retry_after, code="slow_mode")``.
- ``is_banned_site(session, user_id, now)`` at the socket upgrade (refuse
  with ``WS_FORBIDDEN``) and wherever a site ban must stop a request.
- ``can_moderate(session, viewer, place)`` to decide whether a viewer sees
  removed items marked as removed, and ``access_moderate`` to authorise a
  moderation action you own (thread lock/pin/move), then
  ``audit.record(session, now, viewer.id, "thread_lock", "thread", id, place=...)``
  in the same transaction.
- ``get_room_state(session, room_id)`` -> slow mode, lock, pinned ids for
  ``joined``; ``facilitator_on_duty(session, place, now)`` and
  ``places_with_facilitator(session, places, now)`` for room listings.
- ``do_heartbeat(ctx, user_id)`` when a staff socket connects and on its pings.
- Register a ``ContentProvider`` for ``"message"`` / ``"post"`` on
  ``app.state.moderation.content`` (see ``content.py``).

Broker events (published after commit, JSON, always ``"type"``)
----------------------------------------------------------------
Channel ``user:<id>`` (the hub already sends these as-is to that person's sockets):
- ``{"type": "moderation", "event": "muted" | "banned" | "kicked", "sanction_id",
  "user_id", "place": {"kind", "id"} | null, "until": iso | null}``. A room ban
  or kick must also remove the person from that room (realtime: drop the
  room from their connections and refuse re-join via ``check_can_join``); a
  mute changes nothing on the socket (``send`` is refused by ``check_can_post``).
- ``{"type": "moderation", "event": "unmuted" | "unbanned", ...same fields, "until": null}``.
- ``{"type": "checkin", "id", "text", "created_at", "from": {"role": "facilitator"}}``.
- ``{"type": "moderation", "event": "report_reviewed", "report", "outcome"}``
  -- to a reporter; ``outcome`` is "reviewed" or "reviewed, action taken".

Channel ``control`` (the hub's documented control events, acted on by every process):
- ``{"type": "close_user", "user_id", "code": 4403, "reason": "banned"}`` on a
  site ban: every socket of the person closes with ``WS_FORBIDDEN`` at once.
  (Refusing the *next* upgrade needs realtime to call ``is_banned_site``.)
- ``{"type": "on_duty", "user_id", "on"}`` when a shift starts, ends or expires.

Channel ``mod:room:<id>`` / ``mod:category:<id>`` (everyone in the place):
- ``{"type": "moderation", "event": "content_removed" | "content_restored",
  "target": {"kind": "message"|"post", "id"}, "place"}`` -- realtime sends
  ``removed {room, seq}`` for the message id; forum hides the post live.
- ``{"type": "moderation", "event": "room_controls", "room", "slow_mode_seconds",
  "locked", "pinned": [ids]}``
- ``{"type": "moderation", "event": "pinned" | "unpinned", "room", "message_id", "pins": [ids]}``

Channel ``staff`` (the hub forwards to on-duty facilitators' sockets; events
carry ``place`` so a scope-aware hub can filter):
- ``duty {user_id, on, why: "set"|"expired"}``,
  ``report {report_id, severity, target, place}`` (never names the reporter),
  ``report_claimed {report_id, by}``, and copies of the sanction and
  content events above.
"""

from __future__ import annotations

from peerhub.moderation.access import Reach, access_moderate, access_staff, can_moderate, get_reach
from peerhub.moderation.audit import record as audit_record
from peerhub.moderation.content import ContentInfo, ContentProvider, ContentRegistry, Place
from peerhub.moderation.duty import do_heartbeat, facilitator_on_duty, places_with_facilitator, sweep_duty
from peerhub.moderation.rooms import RoomState, check_slow_mode, get_room_state
from peerhub.moderation.runtime import ModerationRuntime
from peerhub.moderation.sanctions import (
    check_can_join,
    check_can_post,
    is_banned_site,
    may_refuse_post,
    slow_mode_of,
)

__all__ = [
    "ContentInfo",
    "ContentProvider",
    "ContentRegistry",
    "ModerationRuntime",
    "Place",
    "Reach",
    "RoomState",
    "access_moderate",
    "access_staff",
    "audit_record",
    "can_moderate",
    "check_can_join",
    "check_can_post",
    "check_slow_mode",
    "do_heartbeat",
    "facilitator_on_duty",
    "get_reach",
    "get_room_state",
    "is_banned_site",
    "may_refuse_post",
    "places_with_facilitator",
    "slow_mode_of",
    "sweep_duty",
]
