"""Confidentiality tables: agreements and who accepted which version, the
agreement a room requires, hour-level room retention and the purge record.

- ``Agreement``: versioned text. Changing the text bumps ``version``; an
  acceptance counts only for the version it names, so a new version has to
  be accepted again. The default agreement (slug ``default``) is inserted by
  migration 0007.
- ``AgreementAcceptance``: one row per person per agreement, the newest
  version they accepted.
- ``RoomAgreement``: the agreement a room requires (rooms are realtime's
  table, known here by id only). Forum categories carry their own
  ``forum_categories.agreement_id`` column.
- ``RoomRetention``: hour-level retention for a room. ``rooms.retention_days``
  (realtime's column) stays the coarse setting; a row here wins only while
  ``rooms.retention_days`` still equals ``days_written`` (the value written
  alongside it), so whichever endpoint changed retention last is obeyed.
- ``PurgeRun``: what a purge or an erasure deleted, as counts only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peerhub.db import Base, UTCDateTime


class Agreement(Base):
    __tablename__ = "conf_agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=1)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)


class AgreementAcceptance(Base):
    __tablename__ = "conf_acceptances"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("conf_agreements.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column()
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RoomAgreement(Base):
    __tablename__ = "conf_room_agreements"

    room_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("conf_agreements.id", ondelete="CASCADE"), index=True)


class RoomRetention(Base):
    __tablename__ = "conf_room_retention"

    room_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # None keeps messages forever.
    keep_hours: Mapped[int | None] = mapped_column(default=None)
    # rooms.retention_days as written together with keep_hours (see the module docstring).
    days_written: Mapped[int | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PurgeRun(Base):
    """Counts only: never which rows, never their text."""

    __tablename__ = "conf_purges"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # retention / history / holds / erasure
    kind: Mapped[str] = mapped_column(String(16))
    messages: Mapped[int] = mapped_column(default=0)
    posts: Mapped[int] = mapped_column(default=0)
    revisions: Mapped[int] = mapped_column(default=0)
    other: Mapped[int] = mapped_column(default=0)
