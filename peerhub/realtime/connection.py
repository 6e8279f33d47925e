"""One socket's server-side state: the bounded outbox and per-room positions.

``Connection`` knows nothing about Starlette: the endpoint hands it a
``send_text`` coroutine and runs ``write_loop`` as the writer task. Frames
are pushed synchronously by the hub (never awaited per recipient), so one
slow socket cannot slow a room: when its outbox passes ``MAX_OUTBOX_FRAMES``
or ``MAX_OUTBOX_BYTES`` the outbox is dropped and the socket is closed with
``WS_SLOW_CONSUMER`` (4408); the client resumes with ``join {since}``.

Per room the connection remembers the last ``seq`` it queued and drops
anything at or below it, which is what makes replay + live free of
duplicates. While a ``join`` replays from the database the room is
*buffering*: live frames are held (bounded) and flushed after the replay.

Writes are eager: ``push`` first offers the frame to the socket's
``DirectWriter`` (when the endpoint supplies one: a synchronous write straight
to the transport that returns False when it cannot write at once; see
``realtime.wire``), else
starts the send coroutine itself and, if it completes without suspending
(the usual case), fan-out costs no task switch per recipient; a send that
suspends is handed to the writer task, which drives it the way a Task would
(see ``_finish_stuck``). Either way only when nothing is queued or in flight,
so frames keep their order.

``attrs`` is free space for extensions (e.g. the trigger-filter work keeps the
recipient's compiled filter there, loaded once per socket by an on_connect hook).
An extension whose ``hub.decide`` may not simply deliver to this socket sets
``filtered``; fan-out asks ``decide`` only for those.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections import deque
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from typing import Any

from peerhub.accounts.service import Viewer
from peerhub.errors import WS_SLOW_CONSUMER
from peerhub.realtime.protocol import MAX_OUTBOX_BYTES, MAX_OUTBOX_FRAMES
from peerhub.realtime.wire import DirectWriter, write_each

_ids = itertools.count(1)


def _step(coro: Coroutine[Any, Any, None]) -> tuple[bool, Any]:
    """Run ``coro`` until it finishes (True) or suspends on something (False, what it waits on)."""
    try:
        waiting = coro.send(None)
    except StopIteration:
        return True, None
    if hasattr(waiting, "_asyncio_future_blocking"):
        # What a Task does with a yielded future; awaiting it again needs this reset.
        waiting._asyncio_future_blocking = False
    return False, waiting


@dataclass
class RoomPosition:
    room_id: int
    slug: str
    last_seq: int = 0
    # Live frames held while a join replays from the database; None when live.
    buffer: list[tuple[int, str]] | None = None
    last_typing: float = field(default=-1e9)


class Connection:
    """A member's socket as the hub sees it."""

    __slots__ = ("_direct", "_drained", "_send", "_sending", "_stuck", "_wake", "_writer", "attrs", "closing", "filtered", "id", "out", "out_bytes", "rooms", "threads", "viewer")

    def __init__(self, viewer: Viewer, send_text: Callable[[str], Coroutine[Any, Any, None]],
                 direct: DirectWriter | None = None) -> None:
        self.id = next(_ids)
        self.viewer = viewer
        self._send = send_text
        self._direct = direct
        self.out: deque[str] = deque()
        self.out_bytes = 0
        self._wake = asyncio.Event()
        self._drained = asyncio.Event()
        self.closing: tuple[int, str] | None = None
        self._writer: asyncio.Task[object] | None = None
        self._sending = False
        # A send started by push() that suspended: (coroutine, what it waits on).
        self._stuck: tuple[Coroutine[Any, Any, None], Any] | None = None
        self.rooms: dict[int, RoomPosition] = {}
        self.threads: set[int] = set()
        self.attrs: dict[str, Any] = {}
        self.filtered = False

    @property
    def user_id(self) -> int:
        return self.viewer.id

    def push(self, frame: str) -> None:
        """Send or queue a frame (never blocks). Overflow closes the socket with 4408.

        Fast path: when nothing is queued and the writer is idle, the send
        coroutine is started right here; writing to a socket that can take the
        bytes never suspends, so it completes synchronously and fan-out costs
        no task switch per recipient. If it does suspend (the peer's buffer is
        full), the writer task takes the half-done send over and later frames
        queue behind it, so order is kept."""
        if self.closing is not None:
            return
        out = self.out
        if not out and self._stuck is None and not self._sending:
            direct = self._direct
            if direct is not None and direct(frame):
                return
            coro = self._send(frame)
            done, waiting = _step(coro)
            if done:
                return
            self._stuck = (coro, waiting)
            self._wake.set()
            return
        out.append(frame)
        self.out_bytes += len(frame)
        if len(out) > MAX_OUTBOX_FRAMES or self.out_bytes > MAX_OUTBOX_BYTES:
            self.close(WS_SLOW_CONSUMER, "too slow: resume with since")
            return
        self._wake.set()

    def deliver(self, room_id: int, seq: int, frame: str) -> None:
        """Queue a room frame numbered ``seq`` unless already queued (or not joined)."""
        pos = self.rooms.get(room_id)
        if pos is None:
            return
        if pos.buffer is not None:
            pos.buffer.append((seq, frame))
            if len(pos.buffer) > MAX_OUTBOX_FRAMES:
                self.close(WS_SLOW_CONSUMER, "too slow: resume with since")
            return
        if seq <= pos.last_seq:
            return
        pos.last_seq = seq
        self.push(frame)

    @staticmethod
    def deliver_all(conns: Iterable[Connection], room_id: int, seq: int, frame: str) -> None:
        """``conn.deliver(room_id, seq, frame)`` for every connection: fan-out's
        hot path. Live sockets with nothing queued or in flight and a direct
        writer are collected and written in one ``write_each`` loop (one
        encoding of the frame, no call per recipient); every other case, and a
        direct write that declines, takes ``deliver`` / ``push`` exactly as
        before, so order, dedup by seq, buffering during a join and the
        slow-consumer limits are unchanged."""
        ready: list[Connection] = []
        writers: list[DirectWriter] = []
        for conn in conns:
            pos = conn.rooms.get(room_id)
            if pos is None:
                continue
            writer = conn._direct
            if (pos.buffer is not None or writer is None or conn.closing is not None or conn.out
                    or conn._stuck is not None or conn._sending):
                conn.deliver(room_id, seq, frame)
                continue
            if seq <= pos.last_seq:
                continue
            pos.last_seq = seq
            ready.append(conn)
            writers.append(writer)
        if writers:
            for index in write_each(writers, frame):
                ready[index].push(frame)

    def go_live(self, room_id: int) -> None:
        """End a join's buffering: flush held frames newer than the replay."""
        pos = self.rooms.get(room_id)
        if pos is None or pos.buffer is None:
            return
        held, pos.buffer = pos.buffer, None
        for seq, frame in sorted(held, key=lambda item: item[0]):
            self.deliver(room_id, seq, frame)

    def close(self, code: int, reason: str = "") -> None:
        """Ask the writer to close the socket with ``code`` (first request wins)."""
        if self.closing is None:
            self.closing = (code, reason)
            self.out.clear()
            self.out_bytes = 0
            writer = self._writer
            if self._sending and writer is not None and writer is not asyncio.current_task():
                # The writer is stuck on a peer that stopped reading: stop waiting.
                writer.cancel()
        self._wake.set()

    async def write_loop(self) -> tuple[int, str]:
        """The writer task: drain the outbox in order until asked to close;
        returns the close code and reason."""
        out = self.out
        send = self._send
        wake = self._wake
        self._writer = asyncio.current_task()
        while True:
            await wake.wait()
            wake.clear()
            if self._stuck is not None:
                self._sending = True
                try:
                    await self._finish_stuck()
                except asyncio.CancelledError:
                    if self.closing is None or self._writer is None:
                        raise
                    self._writer.uncancel()
                finally:
                    self._sending = False
            while out:
                if self.closing is not None:
                    break
                frame = out.popleft()
                self.out_bytes -= len(frame)
                self._sending = True
                try:
                    await send(frame)
                except asyncio.CancelledError:
                    if self.closing is None or self._writer is None:
                        raise
                    self._writer.uncancel()
                    break
                finally:
                    self._sending = False
            if self.closing is not None:
                self._drained.set()
                return self.closing
            self._drained.set()

    async def _finish_stuck(self) -> None:
        """Drive a send that push() started and that suspended, as a Task would:
        wait for what it waits on, then resume it, until it finishes."""
        assert self._stuck is not None
        coro, waiting = self._stuck
        try:
            while True:
                if waiting is None:
                    await asyncio.sleep(0)
                else:
                    with contextlib.suppress(Exception):
                        await waiting
                done, waiting = _step(coro)
                if done:
                    return
        finally:
            self._stuck = None
            coro.close()

    async def drained(self) -> None:
        """Wait until the writer has emptied the outbox (or the socket is closing)."""
        while self.out and self.closing is None:
            self._drained.clear()
            await self._drained.wait()
