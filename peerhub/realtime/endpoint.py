"""``/ws``: the chat socket. Thin: authenticate, parse frames, call the hub or service.

The upgrade is checked before it is accepted:

- a foreign ``Origin`` (not our own origin, not in ``PEERHUB_ALLOWED_ORIGINS``)
  is refused *before* the handshake completes, with an HTTP 403 denial
  response (``origin_forbidden``): a cross-site page never gets a socket;
- no session cookie or a dead session: the socket is accepted and closed at
  once with 4401, so a browser (which cannot read a refused handshake's
  status) knows to log in again instead of retrying;
- a site-banned person: accepted and closed at once with 4403 (``banned``).

Then a reader task and a writer task run in one task group, joined by the
connection's bounded outbox; when either ends the other is cancelled, and
the socket is closed with the code the connection recorded (every code is
in docs/protocol.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import Message
from starlette.websockets import WebSocket

from peerhub.accounts.service import Viewer, authenticate
from peerhub.context import AppContext
from peerhub.db import is_unavailable
from peerhub.errors import (
    WS_FORBIDDEN,
    WS_GOING_AWAY,
    WS_POLICY,
    WS_SERVER_ERROR,
    WS_SLOW_CONSUMER,
    WS_TOO_BIG,
    WS_TRY_AGAIN,
    WS_UNAUTHENTICATED,
    PeerhubError,
    RateLimited,
    Unavailable,
)
from peerhub.http import SESSION_COOKIE
from peerhub.middleware import origin_allowed
from peerhub.moderation import confidentiality
from peerhub.realtime import moderating, service
from peerhub.realtime.connection import Connection
from peerhub.realtime.hub import Hub, RoomState
from peerhub.realtime.protocol import (
    CLOSE_TIMEOUT_SECONDS,
    HEARTBEAT_SECONDS,
    IDLE_TIMEOUT_SECONDS,
    MAX_BURST_FRAMES,
    MAX_CLIENT_MSG_ID,
    MAX_FRAME_BYTES,
    PROTOCOL_VERSION,
    TYPING_INTERVAL_SECONDS,
    dumps,
    error_frame,
    room_channel,
)
from peerhub.realtime.wire import direct_writer, server_send

log = logging.getLogger("peerhub.realtime")
PONG = dumps({"type": "pong"})


def ready_message(receive: Callable[[], Awaitable[Message]]) -> Message | None:
    """The next ASGI message if one is already waiting, else None, never waiting.

    The receive is started and, if it does not complete at once, closed at the
    point where it would wait. That takes nothing on uvicorn's sansio protocol:
    its ``receive`` is Starlette's state check around ``await queue.get()``,
    and an ``asyncio.Queue.get`` closed while waiting removes its waiter and
    takes no item (tests/test_realtime_burst.py)."""
    coro = receive()
    assert isinstance(coro, Coroutine)
    try:
        coro.send(None)
    except StopIteration as done:
        message: Message = done.value
        return message
    coro.close()
    return None


@dataclass(frozen=True)
class _Refusal:
    """Why a frame is refused before any work: the error frame's code, message
    and fields; ``counts`` toward the bad-frame limit (a malformed frame does,
    a send to a room not joined yet does not)."""

    code: str
    message: str
    extra: dict[str, Any] = field(default_factory=dict)
    counts: bool = True


class _Abuse(Exception):
    """Too many bad frames: close with 1008."""


class Session:
    """One socket's reader side: frame parsing and dispatch."""

    def __init__(self, ctx: AppContext, hub: Hub, conn: Connection) -> None:
        self.ctx = ctx
        self.hub = hub
        self.conn = conn

    def bad(self, code: str, message: str, **extra: Any) -> None:
        self.conn.push(error_frame(code, message, **extra))
        if self.hub.bad_frames.take(f"c{self.conn.id}") > 0:
            raise _Abuse()

    async def handle(self, text: str) -> None:
        if len(text) > MAX_FRAME_BYTES or len(text.encode()) > MAX_FRAME_BYTES:
            self.conn.close(WS_TOO_BIG, "frame too big")
            return
        try:
            frame = json.loads(text)
        except (ValueError, RecursionError):  # nesting past the recursion limit is malformed too
            self.bad("malformed_json", "That frame is not valid JSON.")
            return
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            self.bad("invalid_frame", "A frame must be a JSON object with a 'type'.")
            return
        kind = frame["type"]
        handler = getattr(self, "on_" + kind, None) if kind.isidentifier() else None
        if handler is None:
            self.bad("unknown_type", "Unknown frame type.")
            return
        ref = frame.get("client_msg_id") if isinstance(frame.get("client_msg_id"), str) else None
        try:
            await handler(frame)
        except _Abuse:
            raise
        except _Skip:
            return
        except Exception as exc:
            self.answer_error(exc, kind, ref, frame.get("room"))

    def answer_error(self, exc: Exception, kind: str, ref: str | None, room: object) -> None:
        """The error frame for what handling a frame raised (internals never leak)."""
        if isinstance(exc, PeerhubError):
            extra = dict(exc.extra)
            if ref is not None:
                extra["ref"] = ref
            if "room" not in extra and isinstance(room, str):
                extra["room"] = room
            self.conn.push(error_frame(exc.code, exc.message, **extra))
            return
        if is_unavailable(exc):  # the database is away: retryable, like HTTP's 503
            log.warning("ws frame failed: database unavailable", extra={"fields": {"type": kind}})
            self.conn.push(error_frame(Unavailable.default_code, Unavailable.default_message, retryable=True,
                                       **({"ref": ref} if ref else {})))
            return
        log.error("ws frame failed", exc_info=exc, extra={"fields": {"type": kind}})
        self.conn.push(error_frame("internal_error", "Something went wrong on our side. Please try again.",
                                   **({"ref": ref} if ref else {})))

    async def handle_burst(self, texts: list[str]) -> None:
        """Frames that arrived together, answered exactly as ``handle`` would one
        by one, in order; runs of consecutive sends to one room that pass the
        frame checks and the send limit are stored together
        (``service.do_send_many``), and answered in order."""
        run: list[service.SendRequest] = []
        run_state: RoomState | None = None
        for text in texts:
            args = self._plain_send(text)
            wait = self.hub.sends.take(f"u{self.conn.user_id}") if args is not None else 0.0
            accepted = args if args is not None and wait <= 0 else None
            if run_state is not None and (accepted is None or accepted[0] is not run_state):
                await self._send_run(run_state, run)
                run, run_state = [], None
            if self.conn.closing is not None:
                return
            if accepted is not None:
                run_state = accepted[0]
                run.append(accepted[1])
            elif args is not None:  # over the send limit: answered as on_send answers it
                self.answer_error(RateLimited(wait), "send", args[1].client_msg_id, args[0].room.slug)
            else:
                await self.handle(text)
        if run_state is not None and self.conn.closing is None:
            await self._send_run(run_state, run)

    def _plain_send(self, text: str) -> tuple[RoomState, service.SendRequest] | None:
        """A well-formed ``send`` to a joined room, read without answering
        anything (``handle`` answers everything else)."""
        if len(text) > MAX_FRAME_BYTES // 4 and len(text.encode()) > MAX_FRAME_BYTES:
            return None
        try:
            frame = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(frame, dict) or frame.get("type") != "send":
            return None
        checked = self._check_send(frame)
        return None if isinstance(checked, _Refusal) else checked

    async def _send_run(self, state: RoomState, requests: list[service.SendRequest]) -> None:
        slug = state.room.slug
        try:
            outcomes = await service.do_send_many(self.ctx, self.conn.viewer, state.room, requests,
                                                  hooks=self.hub.after_message_stored)
        except Exception as exc:
            outcomes = [exc] * len(requests)
        for request, outcome in zip(requests, outcomes, strict=True):
            if isinstance(outcome, Exception):
                self.answer_error(outcome, "send", request.client_msg_id, slug)
                continue
            if not outcome.duplicate and self.hub.metrics is not None:
                self.hub.metrics.messages.inc()
            self.conn.push(dumps({"type": "ack", "client_msg_id": request.client_msg_id, "room": slug,
                                  "seq": outcome.message.seq}))

    def _room_arg(self, frame: dict[str, Any]) -> str:
        room = frame.get("room")
        if not isinstance(room, str) or not room or len(room) > 64:
            self.bad("invalid_frame", "'room' must be a room name.")
            raise _Skip()
        return room

    async def on_ping(self, frame: dict[str, Any]) -> None:
        self.conn.push(PONG)
        # HOOK (moderation): a facilitator's pings keep their shift alive (throttled; members: nothing).
        await moderating.heartbeat(self.ctx, self.hub, self.conn)

    async def on_join(self, frame: dict[str, Any]) -> None:
        slug = self._room_arg(frame)
        since = frame.get("since")
        if since is not None and (not isinstance(since, int) or isinstance(since, bool) or since < 0):
            self.bad("invalid_frame", "'since' must be a whole number.")
            return
        room = await service.access_room(self.ctx, slug)
        # HOOK (confidentiality): a room may require its agreement accepted first.
        await confidentiality.check_room_agreement(self.ctx, self.conn.viewer, room.id)
        # HOOK (moderation): a banned or recently kicked person is refused (error banned/kicked, until).
        await moderating.check_join(self.ctx, self.conn.viewer, room.id)
        await self.hub.join(self.conn, room, since)

    async def on_leave(self, frame: dict[str, Any]) -> None:
        slug = self._room_arg(frame)
        state = self.hub.room_of(self.conn, slug)
        if state is not None:
            await self.hub.leave(self.conn, state.room.id)

    async def on_send(self, frame: dict[str, Any]) -> None:
        checked = self._check_send(frame)
        if isinstance(checked, _Refusal):
            if checked.counts:
                self.bad(checked.code, checked.message, **checked.extra)
            else:
                self.conn.push(error_frame(checked.code, checked.message, **checked.extra))
            return
        state, request = checked
        wait = self.hub.sends.take(f"u{self.conn.user_id}")
        if wait > 0:
            raise RateLimited(wait)
        await self._send_run(state, [request])

    def _check_send(self, frame: dict[str, Any]) -> tuple[RoomState, service.SendRequest] | _Refusal:
        """A ``send`` frame's arguments and joined room, or what is wrong with it (nothing is answered here)."""
        slug, cid, text = frame.get("room"), frame.get("client_msg_id"), frame.get("text")
        confirm = frame.get("confirm", False)
        if not isinstance(slug, str) or not slug or len(slug) > 64:
            return _Refusal("invalid_frame", "'room' must be a room name.")
        if not isinstance(cid, str) or not 1 <= len(cid) <= MAX_CLIENT_MSG_ID:
            return _Refusal("invalid_frame", f"'client_msg_id' must be 1-{MAX_CLIENT_MSG_ID} characters.")
        if not isinstance(text, str) or not isinstance(confirm, bool):
            return _Refusal("invalid_frame", "'text' must be a string and 'confirm' true or false.", {"ref": cid})
        state = self.hub.room_of(self.conn, slug)
        if state is None:
            return _Refusal("not_joined", "Join the room before sending to it.", {"ref": cid, "room": slug},
                            counts=False)
        return state, service.SendRequest(cid, text, confirm)

    async def on_typing(self, frame: dict[str, Any]) -> None:
        slug = self._room_arg(frame)
        state = self.hub.room_of(self.conn, slug)
        if state is None:
            self.conn.push(error_frame("not_joined", "Join the room first.", room=slug))
            return
        pos = self.conn.rooms[state.room.id]
        now = self.ctx.clock.monotonic()
        if now - pos.last_typing < TYPING_INTERVAL_SECONDS:
            return
        pos.last_typing = now
        viewer = self.conn.viewer
        await self.ctx.broker.publish(room_channel(state.room.id), {
            "type": "typing", "room": slug, "room_id": state.room.id,
            "user": {"id": viewer.id, "handle": viewer.handle},
        })

    def _thread_arg(self, frame: dict[str, Any]) -> int:
        thread_id = frame.get("thread_id")
        if not isinstance(thread_id, int) or isinstance(thread_id, bool) or thread_id <= 0:
            self.bad("invalid_frame", "'thread_id' must be a positive whole number.")
            raise _Skip()
        return thread_id

    async def on_watch_thread(self, frame: dict[str, Any]) -> None:
        self.hub.watch(self.conn, self._thread_arg(frame))

    async def on_unwatch_thread(self, frame: dict[str, Any]) -> None:
        self.hub.unwatch(self.conn, self._thread_arg(frame))


