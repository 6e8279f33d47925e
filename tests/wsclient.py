"""A small async client for peerhub's ``/ws`` protocol, for tests.

    async with await WsClient.connect(live.ws_url, cookie=api.session_cookie) as ws:
        joined = await ws.join("lobby")                  # -> the `joined` frame
        ack = await ws.say("lobby", "hello")             # send + wait for its ack (or raise WsError)
        msg = await ws.expect("message", room="lobby")   # next unconsumed frame of that type/fields
        assert [m["seq"] for m in ws.messages("lobby")] == [1]

Every received frame is kept in ``frames`` (all, in order) and in an inbox
that ``expect`` consumes from, so waiting for one type never loses another.
``messages(room)`` is the room's message frames deduplicated by seq, in
order; ``last_seq(room)`` is what to pass as ``since`` when resuming. With
``auto_resync=True`` a ``resync`` frame makes the client re-join with
``since`` by itself, as a real client does. ``online(room)`` applies
``presence`` deltas to the ``joined`` list. ``close_code`` is set when the
server closes; ``await ws.closed()`` waits for it. Connection refused at the
handshake raises ``websockets.exceptions.InvalidStatus`` from ``connect``.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import websockets
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

DEFAULT_TIMEOUT = 10.0
Frame = dict[str, Any]


class WsError(AssertionError):
    """The server answered with an ``error`` frame where success was expected."""

    def __init__(self, frame: Frame) -> None:
        super().__init__(f"{frame.get('code')}: {frame.get('message')}")
        self.frame = frame
        self.code = frame.get("code")


def origin_of(ws_url: str) -> str:
    parts = urlsplit(ws_url)
    scheme = "https" if parts.scheme == "wss" else "http"
    return f"{scheme}://{parts.netloc}"


class WsClient:
    def __init__(self, conn: ClientConnection, *, auto_resync: bool = False) -> None:
        self.conn = conn
        self.auto_resync = auto_resync
        self.frames: list[Frame] = []
        self.inbox: list[Frame] = []
        self.close_code: int | None = None
        self.close_reason: str = ""
        self._seqs: dict[str, dict[int, Frame]] = {}
        self._online: dict[str, dict[int, str]] = {}
        self.on_duty: dict[str, bool] = {}
        self._new = asyncio.Condition()
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def connect(
        cls, ws_url: str, cookie: str | None = None, *, origin: str | None = "auto",
        auto_resync: bool = False, **kwargs: Any,
    ) -> WsClient:
        """Open ``/ws`` with the session cookie and our own Origin (``origin=None``
        sends none; any other string forges one)."""
        headers = {"Cookie": f"peerhub_session={cookie}"} if cookie else {}
        real_origin = origin_of(ws_url) if origin == "auto" else origin
        conn = await websockets.connect(
            ws_url, additional_headers=headers, origin=real_origin,  # type: ignore[arg-type]
            open_timeout=DEFAULT_TIMEOUT, compression=None, **kwargs,
        )
        return cls(conn, auto_resync=auto_resync)

    async def __aenter__(self) -> WsClient:
        return self

    async def __aexit__(self, *exc: object | TracebackType) -> None:
        await self.close()

    # -- receiving ---------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for raw in self.conn:
                frame = json.loads(raw)
                self.frames.append(frame)
                room = frame.get("room")
                if frame.get("type") in {"message", "removed"} and isinstance(room, str):
                    self._seqs.setdefault(room, {})[int(frame["seq"])] = frame
                self._track_presence(frame)
                if frame.get("type") == "resync" and self.auto_resync and isinstance(room, str):
                    await self.send_frame({"type": "join", "room": room, "since": self.last_seq(room)})
                async with self._new:
                    self.inbox.append(frame)
                    self._new.notify_all()
        except ConnectionClosed:
            pass
        finally:
            rcvd = self.conn.close_code
            self.close_code = rcvd if rcvd is not None else 1006
            self.close_reason = self.conn.close_reason or ""
            async with self._new:
                self._new.notify_all()

    def _track_presence(self, frame: Frame) -> None:
        room = frame.get("room")
        if not isinstance(room, str):
            return
        if frame.get("type") == "joined":
            self._online[room] = {int(u["id"]): str(u["handle"]) for u in frame["online"]}
            self.on_duty[room] = bool(frame["facilitator_on_duty"])
        elif frame.get("type") == "presence":
            online = self._online.setdefault(room, {})
            for user in frame.get("joined", []):
                online[int(user["id"])] = str(user["handle"])
            for user_id in frame.get("left", []):
                online.pop(int(user_id), None)
            self.on_duty[room] = bool(frame["facilitator_on_duty"])

    def online(self, room: str) -> list[str]:
        """Handles in ``room`` now: the ``joined`` list with ``presence`` deltas applied."""
        return sorted(self._online.get(room, {}).values())

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until ``predicate()`` holds (re-checked on every frame and on close)."""
        async with asyncio.timeout(timeout), self._new:
            while not predicate():
                if self.close_code is not None and not predicate():
                    raise ConnectionError(f"socket closed with {self.close_code} while waiting")
                await self._new.wait()

    async def expect(self, type: str, *, timeout: float = DEFAULT_TIMEOUT,
                     where: Callable[[Frame], bool] | None = None, **match: Any) -> Frame:
        """Consume and return the first unconsumed frame of ``type`` whose fields
        equal ``match`` (and for which ``where(frame)`` holds, if given)."""
        found: list[Frame] = []

        def pick() -> bool:
            for i, frame in enumerate(self.inbox):
                if (frame.get("type") == type and all(frame.get(k) == v for k, v in match.items())
                        and (where is None or where(frame))):
                    found.append(self.inbox.pop(i))
                    return True
            return False

        try:
            await self.wait_for(pick, timeout)
        except TimeoutError:
            seen = [f.get("type") for f in self.inbox][-20:]
            raise TimeoutError(f"no {type} frame matching {match} within {timeout}s; inbox has {seen}") from None
        return found[0]

    async def closed(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the server to close the socket; returns the close code."""
        async with asyncio.timeout(timeout):
            await asyncio.shield(self._reader)
        assert self.close_code is not None
        return self.close_code

    def messages(self, room: str) -> list[Frame]:
        """The room's message frames received so far, one per seq, in seq order."""
        seqs = self._seqs.get(room, {})
        return [seqs[s] for s in sorted(seqs) if seqs[s].get("type") == "message"]

    def last_seq(self, room: str) -> int:
        seqs = self._seqs.get(room)
        return max(seqs) if seqs else 0

    async def wait_seq(self, room: str, seq: int, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until every seq 1..``seq`` of ``room`` has arrived."""
        await self.wait_for(lambda: len(self._seqs.get(room, {}).keys() & range(1, seq + 1)) == seq, timeout)

    # -- sending -----------------------------------------------------------

    async def send_frame(self, frame: Frame) -> None:
        await self.conn.send(json.dumps(frame))

    async def send_raw(self, data: str | bytes) -> None:
        await self.conn.send(data)

    async def join(self, room: str, since: int | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Frame:
        """Join and return the ``joined`` frame (raises WsError on an error frame)."""
        frame: Frame = {"type": "join", "room": room}
        if since is not None:
            frame["since"] = since
        await self.send_frame(frame)
        return await self._reply("joined", room=room, timeout=timeout)

    async def leave(self, room: str) -> None:
        await self.send_frame({"type": "leave", "room": room})

    async def send(self, room: str, text: str, *, client_msg_id: str | None = None, confirm: bool = False) -> str:
        """Send a chat line without waiting; returns its client_msg_id."""
        cid = client_msg_id or uuid.uuid4().hex
        frame: Frame = {"type": "send", "room": room, "client_msg_id": cid, "text": text}
        if confirm:
            frame["confirm"] = True
        await self.send_frame(frame)
        return cid

    async def say(self, room: str, text: str, *, client_msg_id: str | None = None, confirm: bool = False,
                  timeout: float = DEFAULT_TIMEOUT) -> Frame:
        """Send and wait for the ack (raises WsError if the server answers with an error)."""
        cid = await self.send(room, text, client_msg_id=client_msg_id, confirm=confirm)
        return await self._reply("ack", client_msg_id=cid, timeout=timeout, ref=cid)

    async def _reply(self, type: str, *, timeout: float, ref: str | None = None, **match: Any) -> Frame:
        """The expected reply, or the error frame answering the same request."""
        found: list[Frame] = []

        def pick() -> bool:
            for i, frame in enumerate(self.inbox):
                ok = frame.get("type") == type and all(frame.get(k) == v for k, v in match.items())
                err = frame.get("type") == "error" and (
                    (ref is not None and frame.get("ref") == ref)
                    or (ref is None and frame.get("room") == match.get("room"))
                )
                if ok or err:
                    found.append(self.inbox.pop(i))
                    return True
            return False

        await self.wait_for(pick, timeout)
        if found[0].get("type") == "error":
            raise WsError(found[0])
        return found[0]

    async def ping(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        await self.send_frame({"type": "ping"})
        await self.expect("pong", timeout=timeout)

    async def close(self) -> None:
        await self.conn.close()
        try:
            async with asyncio.timeout(DEFAULT_TIMEOUT):
                await asyncio.shield(self._reader)
        except TimeoutError:
            self._reader.cancel()

    def abort(self) -> None:
        """Drop the TCP connection without a close handshake (a phone losing signal)."""
        self.conn.transport.abort()
