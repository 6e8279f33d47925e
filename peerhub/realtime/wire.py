"""Fan-out's last step: writing a chat frame to a socket without the ASGI detour.

Through ASGI, every frame to every recipient costs a ``websocket.send``
message dict, Starlette's two ``send`` wrappers, uvicorn's ``send`` coroutine
and a fresh WebSocket frame (UTF-8 encoding, header, validation), although a
room message's frame is the same bytes for all of its recipients. At N=1,000
that was half of the fan-out time (bench/README.md, "Fan-out").

``server_send(websocket)`` is the server's own ASGI ``send`` (stashed in the
scope by ``PeerhubMiddleware``, outside Starlette's wrappers, which do
nothing for websocket messages), so even a regular send skips them.

``direct_writer(send)`` returns a ``DirectWriter`` when ``send`` is a bound
``send`` of uvicorn's websockets-sansio protocol (uvicorn's default and
peerhub's configured one) and no extension (compression) was negotiated;
otherwise ``None`` and every frame takes the ASGI path. ``writer(text) ->
bool`` writes the frame's bytes to the transport, serialised once per
distinct frame text (see ``encode``), and returns True; it returns False,
writing nothing, in every case where the ASGI ``send`` would not complete at
once with exactly those bytes, and the caller then uses the ASGI ``send``.
``write_each(writers, text)`` does the same for a room's recipients in one
loop (fan-out's hot path: the frame is encoded once and each socket's state
is read from the writer's slots, no call per check) and returns the indexes
of the writers that declined.

Why this is the same as the ASGI path, byte for byte and in effect:

- the bytes are what uvicorn writes: it calls ``conn.send_text(text.encode())``
  on a websockets ``ServerProtocol``, which serialises
  ``Frame(TEXT, data).serialize(mask=False, extensions=conn.extensions)``
  (servers never mask) and writes ``data_to_send()``; with no extensions
  that is ``encode``'s result. Protocol state it would touch stays the same:
  a whole text frame sets no continuation state;
- it is used only when uvicorn's ``send`` would write immediately: the
  protocol is writable (the transport's buffer is under its high-water mark;
  otherwise ``send`` waits for ``resume_writing``), the handshake is done,
  no close was sent or received (``conn.state`` OPEN), the peer is still
  there, nothing is waiting in the protocol's own write buffer, and the
  transport is not closing. Anything else falls back to the ASGI ``send``,
  which then behaves as it always did (waits, or raises and the socket is
  closed as disconnected);
- so back-pressure is unchanged: when a slow reader's kernel buffer and the
  transport buffer fill, the transport pauses the protocol synchronously
  inside ``write``, the next frame falls back to the ASGI ``send``, which
  suspends; ``Connection.push`` hands it to the writer task and queues what
  follows, and the outbox limits close the socket with 4408 as before.
  Order is kept because ``Connection.push`` only writes directly when nothing
  is queued or in flight;
- close, accept, denial and shutdown (uvicorn's 1012, peerhub's drain) never
  go through here; once any close is under way ``conn.state`` is no longer
  OPEN and frames take the ASGI path.

Tests: tests/test_realtime_wire.py (fast path and fallback through a real
server, byte-identical frames, order, slow consumer).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.types import Send
from starlette.websockets import WebSocket
from websockets.frames import Frame, Opcode
from websockets.protocol import State

from peerhub.middleware import SCOPE_SERVER_SEND

# Serialised frames by the identity of their text: a room message's frame is
# one str object shared by all its recipients, so it is encoded once. The
# value keeps the str alive, so its id cannot be reused while cached.
_CACHE_SIZE = 16
_encoded: dict[int, tuple[str, bytes]] = {}
_OPEN = State.OPEN


def encode(text: str) -> bytes:
    """The unmasked, uncompressed WebSocket text frame for ``text`` (as a server sends it)."""
    hit = _encoded.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1]
    data = Frame(Opcode.TEXT, text.encode()).serialize(mask=False)
    if len(_encoded) >= _CACHE_SIZE:
        _encoded.clear()
    _encoded[id(text)] = (text, data)
    return data


class DirectWriter:
    """Direct frame writes to one accepted socket (see the module docstring).

    ``frames`` counts the frames written directly (tests and metrics)."""

    __slots__ = ("conn", "frames", "proto", "transport", "writable", "write")

    def __init__(self, proto: Any, conn: Any, writable: Any, transport: Any) -> None:
        self.proto = proto
        self.conn = conn
        self.writable = writable
        self.transport = transport
        self.write: Callable[[bytes], None] = transport.write
        self.frames = 0

    def __call__(self, text: str) -> bool:
        return not write_each((self,), text)


def write_each(writers: Sequence[DirectWriter], text: str) -> list[int]:
    """Write ``text``'s frame to every writer whose socket takes it at once;
    return the indexes of those that did not (nothing was written to them:
    the caller sends those through the ASGI ``send``). The conditions are the
    ones in the module docstring, read straight from each writer's slots."""
    try:
        data = encode(text)
    except Exception:  # e.g. a lone surrogate: the ASGI path raises it the way it always did
        return list(range(len(writers)))
    declined: list[int] = []
    index = -1
    for writer in writers:
        index += 1
        proto = writer.proto
        conn = writer.conn
        if (writer.writable.is_set() and not proto.close_sent and not proto.disconnected
                and conn.state is _OPEN and not conn.writes and not writer.transport.is_closing()):
            writer.write(data)  # checked above: the transport takes it (or buffers it) without raising
            writer.frames += 1
        else:
            declined.append(index)
    return declined


def server_send(websocket: WebSocket) -> Send:
    """The server's ASGI ``send`` for this socket (Starlette's wrapped one if not stashed)."""
    send: Send | None = websocket.scope.get(SCOPE_SERVER_SEND)
    return send if send is not None else websocket._send


def direct_writer(send: Send) -> DirectWriter | None:
    """A ``DirectWriter`` for an accepted socket on uvicorn's sansio protocol, else None."""
    try:
        from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
    except ImportError:  # pragma: no cover - uvicorn is a dependency
        return None
    proto: Any = getattr(send, "__self__", None)
    if type(proto) is not WebSocketsSansIOProtocol or getattr(send, "__func__", None) is not WebSocketsSansIOProtocol.send:
        return None
    try:  # uvicorn's and websockets' internals: a version that renamed them gets the ASGI path
        conn = proto.conn
        if conn.extensions or not proto.handshake_complete or proto.initial_response is not None:
            return None
        transport = proto.transport
        _ = (proto.close_sent, proto.disconnected, conn.state, conn.writes, proto.writable.is_set,
             transport.is_closing, transport.write)
    except AttributeError:
        return None
    return DirectWriter(proto, conn, proto.writable, transport)
