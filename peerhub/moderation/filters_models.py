"""Per-user trigger filters: one row per person who has set any.

The rules are kept as one JSON document (``rules``) because they are always
read and written whole: one primary-key read per socket or request, one
write per change. Shape (validated by ``filters_service`` before storing)::

    {"topics": [{"topic", "action", "until"}],
     "words": [{"text", "action", "whole_word", "until"}],
     "muted_users": [{"user_id", "action", "until"}]}

``until`` is an ISO-8601 UTC time or null. Muted people are kept by user id
(handles are resolved on write and shown again on read). Filters are private:
only their owner's requests read this table, and nothing logs it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from peerhub.db import Base, UTCDateTime


class UserFilters(Base):
    __tablename__ = "user_filters"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
