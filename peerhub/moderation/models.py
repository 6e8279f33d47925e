"""Moderation tables: scopes, duty shifts, sanctions, room controls, pins,
check-ins, facilitator notes, reports and the append-only audit log.

Places (rooms, forum categories) are referenced as ``(place_kind, place_id)``
without a foreign key: moderation sits below realtime and forum and knows
their tables only by id. A row about a deleted place is inert.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peerhub.db import Base, UTCDateTime


class ModScope(Base):
    """A facilitator limited to some places. A facilitator with no scope rows acts site-wide."""

    __tablename__ = "mod_scopes"
    __table_args__ = (UniqueConstraint("user_id", "place_kind", "place_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    place_kind: Mapped[str] = mapped_column(String(16))
    place_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DutyShift(Base):
    """One row per facilitator on duty; the row is deleted when the shift ends."""

    __tablename__ = "mod_duty"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Sanction(Base):
    """A mute, kick or ban. ``place_kind`` NULL means site-wide; ``expires_at`` NULL means permanent.

    A sanction is active while ``lifted_at`` is NULL and ``expires_at`` is in
    the future (or NULL); expiry needs no write.
    """

    __tablename__ = "mod_sanctions"
    __table_args__ = (Index("ix_mod_sanctions_user_id_kind", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    place_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    place_id: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str | None] = mapped_column(String(500), default=None)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    lifted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)


class RoomControl(Base):
    """Slow mode and lock for a room; no row means neither."""

    __tablename__ = "mod_room_controls"

    room_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    slow_mode_seconds: Mapped[int] = mapped_column(default=0)
    locked: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RoomPin(Base):
    __tablename__ = "mod_room_pins"
    __table_args__ = (UniqueConstraint("room_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column()
    message_id: Mapped[int] = mapped_column()
    pinned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    pinned_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CheckIn(Base):
    """A private supportive note from a facilitator to a person. Not a sanction."""

    __tablename__ = "mod_checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    from_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class UserNote(Base):
    """A facilitator's private note about a person; only staff ever read it."""

    __tablename__ = "mod_user_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Report(Base):
    """Every filing on one target while it is open merges into one report.

    ``open_key`` is ``"kind:id"`` while the report is open and NULL once
    resolved: a unique column that allows many NULLs gives "one open report
    per target" on both databases without a partial index.
    """

    __tablename__ = "mod_reports"
    __table_args__ = (Index("ix_mod_reports_queue", "status", "severity", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column()
    open_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    # The person the report is about (the author of a message/post, or the user).
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    place_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    place_id: Mapped[int | None] = mapped_column(default=None)
    severity: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="open")
    filings: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    outcome: Mapped[str | None] = mapped_column(String(16), default=None)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    action_audit_id: Mapped[int | None] = mapped_column(default=None)


class ReportFiling(Base):
    """One member's report of one target (at most one per reporter per target, ever)."""

    __tablename__ = "mod_report_filings"
    __table_args__ = (UniqueConstraint("reporter_id", "target_kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("mod_reports.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column()
    reason: Mapped[str] = mapped_column(String(32))
    # The reporter's own words (required for "other"); never copied to the audit log.
    text: Mapped[str | None] = mapped_column(String(1000), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """Append-only: no code path updates or deletes a row, and database triggers refuse it.

    Ids and codes only, never message text; ``reason`` is the acting
    facilitator's own short reason. ``ref_id`` points at the row the action
    created or touched (sanction, report, check-in, note, linked audit entry).
    """

    __tablename__ = "mod_audit"
    __table_args__ = (
        Index("ix_mod_audit_actor_id_id", "actor_id", "id"),
        Index("ix_mod_audit_target", "target_kind", "target_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # NULL for the system (a shift ended by the sweep).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    action: Mapped[str] = mapped_column(String(32))
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column()
    place_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    place_id: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str | None] = mapped_column(String(500), default=None)
    ref_id: Mapped[int | None] = mapped_column(default=None)
