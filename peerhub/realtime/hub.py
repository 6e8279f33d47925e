"""The hub: which sockets are in which rooms, and fan-out of broker events.

One ``Hub`` per process, created by the lifespan and set as the broker's
handler. It owns no durable state: the database is the truth, the broker
says "something happened", the hub turns events into frames for local
sockets.

Room events (channel ``room:<id>``) are delivered in ``seq`` order: an event
that arrives early (two writers publishing out of order, a lost Redis event)
is held, and if the gap is still open after ``GAP_FILL_DELAY_SECONDS`` the
missing messages are read from the database. Each message frame is
serialised once per message, never once per recipient.

Extension points (keep them cheap: they run inside fan-out):

- ``hub.decide(conn, view) -> Delivery``: per-recipient delivery decision,
  asked in fan-out only for sockets an extension marked ``conn.filtered``
  (the others always get ``DELIVER``).
  ``DELIVER`` (default), ``HIDE`` (not sent; the client sees a seq gap, which
  is not loss) or ``Collapse(reasons)`` (sent with ``filter: {action:
  "collapse", reasons}`` so the UI folds it). ``view.topics`` are the stored
  topic ids: never rescan text. The same decision applies to replay and gap
  filling. Typing notices ask it too, with a view of the typer only (no
  topics, no words, seq 0): ``HIDE`` keeps the notice from that recipient.
- ``hub.scan(room_id, text) -> words``: run once per message (never per
  recipient) before the decisions; its result is ``view.words`` (the custom
  filter words found, from one automaton per room).
- ``hub.on_members_changed``: callables ``(room_id)`` run when a socket joins
  or leaves a room (e.g. to rebuild that room's word automaton).
- ``hub.user_hooks[type]``: internal events on ``user:<id>`` (types starting
  with ``_``) go to the hook ``(user_id, sockets)`` instead of the sockets.
- ``hub.thread_frames(watchers, event)``: per-watcher frames for ``thread:<id>``
  events, ``[(conn, frame)]``; without it every watcher gets the event minus
  its server-only fields (``protocol.THREAD_SERVER_ONLY_FIELDS``).
- ``hub.on_connect``: async callables ``(conn)`` run once per socket after
  authentication (e.g. load the user's filters into ``conn.attrs``).
- ``hub.after_message_stored``: async callables ``(ctx, room, message,
  annotations, viewer)`` run after a chat line is committed and published.
- ``hub.channel_hooks[kind]``: async callables ``(channel, event)`` run by the
  dispatcher, in the broker's order, for every event on a channel
  ``<kind>:...`` (``control`` for the control channel) before the built-in
  handling (e.g. ``mod`` for moderation's ``mod:room:<id>``). They must not
  raise, and anything slow in them delays every later event.
- ``hub.on_joined``: async callables ``(conn, room, extra)`` that may put
  fields in ``extra`` (a dict), which the ``joined`` frame then carries (e.g.
  the room's moderation state). They run with the replay read: if one
  fails, the join fails as a whole.
- Broker channels besides rooms: ``user:<id>`` (event sent as-is to every
  socket of that user), ``thread:<id>`` (to sockets that sent
  ``watch_thread``), ``staff`` (to on-duty facilitators' sockets).
- ``control`` channel (any process may publish; no need to import realtime):
  ``{"type": "close_user", "user_id": N, "code": 4403, "reason": "..."}``
  closes every socket of that user everywhere; ``{"type": "on_duty",
  "user_id": N, "on": true}`` marks a facilitator on/off duty. ``hub.close_user``
  and ``hub.set_on_duty`` publish these.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from peerhub.context import AppContext
from peerhub.errors import InvalidInput
from peerhub.metrics import Metrics
from peerhub.ratelimit import RateLimiter
from peerhub.realtime import service
from peerhub.realtime.connection import Connection, RoomPosition
from peerhub.realtime.delivery import DELIVER as DELIVER
from peerhub.realtime.delivery import HIDE as HIDE
from peerhub.realtime.delivery import Collapse as Collapse
from peerhub.realtime.delivery import Decide, Scan, ThreadFrames, frame_for, frame_of_verdict
from peerhub.realtime.delivery import Delivery as Delivery
from peerhub.realtime.delivery import MessageView as MessageView
from peerhub.realtime.drain import Drain
from peerhub.realtime.models import Room
from peerhub.realtime.presence import Presence
from peerhub.realtime.protocol import (
    BAD_FRAME_BURST,
    BAD_FRAMES_PER_SECOND,
    CONTROL_CHANNEL,
    GAP_FILL_DELAY_SECONDS,
    MAX_OUTBOX_FRAMES,
    MAX_ROOMS_PER_CONNECTION,
    MAX_WATCHED_THREADS,
    SEND_BURST,
    SEND_PER_SECOND,
    STAFF_CHANNEL,
    dumps,
    frame_of_event,
    frame_of_thread_event,
    message_event,
)
from peerhub.realtime.service import AfterStored

log = logging.getLogger("peerhub.realtime")
# Broker events waiting for the dispatcher; beyond this, publishers wait
# (slowing the writers instead of growing memory).
EVENT_QUEUE_LIMIT = 10_000


@dataclass
class RoomState:
    room: Room
    members: dict[Connection, None] = field(default_factory=dict)
    # Highest seq fanned out; None until the first joiner has read the head.
    last_seq: int | None = None
    pending: dict[int, dict[str, Any]] = field(default_factory=dict)
    gap_task: asyncio.Task[None] | None = None


class Hub:
    def __init__(self, ctx: AppContext, metrics: Metrics | None = None) -> None:
        self.ctx = ctx
        # Counters for /metrics (open sockets, fan-out time, resyncs); None in bare tests.
        self.metrics = metrics
        # Graceful restart: set while the process drains its sockets (realtime.drain).
        self.drain = Drain()
        self.proc = secrets.token_hex(6)
        self.connections: set[Connection] = set()
        self.by_user: dict[int, set[Connection]] = {}
        self.rooms: dict[int, RoomState] = {}
        self.watchers: dict[int, set[Connection]] = {}
        self.decide: Decide | None = None
        self.scan: Scan | None = None
        self.on_members_changed: list[Callable[[int], None]] = []
        self.user_hooks: dict[str, Callable[[int, list[Connection]], Awaitable[None]]] = {}
        self.thread_frames: ThreadFrames | None = None
        self.on_connect: list[Callable[[Connection], Awaitable[None]]] = []
        self.after_message_stored: list[AfterStored] = []
        self.on_joined: list[Callable[[Connection, Room, dict[str, Any]], Awaitable[None]]] = []
        self.channel_hooks: dict[str, list[Callable[[str, dict[str, Any]], Awaitable[None]]]] = {}
        self.presence = Presence(self)
        # Per-process limiters shared by every socket, on the injected clock.
        self.sends = RateLimiter(ctx.clock, SEND_BURST, SEND_PER_SECOND)
        self.bad_frames = RateLimiter(ctx.clock, BAD_FRAME_BURST, BAD_FRAMES_PER_SECOND)
        self._tasks: set[asyncio.Task[None]] = set()
        # Broker events wait here for the dispatcher task, so a writer's next
        # database transaction overlaps the fan-out of its previous message.
        self._events: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue(EVENT_QUEUE_LIMIT)
        self._dispatching = False

    # -- lifecycle ---------------------------------------------------------

    async def start(self) -> None:
        self._spawn(self.presence.refresh_loop())
        self._spawn(self._dispatch_loop())
        self._dispatching = True

    async def _dispatch_loop(self) -> None:
        events = self._events
        while True:
            channel, event = await events.get()
            try:
                await self._dispatch(channel, event)
            except Exception:
                log.exception("broker event dispatch failed", extra={"fields": {"channel": channel.split(":")[0]}})

    async def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for state in self.rooms.values():
            if state.gap_task is not None:
                state.gap_task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, coro: Awaitable[None]) -> asyncio.Task[None]:
        async def guarded() -> None:
            try:
                await coro
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("hub background task failed")

        task = asyncio.get_running_loop().create_task(guarded())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # -- sockets -----------------------------------------------------------

    async def add(self, conn: Connection) -> None:
        self.connections.add(conn)
        self.by_user.setdefault(conn.user_id, set()).add(conn)
        if self.metrics is not None:
            self.metrics.open_connections.inc()
        for hook in self.on_connect:
            await hook(conn)

    async def remove(self, conn: Connection) -> None:
        if conn in self.connections and self.metrics is not None:
            self.metrics.open_connections.dec()
        self.connections.discard(conn)
        mine = self.by_user.get(conn.user_id)
        if mine is not None:
            mine.discard(conn)
            if not mine:
                del self.by_user[conn.user_id]
        for thread_id in list(conn.threads):
            self.unwatch(conn, thread_id)
        for room_id in list(conn.rooms):
            await self.leave(conn, room_id)

    # -- rooms -------------------------------------------------------------

    async def join(self, conn: Connection, room: Room, since: int | None) -> None:
        """Subscribe, replay from the database after ``since``, then go live.

        A re-join of a room this socket is already in (e.g. after ``resync``)
        replays only after ``max(since, what this socket was already queued
        for the room)``: those frames are on their way, so sending them again
        would only duplicate them (the client drops repeats by seq)."""
        pos = conn.rooms.get(room.id)
        fresh = pos is None
        # Every seq up to this was queued to this socket, or hidden from it by its filter.
        already = 0 if pos is None else pos.last_seq
        if since is not None:
            since = max(since, already)
        if pos is None:
            if len(conn.rooms) >= MAX_ROOMS_PER_CONNECTION:
                raise InvalidInput("too_many_rooms", f"You can be in at most {MAX_ROOMS_PER_CONNECTION} rooms at once.")
            pos = RoomPosition(room.id, room.slug, buffer=[])
            conn.rooms[room.id] = pos
            state = self.rooms.get(room.id)
            if state is None:
                state = self.rooms[room.id] = RoomState(room)
            state.members[conn] = None
            self._members_changed(room.id)
        else:
            pos.buffer = []
            state = self.rooms[room.id]
        extra: dict[str, Any] = {}
        try:
            replay = await service.replay(self.ctx, room, since)
            for hook in self.on_joined:
                await hook(conn, room, extra)
        except BaseException:
            if fresh:
                await self.leave(conn, room.id, announce=False)
            else:
                conn.go_live(room.id)
            raise
        self._prime(state, replay.last_seq)
        online, on_duty = self.presence.for_joined(room.id)
        joined: dict[str, Any] = {
            "type": "joined", "room": room.slug, "last_seq": replay.last_seq,
            "online": online, "facilitator_on_duty": on_duty,
        }
        if replay.gap:
            joined["gap"] = True
        joined.update(extra)
        conn.push(dumps(joined))
        for seq in replay.removed_before:
            conn.push(dumps({"type": "removed", "room": room.slug, "seq": seq}))
        pos.last_seq = max(already, replay.last_seq if since is None else max(0, min(since, replay.last_seq)))
        for msg, handle in replay.rows:
            if conn.closing is not None:
                return
            event = message_event(msg, handle, room.slug)
            frame = frame_for(self.decide, conn, self._view(event), event, dumps(frame_of_event(event)), {})
            if frame is not None and msg.seq > pos.last_seq:
                conn.push(frame)
            pos.last_seq = max(pos.last_seq, msg.seq)
            if len(conn.out) >= MAX_OUTBOX_FRAMES // 2:
                await conn.drained()
        conn.go_live(room.id)
        if fresh:
            self.presence.changed(room.id)

    async def leave(self, conn: Connection, room_id: int, *, announce: bool = True) -> None:
        conn.rooms.pop(room_id, None)
        state = self.rooms.get(room_id)
        if state is None:
            return
        if conn in state.members:
            del state.members[conn]
            self._members_changed(room_id)
        if not state.members:
            if state.gap_task is not None:
                state.gap_task.cancel()
            del self.rooms[room_id]
        if announce:
            self.presence.changed(room_id)

    def _members_changed(self, room_id: int) -> None:
        for hook in self.on_members_changed:
            hook(room_id)

    def room_of(self, conn: Connection, slug: str) -> RoomState | None:
        for room_id, pos in conn.rooms.items():
            if pos.slug == slug:
                return self.rooms.get(room_id)
        return None

    # -- threads -----------------------------------------------------------

    def watch(self, conn: Connection, thread_id: int) -> None:
        if thread_id not in conn.threads and len(conn.threads) >= MAX_WATCHED_THREADS:
            raise InvalidInput("too_many_threads", f"You can follow at most {MAX_WATCHED_THREADS} threads live.")
        conn.threads.add(thread_id)
        self.watchers.setdefault(thread_id, set()).add(conn)

    def unwatch(self, conn: Connection, thread_id: int) -> None:
        conn.threads.discard(thread_id)
        watching = self.watchers.get(thread_id)
        if watching is not None:
            watching.discard(conn)
            if not watching:
                del self.watchers[thread_id]

    # -- moderation hooks ----------------------------------------------------

    async def close_user(self, user_id: int, code: int, reason: str = "") -> None:
        """Close every socket of ``user_id`` on every process (bans, erasure)."""
        await self.ctx.broker.publish(CONTROL_CHANNEL, {"type": "close_user", "user_id": user_id,
                                                        "code": code, "reason": reason})

    async def set_on_duty(self, user_id: int, on: bool) -> None:
        """Mark a facilitator on/off duty on every process."""
        await self.ctx.broker.publish(CONTROL_CHANNEL, {"type": "on_duty", "user_id": user_id, "on": on})

    # -- broker events -------------------------------------------------------

    async def on_event(self, channel: str, event: dict[str, Any]) -> None:
        """The broker's handler: queue the event for the dispatcher, in order
        (a full queue makes the publisher wait). Without a running dispatcher
        (a hub that was never started) the event is dispatched right here."""
        if self._dispatching:
            await self._events.put((channel, event))
        else:
            await self._dispatch(channel, event)

    async def _dispatch(self, channel: str, event: dict[str, Any]) -> None:
        kind, _, ident = channel.partition(":")
        etype = event.get("type")
        for channel_hook in self.channel_hooks.get(kind, ()):
            await channel_hook(channel, event)
        if kind == "room":
            state = self.rooms.get(int(ident))
            if etype == "message":
                if state is not None:
                    self._ordered(state, event)
            elif etype == "_presence":
                self.presence.remote(event)
            elif state is None:
                return
            elif etype == "removed":
                frame = dumps(frame_of_event(event))
                for conn in list(state.members):
                    conn.push(frame)
            elif etype == "typing":
                self._typing(state, event)
            elif etype == "head":
                if state.last_seq is not None and int(event["seq"]) > state.last_seq:
                    self._arm_gap_fill(state, 0.0)
            elif etype == "room_updated":
                self._spawn(self._refresh_room(state))
        elif kind == "user":
            hook = self.user_hooks.get(str(etype))
            if hook is not None:
                await hook(int(ident), list(self.by_user.get(int(ident), ())))
                return
            frame = dumps(event)
            for conn in list(self.by_user.get(int(ident), ())):
                conn.push(frame)
        elif kind == "thread":
            watching = list(self.watchers.get(int(ident), ()))
            if self.thread_frames is not None:
                for conn, frame in self.thread_frames(watching, event):
                    conn.push(frame)
                return
            frame = dumps(frame_of_thread_event(event))
            for conn in watching:
                conn.push(frame)
        elif channel == STAFF_CHANNEL:
            frame = dumps(event)
            for user_id in self.presence.on_duty:
                for conn in list(self.by_user.get(user_id, ())):
                    conn.push(frame)
        elif channel == CONTROL_CHANNEL:
            self._control(event)

    def _typing(self, state: RoomState, event: dict[str, Any]) -> None:
        """A typing notice goes to the room's other members: never back to the
        typer's own sockets, and not to anyone whose ``decide`` hides the typer
        (muted with ``hide``). The view has no topics or words (there is no
        text yet), so only rules about the person apply; a ``collapse`` mute
        still shows them typing, as their messages still show, folded."""
        user = event.get("user")
        author = int(user.get("id") or 0) if isinstance(user, dict) else 0
        frame = dumps(frame_of_event(event))
        decide = self.decide
        view = MessageView(state.room.id, 0, author, frozenset(), "none") if decide is not None else None
        for conn in list(state.members):
            if conn.user_id == author or (view is not None and decide is not None and decide(conn, view) == HIDE):
                continue
            conn.push(frame)

    def _control(self, event: dict[str, Any]) -> None:
        etype = event.get("type")
        if etype == "close_user":
            for conn in list(self.by_user.get(int(event["user_id"]), ())):
                conn.close(int(event.get("code", 4403)), str(event.get("reason", ""))[:100])
        elif etype == "on_duty":
            self.presence.set_duty(int(event["user_id"]), bool(event.get("on")))
        elif etype == "presence_query" and event.get("proc") != self.proc:
            self.presence.publish_all()

    async def on_resync(self) -> None:
        """Events may have been lost (broker reconnect): tell every socket to
        catch up by ``since``, fill our own gaps, announce our rooms' heads so
        other processes fill theirs, and re-exchange presence."""
        if self.metrics is not None:
            self.metrics.broker_reconnects.inc()
        for state in list(self.rooms.values()):
            frame = dumps({"type": "resync", "room": state.room.slug})
            for conn in list(state.members):
                conn.push(frame)
            if self.metrics is not None:
                self.metrics.resyncs.inc(len(state.members))
            self._arm_gap_fill(state, 0.0)
        self._spawn(self._announce_heads())
        await self.ctx.broker.publish(CONTROL_CHANNEL, {"type": "presence_query", "proc": self.proc})
        self.presence.publish_all()

    async def _announce_heads(self) -> None:
        for room_id, state in list(self.rooms.items()):
            seq = await service.head(self.ctx, room_id)
            await self.ctx.broker.publish(f"room:{room_id}", {"type": "head", "room_id": room_id,
                                                              "room": state.room.slug, "seq": seq})

    async def _refresh_room(self, state: RoomState) -> None:
        async with self.ctx.db.read() as session:
            from peerhub.realtime import store

            room = await store.get_room(session, state.room.id)
        if room is not None:
            state.room = room

    # -- ordered fan-out -----------------------------------------------------

    def _prime(self, state: RoomState, head: int) -> None:
        if state.last_seq is None:
            state.last_seq = head
            self._drain(state)

    def _ordered(self, state: RoomState, event: dict[str, Any]) -> None:
        seq = int(event["seq"])
        last = state.last_seq
        if last is not None and seq <= last:
            return
        if last is not None and seq == last + 1 and not state.pending:
            state.last_seq = seq
            self._fanout(state, event)
            return
        state.pending[seq] = event
        if last is not None:
            self._drain(state)

    def _drain(self, state: RoomState) -> None:
        assert state.last_seq is not None
        pending = state.pending
        for seq in sorted(pending):
            if seq <= state.last_seq:
                del pending[seq]
            elif seq == state.last_seq + 1:
                state.last_seq = seq
                self._fanout(state, pending.pop(seq))
            else:
                break
        if pending:
            self._arm_gap_fill(state, 0.0 if len(pending) > MAX_OUTBOX_FRAMES else GAP_FILL_DELAY_SECONDS)

    def _arm_gap_fill(self, state: RoomState, delay: float) -> None:
        if state.gap_task is None or state.gap_task.done():
            state.gap_task = self._spawn(self._fill_gap(state, delay))

    async def _fill_gap(self, state: RoomState, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if state.last_seq is None or self.rooms.get(state.room.id) is not state:
            return
        head = max(state.pending, default=0)
        if head <= state.last_seq:
            head = await service.head(self.ctx, state.room.id)
        rows = await service.missing(self.ctx, state.room.id, state.last_seq + 1, head)
        state.gap_task = None
        for msg, handle in rows:
            if state.last_seq is not None and msg.seq == state.last_seq + 1:
                state.last_seq = msg.seq
                state.pending.pop(msg.seq, None)
                self._fanout(state, message_event(msg, handle, state.room.slug))
        self._drain(state)

    def _fanout(self, state: RoomState, event: dict[str, Any]) -> None:
        started = time.perf_counter()
        room_id = state.room.id
        seq = int(event["seq"])
        frame = dumps(frame_of_event(event))
        decide = self.decide
        view = self._view(event)
        if decide is None or view is None:
            Connection.deliver_all(list(state.members), room_id, seq, frame)
        else:
            cache: dict[tuple[str, ...], str] = {}
            plain: list[Connection] = []
            keep = plain.append
            for conn in list(state.members):
                # The common case, no rules or nothing that applies: delivered below in one batch.
                if not conn.filtered or (verdict := decide(conn, view)) is DELIVER:
                    keep(conn)
                    continue
                chosen = frame_of_verdict(verdict, event, frame, cache)
                if chosen is not None:
                    conn.deliver(room_id, seq, chosen)
            Connection.deliver_all(plain, room_id, seq, frame)
        if self.metrics is not None:
            self.metrics.fanout_latency.observe(time.perf_counter() - started)

    def _view(self, event: dict[str, Any]) -> MessageView | None:
        """What every recipient's decision looks at; built (and scanned) once per message."""
        if self.decide is None or event.get("type") != "message":
            return None
        words = self.scan(int(event["room_id"]), str(event.get("text", ""))) if self.scan is not None else frozenset()
        return MessageView(int(event["room_id"]), int(event["seq"]), int(event["author"]["id"]),
                           frozenset(event.get("topics") or ()), str(event.get("crisis_level", "none")), words)

