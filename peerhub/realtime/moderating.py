"""Moderation taking effect live on sockets: wires ``moderation.service`` into the hub.

Installed once per process by the app wiring (``install_moderation``):

- Upgrade: a site-banned person is closed with ``WS_FORBIDDEN`` (4403) right
  after authentication (``is_banned``), so a ban also stops reconnects.
- ``join``: a banned (site or room) or recently kicked person gets an error
  frame ``banned``/``kicked`` with ``until`` (``check_join``).
- ``joined`` carries the room's moderation state, ``moderation:
  {slow_mode_seconds, locked, pinned}`` (``on_joined``).
- ``facilitator_on_duty`` (``joined``, ``presence``, ``GET /api/rooms``) is
  true when a facilitator on duty covers the room (a site facilitator or
  admin anywhere, a scoped one in their rooms), present or not. Which rooms
  are covered is read with ``places_with_facilitator`` (one query for every
  room) at start and on every ``on_duty`` control event, and handed to
  presence (``Presence.covered``), so no request or join pays for it.
- ``user:<id>`` ``moderation`` events reach the person's sockets as they are
  (the hub's generic delivery); a room ``banned``/``kicked`` also takes that
  room off the person's sockets on this process, with ``left {room, reason,
  until}`` (sent just before the notice); re-joining is refused by ``check_join``.
- ``mod:room:<id>``: ``content_removed`` -> ``removed {room, seq}`` to every
  member; ``content_restored`` -> the ``message`` again with ``restored:
  true`` (through each member's trigger filters); ``room_controls``,
  ``pinned`` and ``unpinned`` -> forwarded to members with the room's slug.
  Other ``mod:*`` channels go to ``category_hooks`` (the forum's, via the
  wiring: realtime never imports forum).
- History (``staff_history``): staff who moderate the room see removed lines
  marked, with their text; members see ``removed`` frames.
- Staff sockets: ``do_heartbeat`` when they connect and on their pings, at
  most once per ``STAFF_HEARTBEAT_SECONDS`` per socket, so a connected
  facilitator's shift does not expire.

The event handlers are the hub's ``channel_hooks`` (``mod``, ``control``,
``user``): they run in the hub's dispatcher, in broker order, before the
hub's own handling; a failure is logged (channel kind only) and never stops
the event from reaching the hub. The few database reads they do (a removed
message's seq, coverage on a shift change) are on rare events.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from peerhub.accounts.service import Viewer
from peerhub.broker import Event
from peerhub.context import AppContext
from peerhub.db import is_unavailable
from peerhub.moderation.service import (
    Place,
    can_moderate,
    check_can_join,
    do_heartbeat,
    get_room_state,
    is_banned_site,
    places_with_facilitator,
)
from peerhub.realtime import store
from peerhub.realtime.connection import Connection
from peerhub.realtime.delivery import MessageView, frame_for
from peerhub.realtime.hub import Hub
from peerhub.realtime.models import Room
from peerhub.realtime.protocol import dumps, frame_of_event, iso, message_event
from peerhub.realtime.store import MessageRow

log = logging.getLogger("peerhub.realtime")

# A staff socket pings every HEARTBEAT_SECONDS (25 s); moderation writes a
# heartbeat at most every 30 s anyway, so reading the shift more often than
# this per socket would only cost database reads.
STAFF_HEARTBEAT_SECONDS = 30.0
_BEAT_KEY = "moderation_heartbeat"
_ROOM_EVENTS = frozenset({"room_controls", "pinned", "unpinned"})
_LEAVE_EVENTS = frozenset({"banned", "kicked"})

Handler = Callable[[str, Event], Awaitable[None]]
CategoryHook = Callable[[str, Event], Awaitable[None]]


async def is_banned(ctx: AppContext, user_id: int) -> bool:
    """Whether a site ban is active now (the socket upgrade refuses with 4403)."""
    async with ctx.db.read() as session:
        return await is_banned_site(session, user_id, ctx.clock.now())


async def check_join(ctx: AppContext, viewer: Viewer, room_id: int) -> None:
    """Raise ``Forbidden("banned" | "kicked", until=...)`` if the viewer may not enter."""
    async with ctx.db.read() as session:
        await check_can_join(session, viewer.id, Place("room", room_id), ctx.clock.now())


async def heartbeat(ctx: AppContext, hub: Hub, conn: Connection, *, force: bool = False) -> None:
    """A staff socket is alive (connected, or it pinged): keep the shift going.

    Members cost nothing; staff sockets read the shift at most once per
    ``STAFF_HEARTBEAT_SECONDS`` (``force``: on connect).
    """
    if not conn.viewer.is_staff:
        return
    now = ctx.clock.monotonic()
    last = conn.attrs.get(_BEAT_KEY)
    if not force and isinstance(last, float) and now - last < STAFF_HEARTBEAT_SECONDS:
        return
    conn.attrs[_BEAT_KEY] = now
    on = await do_heartbeat(ctx, conn.user_id)
    if on and conn.user_id not in hub.presence.on_duty:
        # A shift that started before this process did: learn it here.
        hub.presence.set_duty(conn.user_id, True)


async def staff_history(
    ctx: AppContext, viewer: Viewer, room: Room, rows: list[MessageRow], page: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A history page as ``viewer`` sees it: for staff who moderate the room,
    lines a facilitator removed come back with their text and ``removed: {at,
    by}``; everyone else keeps the ``removed`` frames. Members cost nothing."""
    kept = {m.seq: (m, h) for m, h in rows if m.removed_at is not None and m.text}
    if not viewer.is_staff or not kept:
        return page
    async with ctx.db.read() as session:
        if not await can_moderate(session, viewer, Place("room", room.id)):
            return page
    out: list[dict[str, Any]] = []
    for item in page:
        found = kept.get(int(item["seq"])) if item.get("type") == "removed" else None
        if found is not None:
            msg, handle = found
            assert msg.removed_at is not None
            item = {
                "type": "message", "room": room.slug, "seq": msg.seq, "id": msg.id,
                "author": {"id": msg.author_id, "handle": handle}, "text": msg.text, "ts": iso(msg.created_at),
                "removed": {"at": iso(msg.removed_at), "by": msg.removed_by},
            }
        out.append(item)
    return out


