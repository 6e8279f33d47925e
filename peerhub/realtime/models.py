"""Rooms and their messages.

A room's ``last_seq`` is the highest ``seq`` handed out in it; the writing
transaction locks the room row, bumps ``last_seq`` and inserts the message,
so seqs are 1, 2, 3 ... without gaps (a rolled-back write rolls back its
bump too). ``(room_id, seq)`` and ``(room_id, author_id, client_msg_id)`` are
unique: the first orders and resumes, the second makes ``send`` idempotent.

Moderation annotations are stored with the text (computed once at write
time): ``topics`` (trigger topic ids, JSON list), ``crisis_level``,
``crisis_category`` and ``personal_kinds`` (comma-separated kinds, never the
details themselves). ``personal_policy`` and ``retention_days`` are per-room
settings read by the confidentiality work.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from peerhub.db import Base, UTCDateTime

PERSONAL_POLICIES = ("warn", "redact", "block", "allow")


class Room(Base):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seq: Mapped[int] = mapped_column(default=0, server_default="0")
    # warn / redact / block / allow: what the pipeline does with personal details here.
    personal_policy: Mapped[str] = mapped_column(String(16), default="warn", server_default="warn")
    # Messages older than this many days are purged by the confidentiality work; None keeps them.
    retention_days: Mapped[int | None] = mapped_column(default=None)


class RoomMessage(Base):
    __tablename__ = "room_messages"
    __table_args__ = (
        UniqueConstraint("room_id", "seq", name="uq_room_messages_room_id_seq"),
        UniqueConstraint("room_id", "author_id", "client_msg_id", name="uq_room_messages_client_msg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column()
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    client_msg_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    crisis_level: Mapped[str] = mapped_column(String(16), default="none")
    crisis_category: Mapped[str | None] = mapped_column(String(64), default=None)
    personal_kinds: Mapped[str] = mapped_column(String(200), default="")
    # Set when a facilitator (or the author) removed it; the text is blanked, the seq stays.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
