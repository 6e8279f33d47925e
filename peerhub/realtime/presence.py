"""Who is in a room, across processes, and which facilitators are on duty.

Each process knows its own sockets. It publishes a snapshot of a room's
local members (``_presence`` on ``room:<id>``) whenever that set changes and
every ``PRESENCE_REFRESH_SECONDS``; other processes keep the snapshots and
forget one after ``PRESENCE_EXPIRY_SECONDS`` without a refresh, so a crashed
process's users drop off. ``online`` is the union. ``joined`` frames carry
the full list; afterwards members get ``presence`` deltas (``joined``,
``left``, ``count``, ``facilitator_on_duty``), coalesced per room over
``PRESENCE_COALESCE_SECONDS`` so a busy room costs one small frame per
member per interval, not one full list per join (quadratic in room size).
Clients apply deltas as set operations (idempotent), so one delta serves
members who were told different things: the baseline per room is the union
of what any member was told (``joined`` lists included: ``for_joined``
records them), which the next delta's ``left`` covers, and the intersection,
which its ``joined`` covers.

On-duty facilitators: ``control`` events ``on_duty`` update ``on_duty`` on
every process; snapshots carry the flag too, so a process that started
later still learns it. ``facilitator_on_duty`` is also true for a room in
``covered``: one an on-duty facilitator watches by role or scope without
being in it (filled by the moderation wiring).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peerhub.realtime.protocol import (
    PRESENCE_COALESCE_SECONDS,
    PRESENCE_EXPIRY_SECONDS,
    PRESENCE_REFRESH_SECONDS,
    dumps,
    room_channel,
)

if TYPE_CHECKING:
    from peerhub.realtime.hub import Hub

User = dict[str, Any]  # {"id": int, "handle": str}


@dataclass
class _Told:
    """What a room's members were told: ``anyone`` is in at least one member's
    view, ``everyone`` in every member's view, ``duty`` the flags they hold."""

    anyone: dict[int, str]
    everyone: set[int]
    duty: set[bool]