class _Skip(PeerhubError):
    """An argument was bad and already answered; nothing more to say."""


async def ws_endpoint(websocket: WebSocket) -> None:
    ctx: AppContext = websocket.app.state.ctx
    hub: Hub = websocket.app.state.hub
    if not origin_allowed(websocket.scope, websocket.headers, ctx.settings):
        await websocket.send_denial_response(JSONResponse(
            {"error": {"code": "origin_forbidden", "message": "Connections from that site are not allowed."}},
            status_code=403,
        ))
        return
    try:
        viewer = await authenticate(ctx, websocket.cookies.get(SESSION_COOKIE))
        # HOOK (moderation): a site ban refuses the socket (and so every reconnect).
        banned = viewer is not None and await moderating.is_banned(ctx, viewer.id)
    except Exception as exc:
        if not is_unavailable(exc):
            raise
        await websocket.accept()  # a browser cannot read a refused handshake: close with 1013 (try again)
        await websocket.close(WS_TRY_AGAIN, "database unavailable")
        return
    await websocket.accept()
    if viewer is None:
        await websocket.close(WS_UNAUTHENTICATED, "not authenticated")
        return
    if banned:
        await websocket.close(WS_FORBIDDEN, "banned")
        return
    await run_socket(websocket, ctx, hub, viewer)


