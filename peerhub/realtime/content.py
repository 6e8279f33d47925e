"""Room messages as moderation content: the ``"message"`` ``ContentProvider``.

Moderation (which never imports realtime) removes and restores a chat line
through this provider, inside moderation's own write transaction:

- Removal sets ``removed_at``/``removed_by`` and keeps the text, so a restore
  brings it back and staff can still read what was taken down. Members never
  see it again: history and replay turn a removed row into a ``removed``
  frame (``protocol.message_payload``), and the hub turns moderation's
  ``content_removed`` event into a live ``removed`` frame.
- A line whose text is already blank (taken down by its author through
  ``service.do_remove_message``, or removed more than 7 days ago and cleared
  by the confidentiality purge) is gone for good: ``describe`` answers None,
  so moderation says "not found" and nothing can restore an empty line.

Neighbours (the review queue's context) are the same room's lines before and
after by ``seq``; removed ones are included and marked, as staff see them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from peerhub.moderation.service import ContentInfo, Place
from peerhub.realtime import store
from peerhub.realtime.models import RoomMessage
from peerhub.realtime.protocol import iso


def message_json(msg: RoomMessage, handle: str) -> dict[str, Any]:
    """A message as staff see it in the review queue (text included, removed marked)."""
    return {
        "id": msg.id, "room_id": msg.room_id, "seq": msg.seq, "author": {"id": msg.author_id, "handle": handle},
        "text": msg.text, "ts": iso(msg.created_at), "removed": msg.removed_at is not None,
    }


def _gone(msg: RoomMessage) -> bool:
    return msg.removed_at is not None and msg.text == ""


class RoomMessages:
    """The provider; stateless, registered once by the app wiring."""

    async def describe(self, session: AsyncSession, target_id: int, context: int) -> ContentInfo | None:
        row = await store.get_message_row(session, target_id)
        if row is None or _gone(row[0]):
            return None
        msg, handle = row
        before: list[dict[str, Any]] = []
        after: list[dict[str, Any]] = []
        if context > 0:
            before = [message_json(m, h) for m, h in
                      await store.list_messages_before(session, msg.room_id, msg.seq, context)]
            after = [message_json(m, h) for m, h in
                     await store.list_messages_after(session, msg.room_id, msg.seq, context)]
        return ContentInfo("message", msg.id, msg.author_id, Place("room", msg.room_id), msg.removed_at is not None,
                           message_json(msg, handle), before, after)

    async def set_removed(
        self, session: AsyncSession, target_id: int, removed: bool, actor_id: int, now: datetime
    ) -> ContentInfo | None:
        row = await store.get_message_row(session, target_id)
        if row is None or _gone(row[0]):
            return None
        if removed:
            await store.set_message_moderated(session, target_id, actor_id, now)
        else:
            await store.set_message_moderated(session, target_id, None, None)
        return await self.describe(session, target_id, 0)