class Presence:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.on_duty: set[int] = set()
        # Rooms a facilitator on duty covers by role or scope, present or not
        # (kept current by the moderation wiring, ``realtime.moderating``).
        self.covered: set[int] = set()
        # proc -> room_id -> (received at, [{"id", "handle", "duty"}])
        self._remote: dict[str, dict[int, tuple[float, list[dict[str, Any]]]]] = {}
        # What members were last told per room (by deltas and by ``joined`` lists),
        # and rooms with changes not yet sent (value: whether our own sockets
        # changed, so other processes need a snapshot).
        self._sent: dict[int, _Told] = {}
        self._dirty: dict[int, bool] = {}
        self._flusher: asyncio.Task[None] | None = None

    def _local(self, room_id: int) -> dict[int, str]:
        state = self.hub.rooms.get(room_id)
        if state is None:
            return {}
        return {conn.user_id: conn.viewer.handle for conn in state.members}

    def _union(self, room_id: int) -> tuple[dict[int, str], bool]:
        users = self._local(room_id)
        duty = room_id in self.covered or any(uid in self.on_duty for uid in users)
        now = time.monotonic()
        for rooms in self._remote.values():
            entry = rooms.get(room_id)
            if entry is None or now - entry[0] > PRESENCE_EXPIRY_SECONDS:
                continue
            for user in entry[1]:
                users[int(user["id"])] = str(user["handle"])
                duty = duty or bool(user.get("duty")) or int(user["id"]) in self.on_duty
        return users, duty

    def online(self, room_id: int) -> list[User]:
        users, _ = self._union(room_id)
        return [{"id": uid, "handle": handle} for uid, handle in sorted(users.items(), key=lambda u: u[1].lower())]

    def facilitator_on_duty(self, room_id: int) -> bool:
        return self._union(room_id)[1]

    def for_joined(self, room_id: int) -> tuple[list[User], bool]:
        """``online`` and ``facilitator_on_duty`` for a ``joined`` frame, recorded
        as told, so the next delta corrects it (someone in this list who leaves
        before the next flush is in that delta's ``left``)."""
        users, duty = self._union(room_id)
        told = self._sent.get(room_id)
        if told is None:
            self._sent[room_id] = _Told(dict(users), set(users), {duty})
        else:
            told.anyone.update(users)
            told.everyone &= users.keys()
            told.duty.add(duty)
        return [{"id": uid, "handle": h} for uid, h in sorted(users.items(), key=lambda u: u[1].lower())], duty

    def changed(self, room_id: int, *, publish: bool = True) -> None:
        """Note that a room's presence may have changed. Changes are coalesced
        for ``PRESENCE_COALESCE_SECONDS``, then members get one delta frame and,
        if our own sockets changed, the other processes get our snapshot."""
        self._dirty[room_id] = self._dirty.get(room_id, False) or publish
        if self._flusher is None or self._flusher.done():
            self._flusher = self.hub._spawn(self._flush_later())

    async def _flush_later(self) -> None:
        await asyncio.sleep(PRESENCE_COALESCE_SECONDS)
        self.flush()

    def flush(self) -> None:
        dirty, self._dirty = self._dirty, {}
        for room_id, publish in dirty.items():
            if publish:
                self._publish(room_id)
            state = self.hub.rooms.get(room_id)
            if state is None:
                self._sent.pop(room_id, None)
                continue
            users, duty = self._union(room_id)
            told = self._sent.get(room_id) or _Told({}, set(), set())
            came = [{"id": uid, "handle": h} for uid, h in users.items() if uid not in told.everyone]
            went = [uid for uid in told.anyone if uid not in users]
            if not came and not went and told.duty == {duty}:
                continue
            self._sent[room_id] = _Told(dict(users), set(users), {duty})
            frame = dumps({"type": "presence", "room": state.room.slug, "joined": came, "left": went,
                           "count": len(users), "facilitator_on_duty": duty})
            for conn in list(state.members):
                conn.push(frame)

    def _snapshot(self, room_id: int) -> dict[str, Any]:
        return {
            "type": "_presence", "proc": self.hub.proc, "room_id": room_id,
            "users": [{"id": uid, "handle": h, "duty": uid in self.on_duty} for uid, h in self._local(room_id).items()],
        }

    def _publish(self, room_id: int) -> None:
        self.hub._spawn(self.hub.ctx.broker.publish(room_channel(room_id), self._snapshot(room_id)))

    def publish_all(self) -> None:
        for room_id in list(self.hub.rooms):
            self._publish(room_id)

    def remote(self, event: dict[str, Any]) -> None:
        proc = str(event.get("proc"))
        if proc == self.hub.proc:
            return
        room_id = int(event["room_id"])
        users = list(event.get("users") or [])
        rooms = self._remote.setdefault(proc, {})
        if users:
            rooms[room_id] = (time.monotonic(), users)
        else:
            rooms.pop(room_id, None)
        self.changed(room_id, publish=False)

    def set_duty(self, user_id: int, on: bool) -> None:
        if on:
            self.on_duty.add(user_id)
        else:
            self.on_duty.discard(user_id)
        for room_id in list(self.hub.rooms):
            self.changed(room_id, publish=any(c.user_id == user_id for c in self.hub.rooms[room_id].members))

    async def refresh_loop(self) -> None:
        while True:
            await asyncio.sleep(PRESENCE_REFRESH_SECONDS)
            now = time.monotonic()
            for proc in list(self._remote):
                rooms = self._remote[proc]
                for room_id in [r for r, (at, _) in rooms.items() if now - at > PRESENCE_EXPIRY_SECONDS]:
                    del rooms[room_id]
                if not rooms:
                    del self._remote[proc]
            for room_id in list(self.hub.rooms):
                self.changed(room_id)