async def run_socket(websocket: WebSocket, ctx: AppContext, hub: Hub, viewer: Viewer) -> None:
    # The server's ASGI send, past Starlette's per-frame state checks and send
    # wrappers; and, on uvicorn's sansio protocol, a direct transport write.
    raw_send = server_send(websocket)
    direct = direct_writer(raw_send)
    disconnected = False

    async def send_text(frame: str) -> None:
        nonlocal disconnected
        try:
            await raw_send({"type": "websocket.send", "text": frame})
        except Exception:  # the peer went away mid-write (uvicorn raises ClientDisconnected)
            disconnected = True
            conn.close(WS_GOING_AWAY, "disconnected")

    conn = Connection(viewer, send_text, direct)
    session = Session(ctx, hub, conn)

    async def reader() -> None:
        nonlocal disconnected
        receive = websocket.receive
        pending: Message | None = None
        while conn.closing is None:
            if pending is not None:
                message, pending = pending, None
            else:
                try:
                    async with asyncio.timeout(IDLE_TIMEOUT_SECONDS):
                        message = await receive()
                except TimeoutError:
                    conn.close(WS_GOING_AWAY, "idle")
                    return
            if message["type"] == "websocket.disconnect":
                disconnected = True
                conn.close(int(message.get("code") or 1000), "disconnected")
                return
            text = message.get("text")
            if text is None:
                try:
                    session.bad("invalid_frame", "Only JSON text frames are supported.")
                except _Abuse:
                    conn.close(WS_POLICY, "too many bad frames")
                continue
            if hub.drain.active:
                continue  # restarting: no new work (a resent send is stored once)
            # Frames already waiting behind this one are handled with it, so a
            # burst of sends is stored in one transaction (on uvicorn's sansio
            # protocol only, whose receive is known to take nothing unless it
            # completes at once: see ready_message).
            texts = [text]
            after: Message | None = None
            while direct is not None and len(texts) < MAX_BURST_FRAMES:
                waiting = ready_message(receive)
                if waiting is None:
                    break
                if waiting["type"] != "websocket.receive" or waiting.get("text") is None:
                    after = waiting  # a disconnect or a binary frame: after the burst, as received
                    break
                texts.append(waiting["text"])
            with hub.drain.working():
                try:
                    if len(texts) == 1:
                        await session.handle(text)
                    else:
                        await session.handle_burst(texts)
                except _Abuse:
                    conn.close(WS_POLICY, "too many bad frames")
            if after is not None:
                pending = after

    await hub.add(conn)
    conn.push(dumps({"type": "hello", "user": {"id": viewer.id, "handle": viewer.handle, "role": str(viewer.role)},
                     "protocol": PROTOCOL_VERSION, "heartbeat": HEARTBEAT_SECONDS}))
    code, reason = WS_SERVER_ERROR, "server error"
    try:
        async with asyncio.TaskGroup() as group:
            read_task = group.create_task(reader())
            write_task = group.create_task(conn.write_loop())
            read_task.add_done_callback(lambda _: conn.close(WS_GOING_AWAY, "reader ended"))
            write_task.add_done_callback(lambda _: read_task.cancel())
        code, reason = write_task.result()
        if code == WS_SLOW_CONSUMER and hub.metrics is not None:
            hub.metrics.slow_consumers.inc()
    except* Exception:
        log.exception("ws connection failed")
    finally:
        await hub.remove(conn)
    if not disconnected:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CLOSE_TIMEOUT_SECONDS):
                await websocket.close(code, reason)
