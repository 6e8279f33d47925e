"""Who is in a room, across processes, and which facilitators are on duty.

Each process knows its own sockets. It publishes a snapshot of a room's
local members (``_presence`` on ``room:<id>``) whenever that set changes and
every ``PRESENCE_REFRESH_SECONDS``; other processes keep the snapshots and
forget one after ``PRESENCE_EXPIRY_SECONDS`` without a refresh, so a crashed
process's users drop off. ``online`` is the union. Members get a ``presence``
frame whenever the union (or whether a facilitator is on duty) changes.

On-duty facilitators: ``control`` events ``on_duty`` update ``on_duty`` on
every process; snapshots carry the flag too, so a process that started
later still learns it.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from peerhub.realtime.protocol import PRESENCE_EXPIRY_SECONDS, PRESENCE_REFRESH_SECONDS, dumps, room_channel

if TYPE_CHECKING:
    from peerhub.realtime.hub import Hub

User = dict[str, Any]  # {"id": int, "handle": str}


class Presence:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.on_duty: set[int] = set()
        # proc -> room_id -> (received at, [{"id", "handle", "duty"}])
        self._remote: dict[str, dict[int, tuple[float, list[dict[str, Any]]]]] = {}
        self._last: dict[int, tuple[tuple[int, ...], bool]] = {}

    def _local(self, room_id: int) -> dict[int, str]:
        state = self.hub.rooms.get(room_id)
        if state is None:
            return {}
        return {conn.user_id: conn.viewer.handle for conn in state.members}

    def _union(self, room_id: int) -> tuple[dict[int, str], bool]:
        users = self._local(room_id)
        duty = any(uid in self.on_duty for uid in users)
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

    def changed(self, room_id: int, *, publish: bool = True) -> None:
        """Tell local members if the room's presence changed; share our snapshot."""
        users, duty = self._union(room_id)
        signature = (tuple(sorted(users)), duty)
        state = self.hub.rooms.get(room_id)
        if state is None:
            self._last.pop(room_id, None)
        elif self._last.get(room_id) != signature:
            self._last[room_id] = signature
            frame = dumps({
                "type": "presence", "room": state.room.slug,
                "online": [{"id": uid, "handle": h} for uid, h in sorted(users.items(), key=lambda u: u[1].lower())],
                "facilitator_on_duty": duty,
            })
            for conn in list(state.members):
                if conn.rooms.get(room_id) is not None:
                    conn.push(frame)
        if publish:
            self._publish(room_id)

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
