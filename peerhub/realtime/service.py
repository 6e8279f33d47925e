"""Rooms write path: create/update rooms, send and remove chat lines, history.

Policies:
- ``do_send`` stores the line with the next per-room ``seq`` in the one
  transaction that locks the room row, then publishes ``message`` on
  ``room:<id>`` after commit, then runs the ``after_message_stored`` hooks.
  A repeated ``client_msg_id`` (same author, same room) returns the stored
  row with ``duplicate=True`` and publishes nothing; two concurrent repeats
  are serialised by the room lock, and the unique constraint is the last
  line of defence (IntegrityError -> re-read).
- Before storing, moderation refuses a banned or muted writer or a locked
  room (``check_can_post``) and enforces slow mode (``check_slow_mode``, from
  the writer's latest line in the room); facilitators who can moderate the
  room are exempt from lock and slow mode.
- Every line goes through ``moderation.pipeline.check_text`` with the room's
  personal-details policy; only the verdict's text and annotations are stored.
- Hooks receive ``(ctx, room, message, annotations, viewer)`` after commit
  and publish; one failing hook is logged (without text) and never undoes
  or blocks the send.
- Rooms are public to every member, so "not found" reveals nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import Conflict, Forbidden, InvalidInput, NotFound
from peerhub.moderation.personal import Policy
from peerhub.moderation.pipeline import Action, Annotations, check_text
from peerhub.moderation.service import Place, check_can_post, check_slow_mode, may_refuse_post, slow_mode_of
from peerhub.realtime import store
from peerhub.realtime.models import PERSONAL_POLICIES, Room, RoomMessage
from peerhub.realtime.protocol import MAX_REPLAY, message_event, room_channel
from peerhub.realtime.store import MessageRow

log = logging.getLogger("peerhub.realtime")

AfterStored = Callable[[AppContext, Room, RoomMessage, Annotations, Viewer], Awaitable[None]]
# History pages: at most this many messages per request.
MAX_HISTORY_PAGE = 200
# seq is a 32-bit integer column; cursors beyond it are clamped.
MAX_SEQ = 2**31 - 1


@dataclass(frozen=True)
class SendResult:
    message: RoomMessage
    duplicate: bool


class _Duplicate(Exception):
    """Raised inside the send transaction when the line is already stored (rolls back the seq bump)."""

    def __init__(self, message: RoomMessage) -> None:
        super().__init__("duplicate client_msg_id")
        self.message = message


@dataclass(frozen=True)
class Replay:
    last_seq: int
    rows: list[MessageRow]
    gap: bool
    # Seqs at or before ``since`` removed while the client was away (within
    # the last MAX_REPLAY it may still show): it must drop them too.
    removed_before: tuple[int, ...] = ()


async def list_rooms(ctx: AppContext) -> list[Room]:
    async with ctx.db.read() as session:
        return await store.list_rooms(session)


async def access_room(ctx: AppContext, slug: str) -> Room:
    """The room by slug, or ``NotFound`` (code ``room_not_found``)."""
    async with ctx.db.read() as session:
        room = await store.get_room_by_slug(session, slug)
    if room is None:
        raise NotFound("room_not_found", "There is no room by that name.")
    return room


def _check_policy(policy: str) -> None:
    if policy not in PERSONAL_POLICIES:
        raise InvalidInput("invalid_policy", "personal_policy must be warn, redact, block or allow.")


async def do_create_room(
    ctx: AppContext, viewer: Viewer, slug: str, title: str, description: str,
    personal_policy: str = "warn", retention_days: int | None = None,
) -> Room:
    if not viewer.is_staff:
        raise Forbidden()
    _check_policy(personal_policy)
    try:
        async with ctx.db.write() as session:
            if await store.get_room_by_slug(session, slug) is not None:
                raise Conflict("room_exists", "A room with that name already exists.")
            room = await store.add_room(session, Room(
                slug=slug, title=title, description=description, position=await store.next_room_position(session),
                created_at=ctx.clock.now(), last_seq=0, personal_policy=personal_policy,
                retention_days=retention_days,
            ))
    except IntegrityError:
        raise Conflict("room_exists", "A room with that name already exists.") from None
    return room


async def do_update_room(ctx: AppContext, viewer: Viewer, slug: str, changes: dict[str, object]) -> Room:
    """Change title/description/position/personal_policy/retention_days (slugs are permanent)."""
    if not viewer.is_staff:
        raise Forbidden()
    if "personal_policy" in changes:
        _check_policy(str(changes["personal_policy"]))
    async with ctx.db.write() as session:
        room = await store.get_room_by_slug(session, slug)
        if room is None:
            raise NotFound("room_not_found", "There is no room by that name.")
        for key, value in changes.items():
            setattr(room, key, value)
    await ctx.broker.publish(room_channel(room.id), {"type": "room_updated", "room_id": room.id, "room": room.slug})
    return room


async def history(ctx: AppContext, room: Room, *, after: int | None, before: int | None, limit: int) -> list[MessageRow]:
    """A keyset page, oldest first: after ``after``, or the newest before ``before``
    (or the newest overall when neither is given)."""
    limit = max(1, min(limit, MAX_HISTORY_PAGE))
    async with ctx.db.read() as session:
        if after is not None:
            return await store.list_messages_after(session, room.id, min(after, MAX_SEQ), limit)
        return await store.list_messages_before(session, room.id, min(before, MAX_SEQ) if before is not None else MAX_SEQ, limit)


async def replay(ctx: AppContext, room: Room, since: int | None) -> Replay:
    """Messages after ``since`` for a (re)joining socket. With ``since`` None
    only the head is returned (history comes over HTTP). More than
    ``MAX_REPLAY`` behind: the newest ``MAX_REPLAY`` and ``gap=True``."""
    async with ctx.db.read() as session:
        fresh = await store.get_room(session, room.id)
        if fresh is None:
            raise NotFound("room_not_found", "There is no room by that name.")
        last = fresh.last_seq
        if since is None:
            return Replay(last, [], False)
        since = max(0, min(since, last))
        gap = last - since > MAX_REPLAY
        after = last - MAX_REPLAY if gap else since
        rows = await store.list_messages_after(session, room.id, after, MAX_REPLAY)
        removed = await store.list_removed_seqs(session, room.id, max(1, after - MAX_REPLAY + 1), after)
    return Replay(last, rows, gap, tuple(removed))


async def missing(ctx: AppContext, room_id: int, first: int, last: int) -> list[MessageRow]:
    """Messages ``first..last`` for filling a fan-out gap."""
    async with ctx.db.read() as session:
        return await store.list_messages_range(session, room_id, first, last)


async def head(ctx: AppContext, room_id: int) -> int:
    async with ctx.db.read() as session:
        room = await store.get_room(session, room_id)
    return 0 if room is None else room.last_seq


def check_message(personal_policy: str, text: str, confirm: bool) -> tuple[str, Annotations]:
    """Run the moderation pipeline under the room's personal-details policy; raise
    ``InvalidInput`` with the verdict's code (``personal_details`` carries ``kinds``
    when the writer must confirm)."""
    try:
        policy = Policy(personal_policy)
    except ValueError:
        policy = Policy.WARN
    verdict = check_text(text, personal_policy=policy, confirmed=confirm)
    if verdict.action is Action.REJECT:
        extra = {"kinds": sorted(verdict.annotations.personal)} if verdict.annotations.personal else {}
        raise InvalidInput(verdict.code, verdict.message, **extra)
    if verdict.action is Action.CONFIRM:
        raise InvalidInput(verdict.code or "personal_details", verdict.message,
                           kinds=sorted(verdict.annotations.personal))
    return verdict.text, verdict.annotations


async def do_send(
    ctx: AppContext, viewer: Viewer, room: Room, client_msg_id: str, text: str, *,
    confirm: bool = False, hooks: Sequence[AfterStored] = (),
) -> SendResult:
    """Store a chat line with the next seq, publish after commit, run hooks.

    The moderation pipeline runs before the write transaction, so its CPU work
    never holds the room lock (on SQLite, the process-wide write lock); under
    the lock it runs again only if the room's personal-details policy changed
    meanwhile, so a PATCH still applies at once.
    """
    checked: tuple[str, Annotations] | InvalidInput
    try:
        checked = check_message(room.personal_policy, text, confirm)
    except InvalidInput as refused:
        checked = refused  # raised only after the duplicate check, as before
    try:
        async with ctx.db.write() as session:
            # The room's next seq, taken first: this also locks the room row, so two
            # concurrent repeats of one client_msg_id are serialised. Whatever is
            # refused below raises, and a duplicate too, so the bump rolls back.
            bumped = await store.bump_room_seq(session, room.id)
            if bumped is None:
                raise NotFound("room_not_found", "There is no room by that name.")
            seq, policy = bumped
            # One query: an earlier copy of this line, whether moderation may refuse
            # it (then check_can_post says how), and the room's slow mode.
            now = ctx.clock.now()
            place = Place("room", room.id)
            duplicate_id, may_refuse, slow_mode = await store.get_send_standing(
                session, room.id, viewer.id, [client_msg_id], may_refuse_post(viewer.id, place, now), slow_mode_of(room.id))
            if duplicate_id is not None:
                existing = await store.get_message(session, duplicate_id)
                if existing is not None:
                    session.expunge(existing)  # keeps its loaded fields through the rollback
                    raise _Duplicate(existing)
            # HOOK (moderation): ban, mute, locked room, then slow mode, under the room lock
            # so two quick sends cannot both pass slow mode. The writer's latest line is
            # only looked up when the room has slow mode on.
            if may_refuse:
                await check_can_post(session, viewer, place, now)
            if slow_mode > 0:
                last = await store.get_last_sent_at(session, room.id, viewer.id)
                await check_slow_mode(session, viewer, room.id, now, last)
            # The room's current policy decides (a PATCH applies at once).
            if policy != room.personal_policy:
                body, notes = check_message(policy, text, confirm)
            elif isinstance(checked, InvalidInput):
                raise checked
            else:
                body, notes = checked
            msg = _message(room, viewer, seq, client_msg_id, body, notes, now)
            await store.add_messages(session, [msg])
    except _Duplicate as repeat:
        return SendResult(repeat.message, duplicate=True)
    except IntegrityError:
        async with ctx.db.read() as session:
            again = await store.get_message_by_client_id(session, room.id, viewer.id, client_msg_id)
        if again is None:
            raise
        return SendResult(again, duplicate=True)
    await _published(ctx, viewer, room, msg, notes, hooks)
    return SendResult(msg, duplicate=False)


def _message(room: Room, viewer: Viewer, seq: int, client_msg_id: str, body: str, notes: Annotations,
             now: datetime) -> RoomMessage:
    return RoomMessage(
        room_id=room.id, seq=seq, author_id=viewer.id, client_msg_id=client_msg_id, text=body,
        created_at=now, topics=sorted(notes.topics), crisis_level=notes.crisis_level,
        crisis_category=notes.crisis_category, personal_kinds=",".join(sorted(notes.personal)),
    )


async def _published(ctx: AppContext, viewer: Viewer, room: Room, msg: RoomMessage, notes: Annotations,
                     hooks: Sequence[AfterStored]) -> None:
    """After commit: publish the line, then run the hooks (a failing hook is logged, never raised)."""
    await ctx.broker.publish(room_channel(room.id), message_event(msg, viewer.handle, room.slug))
    for hook in hooks:
        try:
            await hook(ctx, room, msg, notes, viewer)
        except Exception:
            log.exception("after_message_stored hook failed", extra={"fields": {"room": room.id, "seq": msg.seq}})


@dataclass(frozen=True)
class SendRequest:
    client_msg_id: str
    text: str
    confirm: bool = False


async def do_send_many(
    ctx: AppContext, viewer: Viewer, room: Room, requests: Sequence[SendRequest], *,
    hooks: Sequence[AfterStored] = (),
) -> list[SendResult | Exception]:
    """Store consecutive lines from one writer to one room: the same outcomes,
    in the same order, as ``do_send`` for each in turn (what a line's
    ``do_send`` would raise is returned in its place).

    A burst that needs nothing but storing (every text passes the pipeline
    without confirmation, no ``client_msg_id`` repeats, none stored before,
    moderation cannot refuse the writer, no slow mode, the room's policy
    unchanged) is one transaction: seqs taken together, one standing query,
    one multi-row INSERT, one commit; then each line is published and its
    hooks run, in order. Anything else, and any error on the way, goes line
    by line through ``do_send`` (the batch wrote nothing)."""
    if len(requests) > 1 and len({r.client_msg_id for r in requests}) == len(requests):
        stored = await _store_plain(ctx, viewer, room, requests)
        if stored is not None:
            for msg, notes in stored:
                await _published(ctx, viewer, room, msg, notes, hooks)
            return [SendResult(msg, duplicate=False) for msg, _ in stored]
    outcomes: list[SendResult | Exception] = []
    for r in requests:
        try:
            outcomes.append(await do_send(ctx, viewer, room, r.client_msg_id, r.text, confirm=r.confirm, hooks=hooks))
        except Exception as exc:
            outcomes.append(exc)
    return outcomes


class _NotPlain(Exception):
    """The burst needs a closer look: roll back and send line by line."""


async def _store_plain(
    ctx: AppContext, viewer: Viewer, room: Room, requests: Sequence[SendRequest],
) -> list[tuple[RoomMessage, Annotations]] | None:
    """``do_send_many``'s one-transaction path; None (nothing written) when the burst is not plain."""
    checked: list[tuple[str, Annotations]] = []
    for r in requests:
        try:
            checked.append(check_message(room.personal_policy, r.text, r.confirm))
        except InvalidInput:
            return None
    try:
        async with ctx.db.write() as session:
            bumped = await store.bump_room_seq(session, room.id, len(requests))
            if bumped is None:
                raise _NotPlain()
            last, policy = bumped
            now = ctx.clock.now()
            place = Place("room", room.id)
            duplicate_id, may_refuse, slow_mode = await store.get_send_standing(
                session, room.id, viewer.id, [r.client_msg_id for r in requests],
                may_refuse_post(viewer.id, place, now), slow_mode_of(room.id))
            if duplicate_id is not None or may_refuse or slow_mode > 0 or policy != room.personal_policy:
                raise _NotPlain()
            first = last - len(requests) + 1
            messages = [_message(room, viewer, first + i, r.client_msg_id, body, notes, now)
                        for i, (r, (body, notes)) in enumerate(zip(requests, checked, strict=True))]
            await store.add_messages(session, messages)
    except Exception as exc:  # _NotPlain, or an error each line will meet (and answer) on its own
        if not isinstance(exc, _NotPlain):
            log.warning("batched send fell back to one by one", extra={"fields": {"error": type(exc).__name__}})
        return None
    return [(msg, notes) for msg, (_, notes) in zip(messages, checked, strict=True)]


async def do_remove_message(ctx: AppContext, viewer: Viewer, slug: str, seq: int) -> None:
    """Take a message down (staff, or its author): text blanked, ``removed``
    published on the room channel so every socket hides it."""
    async with ctx.db.write() as session:
        room = await store.get_room_by_slug(session, slug)
        msg = None if room is None else await store.get_message_by_seq(session, room.id, seq)
        if room is None or msg is None:
            raise NotFound("message_not_found", "That message is not there.")
        if not viewer.is_staff and msg.author_id != viewer.id:
            raise NotFound("message_not_found", "That message is not there.")
        if msg.removed_at is None:
            await store.mark_message_removed(session, msg.id, viewer.id, ctx.clock.now())
    await ctx.broker.publish(room_channel(room.id), {"type": "removed", "room": room.slug, "room_id": room.id,
                                                     "seq": seq})
