"""Tables for crisis escalations and the crisis resources shown on the support card.

- ``Escalation``: one per writer per place while unresolved. ``open_key`` is
  ``"<writer>:<place_kind>:<place_id>"`` until it is resolved and NULL after,
  so a unique column (many NULLs allowed on both databases) enforces "one
  open escalation per writer per room/thread" without a partial index.
  ``status`` is ``open`` (nobody acknowledged yet), ``acknowledged`` or
  ``resolved``. ``next_alert_at`` is when the deadline sweep re-alerts an
  unacknowledged escalation next.
- ``EscalationItem``: what set it off, by id only (a room message, a forum
  post, a report), with the detector's level/category/rule ids. Text is never
  copied: staff read it (and a little context) through the owning subsystem.
- ``EscalationEvent``: the append-only history of an escalation (opened,
  attached, upgraded, acknowledged, resolved, realerted) with the seconds since it
  opened, i.e. time-to-acknowledge and time-to-resolve. No code updates or
  deletes a row.
- ``CrisisResource``: a helpline as admin-editable data with the date
  someone last checked it; US defaults are inserted by the migration.

Priority (derived, not stored): a detector ``concern`` (one warning sign in
a chat line or post) is a quiet ``review`` escalation: no support card, no
deadline re-alerts, below every urgent one in the queue. Everything else
(detector ``crisis``, and a person's "concern for someone's safety" report,
which is a human asking for a facilitator) is ``urgent``. A crisis item (or a
safety report, which then sets ``source`` to ``report``) attached to a review
escalation upgrades it (level ``crisis`` for a crisis, an ``upgraded``
event, the deadline starts then). ``REVIEW_FILTER`` is the same rule in SQL.

Places are referenced as ``(place_kind, place_id)`` without a foreign key
(moderation sits below realtime and forum): ``room``, ``thread`` or ``site``
(a report about a person, not about something they wrote in one place).
``scope_kind``/``scope_id`` is the moderation ``Place`` (room or category)
used for facilitator scopes and "is anyone on duty here".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
)
from sqlalchemy.orm import Mapped, mapped_column

from peerhub.db import Base, UTCDateTime

STATUSES = ("open", "acknowledged", "resolved")
PLACE_KINDS = ("room", "thread", "site")
ITEM_KINDS = ("message", "post", "report")
EVENT_ACTIONS = ("opened", "attached", "upgraded", "acknowledged", "resolved", "realerted")
URGENT, REVIEW = "urgent", "review"
# Sources whose level comes from the crisis detector (a report's level is a person's call).
DETECTOR_SOURCES = ("message", "post")


def priority_of(level: str, source: str) -> str:
    """``review`` for a detector ``concern``; ``urgent`` for everything else."""
    return REVIEW if level == "concern" and source in DETECTOR_SOURCES else URGENT


class Escalation(Base):
    __tablename__ = "escalations"
    __table_args__ = (
        Index("ix_escalations_status_opened_at", "status", "opened_at"),
        Index("ix_escalations_status_next_alert_at", "status", "next_alert_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    open_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    writer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # message / post / report
    place_kind: Mapped[str] = mapped_column(String(16))
    place_id: Mapped[int] = mapped_column()
    scope_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    scope_id: Mapped[int | None] = mapped_column(default=None)
    level: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(64), default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")
    items: Mapped[int] = mapped_column(default=1)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The acknowledge deadline as first set (opened + the period); never moves.
    ack_due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_alert_at: Mapped[datetime] = mapped_column(UTCDateTime())
    realerts: Mapped[int] = mapped_column(default=0)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    acked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    outcome: Mapped[str | None] = mapped_column(String(32), default=None)
    # The resolving facilitator's own words; staff-only, never logged or audited.
    note: Mapped[str | None] = mapped_column(Text, default=None)


class EscalationItem(Base):
    __tablename__ = "escalation_items"
    __table_args__ = (UniqueConstraint("escalation_id", "kind", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int] = mapped_column()
    level: Mapped[str] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(String(64), default=None)
    # Detector rule ids such as "suicide.wish_die" (never the user's words).
    evidence: Mapped[list[str]] = mapped_column(JSON, default=list)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class EscalationEvent(Base):
    """Append-only: ids, codes and durations only."""

    __tablename__ = "escalation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # NULL for the system (opened by the detector, re-alerted by the sweep).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    action: Mapped[str] = mapped_column(String(16))
    # Seconds since the escalation opened: time-to-acknowledge / time-to-resolve.
    seconds: Mapped[float | None] = mapped_column(Float, default=None)
    outcome: Mapped[str | None] = mapped_column(String(32), default=None)
    item_id: Mapped[int | None] = mapped_column(default=None)


class CrisisResource(Base):
    __tablename__ = "crisis_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(500), default="")
    hours: Mapped[str] = mapped_column(String(120), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # [{"kind": "call"|"text"|"tty"|"chat"|"web", "label": "...", "href": "tel:..."}]
    contacts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The "immediate danger" entry (911): shown first in emphasis by clients.
    emergency: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    last_verified: Mapped[date] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)


# ``priority_of(...) == REVIEW`` as a SQL condition (the sweep and the queue order use it).
REVIEW_FILTER: ColumnElement[bool] = and_(Escalation.level == "concern", Escalation.source.in_(DETECTOR_SOURCES))
