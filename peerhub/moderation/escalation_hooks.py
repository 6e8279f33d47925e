"""Where crisis signals enter escalation: chat lines, forum posts, safety reports.

Moderation sits below realtime and forum, so these take what they need by
shape (``RoomLike``, ``MessageLike``) or by id, and the wiring registers them:

- ``on_message_stored(ctx, room, message, annotations, viewer)`` matches
  realtime's ``after_message_stored`` hook signature; app.py registers it.
  A crisis-level line gets the writer a private ``support`` frame (via
  ``user:<writer>``) and opens or attaches the escalation. A concern-level
  line (one warning sign) quietly opens or attaches a *review* escalation:
  no card, staff see it in the queue below crisis ones (see ``escalation``).
- ``on_post_stored(ctx, viewer, ...)`` is called by the forum service after
  a post (or a thread's opening post) commits; it returns the support card
  for the HTTP response, or None when the post is not a crisis (a concern
  post queues a review escalation and returns None).
- ``open_escalation_for_report(ctx, ...)`` is called by moderation's
  reports after a "concern for someone's safety" report commits.

All three run after the writer's own commit and never raise into the
caller's success path for a reason the writer caused: the message or post
is already stored and delivered; a failure here is logged without text.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.moderation import escalation
from peerhub.moderation.content import Place
from peerhub.moderation.escalation import Trigger
from peerhub.moderation.pipeline import Annotations
from peerhub.moderation.resources import current_card

log = logging.getLogger("peerhub.moderation.escalation")

# Detector levels that reach a facilitator: ``crisis`` (card, alert, deadline)
# and ``concern`` (a quiet review escalation only).
RAISED_LEVELS = ("concern", "crisis")


class RoomLike(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def slug(self) -> str: ...


class MessageLike(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def seq(self) -> int: ...


async def on_message_stored(
    ctx: AppContext, room: RoomLike, message: MessageLike, annotations: Annotations, viewer: Viewer
) -> None:
    """Realtime's after-commit hook: nothing for a line below concern level."""
    if annotations.crisis_level not in RAISED_LEVELS:
        return
    trigger = Trigger(
        writer_id=viewer.id, source="message", place_kind="room", place_id=room.id, scope=Place("room", room.id),
        item_kind="message", item_id=message.id, level=annotations.crisis_level,
        category=annotations.crisis_category, evidence=annotations.crisis_evidence,
        where={"room": room.slug, "seq": message.seq},
    )
    await escalation.do_raise(ctx, trigger, viewer.handle, send_card=annotations.escalates)


async def on_post_stored(
    ctx: AppContext, viewer: Viewer, *, thread_id: int, category_id: int, post_id: int, annotations: Annotations
) -> dict[str, Any] | None:
    """The forum's after-commit call. Returns the support card to put in the
    response as ``support`` (None for anything below crisis level; a concern
    still queues a review escalation). A failure to record a crisis
    escalation still returns the card when it could be built."""
    if annotations.crisis_level not in RAISED_LEVELS:
        return None
    trigger = Trigger(
        writer_id=viewer.id, source="post", place_kind="thread", place_id=thread_id,
        scope=Place("category", category_id), item_kind="post", item_id=post_id,
        level=annotations.crisis_level, category=annotations.crisis_category,
        evidence=annotations.crisis_evidence, where={"thread_id": thread_id, "post_id": post_id},
    )
    try:
        raised = await escalation.do_raise(ctx, trigger, viewer.handle, send_card=False)
    except Exception:
        log.exception("escalation_post_failed", extra={"fields": {"post_id": post_id}})
        if not annotations.escalates:
            return None
        try:
            return await current_card(ctx, Place("category", category_id))
        except Exception:
            return None
    return raised.card


async def open_escalation_for_report(
    ctx: AppContext, *, report_id: int, subject_id: int, place: Place | None
) -> int:
    """A "concern for someone's safety" report opens (or joins) the same kind
    of escalation, about the person (``subject_id``) in ``place`` (None: the
    report is about the person, not something they wrote somewhere).

    Call after the report's transaction commits; returns the escalation id.
    The reporter is not recorded here (the report holds that), and the
    person is sent nothing: facilitators decide how to reach out.
    """
    trigger = Trigger(
        writer_id=subject_id, source="report",
        place_kind=place.kind if place else "site", place_id=place.id if place else 0, scope=place,
        item_kind="report", item_id=report_id, level="concern", category="reported_safety_concern",
        where={"report_id": report_id},
    )
    raised = await escalation.do_raise(ctx, trigger, None, send_card=False)
    return raised.escalation_id
