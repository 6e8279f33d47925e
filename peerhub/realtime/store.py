"""SQL for rooms and room messages. Takes the session; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect

from peerhub.accounts.models import User
from peerhub.realtime.models import Room, RoomMessage

MessageRow = tuple[RoomMessage, str]  # the message and its author's handle


async def list_rooms(session: AsyncSession) -> list[Room]:
    result = await session.execute(select(Room).order_by(Room.position, Room.id))
    return list(result.scalars())


async def get_room_by_slug(session: AsyncSession, slug: str) -> Room | None:
    result = await session.execute(select(Room).where(Room.slug == slug))
    return result.scalar_one_or_none()


async def get_room(session: AsyncSession, room_id: int) -> Room | None:
    return await session.get(Room, room_id)


async def add_room(session: AsyncSession, room: Room) -> Room:
    session.add(room)
    await session.flush()
    return room


async def next_room_position(session: AsyncSession) -> int:
    value = (await session.execute(select(func.max(Room.position)))).scalar()
    return 0 if value is None else int(value) + 1


async def bump_room_seq(session: AsyncSession, room_id: int, count: int = 1) -> tuple[int, str] | None:
    """Take the room's next ``count`` seqs: ``(last of them, personal_policy)``, or
    None if there is no such room.

    One statement that also locks the room row until the transaction ends
    (PostgreSQL row lock; on SQLite ``Database.write()`` serialises writers),
    so concurrent sends to a room get consecutive seqs in commit order. A
    transaction that then stores fewer lines must roll back."""
    rooms = cast(Table, Room.__table__)
    result = await session.execute(
        update(rooms).where(rooms.c.id == room_id).values(last_seq=rooms.c.last_seq + count)
        .returning(rooms.c.last_seq, rooms.c.personal_policy)
    )
    row = result.one_or_none()
    return None if row is None else (int(row[0]), str(row[1]))


async def get_send_standing(
    session: AsyncSession, room_id: int, author_id: int, client_msg_ids: Sequence[str],
    may_refuse: ColumnElement[bool], slow_mode: ScalarSelect[int],
) -> tuple[int | None, bool, int]:
    """One query for what a send must know before storing: the id of a line
    this author already stored in this room under one of ``client_msg_ids``
    (the lowest, or None), the value of ``may_refuse`` and of ``slow_mode``
    (moderation's expressions; NULL slow mode is 0)."""
    duplicate = select(func.min(RoomMessage.id)).where(
        RoomMessage.room_id == room_id, RoomMessage.author_id == author_id, RoomMessage.client_msg_id.in_(client_msg_ids),
    ).scalar_subquery()
    row = (await session.execute(select(duplicate, may_refuse, slow_mode))).one()
    return (None if row[0] is None else int(row[0])), bool(row[1]), int(row[2] or 0)


async def get_message(session: AsyncSession, message_id: int) -> RoomMessage | None:
    return await session.get(RoomMessage, message_id)


async def get_message_by_client_id(
    session: AsyncSession, room_id: int, author_id: int, client_msg_id: str
) -> RoomMessage | None:
    result = await session.execute(
        select(RoomMessage).where(
            RoomMessage.room_id == room_id,
            RoomMessage.author_id == author_id,
            RoomMessage.client_msg_id == client_msg_id,
        )
    )
    return result.scalar_one_or_none()


async def add_messages(session: AsyncSession, messages: Sequence[RoomMessage]) -> None:
    """Insert new messages (not added to the session) and set their ids: one
    Core INSERT ... RETURNING for all of them, no unit-of-work flush (every
    chat line comes here)."""
    rows: list[dict[str, Any]] = []
    for message in messages:
        values: dict[str, Any] = {}
        for key, default in _MESSAGE_DEFAULTS:
            value = getattr(message, key)
            if value is None and default is not None:  # what a flush would have filled in
                value = default.arg(None) if default.is_callable else default.arg
                setattr(message, key, value)
            values[key] = value
        rows.append(values)
    result = await session.execute(insert(_MESSAGES).returning(_MESSAGES.c.id, sort_by_parameter_order=True), rows)
    for message, new_id in zip(messages, result.scalars(), strict=True):
        message.id = int(new_id)


_MESSAGES = cast(Table, RoomMessage.__table__)
# Every column but the id, with its Python-side default (ColumnDefault or None).
_MESSAGE_DEFAULTS: tuple[tuple[str, Any], ...] = tuple((c.key, c.default) for c in _MESSAGES.columns if c.key != "id")


async def get_message_by_seq(session: AsyncSession, room_id: int, seq: int) -> RoomMessage | None:
    result = await session.execute(
        select(RoomMessage).where(RoomMessage.room_id == room_id, RoomMessage.seq == seq)
    )
    return result.scalar_one_or_none()


async def list_messages_after(session: AsyncSession, room_id: int, after: int, limit: int) -> list[MessageRow]:
    """Messages with ``seq > after``, oldest first, at most ``limit``."""
    result = await session.execute(
        select(RoomMessage, User.handle)
        .join(User, User.id == RoomMessage.author_id)
        .where(RoomMessage.room_id == room_id, RoomMessage.seq > after)
        .order_by(RoomMessage.seq)
        .limit(limit)
    )
    return [(m, h) for m, h in result.all()]


async def list_removed_seqs(session: AsyncSession, room_id: int, low: int, high: int) -> list[int]:
    """Seqs in ``low..high`` (inclusive) whose message was removed, ascending."""
    result = await session.execute(
        select(RoomMessage.seq)
        .where(RoomMessage.room_id == room_id, RoomMessage.seq >= low, RoomMessage.seq <= high,
               RoomMessage.removed_at.is_not(None))
        .order_by(RoomMessage.seq)
    )
    return list(result.scalars())


async def list_messages_before(session: AsyncSession, room_id: int, before: int, limit: int) -> list[MessageRow]:
    """The ``limit`` newest messages with ``seq < before``, returned oldest first."""
    result = await session.execute(
        select(RoomMessage, User.handle)
        .join(User, User.id == RoomMessage.author_id)
        .where(RoomMessage.room_id == room_id, RoomMessage.seq < before)
        .order_by(RoomMessage.seq.desc())
        .limit(limit)
    )
    rows = [(m, h) for m, h in result.all()]
    rows.reverse()
    return rows


async def list_messages_range(session: AsyncSession, room_id: int, first: int, last: int) -> list[MessageRow]:
    """Messages with ``first <= seq <= last``, oldest first (gap filling)."""
    result = await session.execute(
        select(RoomMessage, User.handle)
        .join(User, User.id == RoomMessage.author_id)
        .where(RoomMessage.room_id == room_id, RoomMessage.seq >= first, RoomMessage.seq <= last)
        .order_by(RoomMessage.seq)
    )
    return [(m, h) for m, h in result.all()]


async def mark_message_removed(session: AsyncSession, message_id: int, by: int | None, when: datetime) -> None:
    await session.execute(
        update(RoomMessage)
        .where(RoomMessage.id == message_id)
        .values(removed_at=when, removed_by=by, text="", topics=[], personal_kinds="")
    )


async def get_message_row(session: AsyncSession, message_id: int) -> MessageRow | None:
    """One message by id with its author's handle."""
    result = await session.execute(
        select(RoomMessage, User.handle).join(User, User.id == RoomMessage.author_id).where(RoomMessage.id == message_id)
        .execution_options(populate_existing=True)
    )
    row = result.first()
    return None if row is None else (row[0], row[1])


async def get_message_seq(session: AsyncSession, message_id: int) -> tuple[int, int] | None:
    """``(room id, seq)`` of a message, or None."""
    row = (await session.execute(select(RoomMessage.room_id, RoomMessage.seq).where(RoomMessage.id == message_id))).first()
    return None if row is None else (int(row[0]), int(row[1]))


async def set_message_moderated(session: AsyncSession, message_id: int, by: int | None, when: datetime | None) -> None:
    """A facilitator's removal (``when`` set) or restore (``when`` None): the text is kept."""
    await session.execute(update(RoomMessage).where(RoomMessage.id == message_id).values(removed_at=when, removed_by=by))


async def get_last_sent_at(session: AsyncSession, room_id: int, author_id: int) -> datetime | None:
    """When ``author_id`` last wrote in the room (slow mode), or None."""
    result = await session.execute(
        select(RoomMessage.created_at)
        .where(RoomMessage.room_id == room_id, RoomMessage.author_id == author_id)
        .order_by(RoomMessage.seq.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()