class LiveModeration:
    def __init__(self, ctx: AppContext, hub: Hub) -> None:
        self.ctx = ctx
        self.hub = hub
        self.category_hooks: list[CategoryHook] = []

    def install(self) -> None:
        hub = self.hub
        hub.on_connect.append(self.on_connect)
        hub.on_joined.append(self.on_joined)
        # In the dispatcher's order, so a removal never overtakes the message it removes.
        hub.channel_hooks.setdefault("mod", []).append(self._guarded(self.on_mod_event))
        hub.channel_hooks.setdefault("control", []).append(self._guarded(self.on_control))
        hub.channel_hooks.setdefault("user", []).append(self._guarded(self.on_user_event))

    async def start(self) -> None:
        """Load facilitator coverage. A database that is away at start-up is not
        fatal (the server starts, /readyz says why): coverage is loaded on
        the next ``on_duty`` event instead."""
        try:
            await self.refresh_coverage()
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            log.warning("facilitator coverage not loaded: database unavailable")

    @staticmethod
    def _guarded(handler: Handler) -> Handler:
        """A hub channel hook never raises: the hub's own handling must still run."""

        async def hook(channel: str, event: Event) -> None:
            try:
                await handler(channel, event)
            except Exception:
                log.exception("moderation event failed", extra={"fields": {"channel": channel.split(":")[0]}})

        return hook

    async def on_control(self, channel: str, event: Event) -> None:
        if event.get("type") == "on_duty":  # before the hub marks presence changed
            await self.refresh_coverage()

    async def on_user_event(self, channel: str, event: Event) -> None:
        if event.get("type") == "moderation" and event.get("event") in _LEAVE_EVENTS:
            await self.on_sanction(int(channel.partition(":")[2]), event)

    # -- facilitator coverage and heartbeats -----------------------------------

    async def refresh_coverage(self) -> None:
        """Re-read which rooms an on-duty facilitator covers (two queries for all rooms)."""
        async with self.ctx.db.read() as session:
            rooms = await store.list_rooms(session)
            covered = await places_with_facilitator(session, [Place("room", r.id) for r in rooms], self.ctx.clock.now())
        self.hub.presence.covered = {p.id for p in covered}

    async def on_connect(self, conn: Connection) -> None:
        await heartbeat(self.ctx, self.hub, conn, force=True)

    # -- joined ------------------------------------------------------------------

    async def on_joined(self, conn: Connection, room: Room, extra: dict[str, Any]) -> None:
        async with self.ctx.db.read() as session:
            state = await get_room_state(session, room.id)
        extra["moderation"] = state.to_json()

    # -- events --------------------------------------------------------------------

    async def on_sanction(self, user_id: int, event: Event) -> None:
        """A room ban or kick: take the room off the person's sockets here, with ``left``."""
        place = event.get("place")
        if not isinstance(place, dict) or place.get("kind") != "room":
            return
        room_id = int(place["id"])
        for conn in list(self.hub.by_user.get(user_id, ())):
            pos = conn.rooms.get(room_id)
            if pos is None:
                continue
            await self.hub.leave(conn, room_id)
            conn.push(dumps({"type": "left", "room": pos.slug, "reason": event["event"], "until": event.get("until")}))

    async def on_mod_event(self, channel: str, event: Event) -> None:
        _, kind, ident = channel.split(":", 2)
        if kind != "room":
            for hook in self.category_hooks:
                await hook(channel, event)
            return
        state = self.hub.rooms.get(int(ident))
        if state is None or not state.members:
            return
        name = event.get("event")
        raw_target = event.get("target")
        target: dict[str, Any] = raw_target if isinstance(raw_target, dict) else {}
        if name == "content_removed" and target.get("kind") == "message":
            async with self.ctx.db.read() as session:
                found = await store.get_message_seq(session, int(target["id"]))
            if found is not None:
                frame = dumps({"type": "removed", "room": state.room.slug, "seq": found[1]})
                for conn in list(state.members):
                    conn.push(frame)
        elif name == "content_restored" and target.get("kind") == "message":
            await self._restored(state.room, int(target["id"]))
        elif name in _ROOM_EVENTS:
            frame = dumps(event | {"room": state.room.slug, "room_id": state.room.id})
            for conn in list(state.members):
                conn.push(frame)

    async def _restored(self, room: Room, message_id: int) -> None:
        async with self.ctx.db.read() as session:
            row = await store.get_message_row(session, message_id)
        if row is None or row[0].removed_at is not None:
            return
        msg, handle = row
        event = message_event(msg, handle, room.slug)
        hub = self.hub
        view = None
        if hub.decide is not None:
            words = hub.scan(room.id, msg.text) if hub.scan is not None else frozenset()
            view = MessageView(room.id, msg.seq, msg.author_id, frozenset(msg.topics or ()), msg.crisis_level, words)
        body = frame_of_event(event) | {"restored": True}
        frame = dumps(body)
        cache: dict[tuple[str, ...], str] = {}
        state = hub.rooms.get(room.id)
        for conn in list(state.members) if state is not None else []:
            chosen = frame_for(hub.decide, conn, view, body, frame, cache)
            if chosen is not None:
                conn.push(chosen)


def install_moderation(ctx: AppContext, hub: Hub) -> LiveModeration:
    """Turn on live moderation for this process's hub (call ``start`` in the lifespan)."""
    live = LiveModeration(ctx, hub)
    live.install()
    return live
