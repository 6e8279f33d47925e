"""The chat protocol's limits and frame shapes (docs/protocol.md is the reference).

Every frame is a JSON text frame with a ``type``. This module owns the
numbers (each limit with its reason) and the builders that turn stored
messages into the ``message`` payload used by live frames, replay and the
HTTP history endpoint alike, so the three can never disagree.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from peerhub.realtime.models import RoomMessage

PROTOCOL_VERSION = 1

# Frames from clients: chat lines are at most 4,000 characters (up to 4 bytes
# each in UTF-8) plus a small envelope, so 16 KiB is ample; uvicorn enforces it
# first (ws_max_size) and closes bigger frames with 1009.
MAX_FRAME_BYTES = 16 * 1024
# Frames waiting to be written to one socket. Frames are shared, pre-serialised
# strings, so the queue costs pointers, not copies; a phone this far behind is
# cheaper to resume from the database (close 4408, then `join` with `since`).
MAX_OUTBOX_FRAMES = 512
# Frames already waiting on a socket that are handled together (a burst of
# sends is stored in one transaction); bounded so one socket's burst cannot
# hold the write lock long. uvicorn pauses reading at 32 queued frames.
MAX_BURST_FRAMES = 32
MAX_OUTBOX_BYTES = 1024 * 1024
# A resume further back than this gets the newest messages and `gap: true`;
# older history is paged over HTTP.
MAX_REPLAY = 1000
# Rooms one socket may be in at once; the web app shows a handful.
MAX_ROOMS_PER_CONNECTION = 20
# Forum threads one socket may watch for live updates.
MAX_WATCHED_THREADS = 50
# Sends per user: a burst of 10, then one per second (5 per 5 s). A person
# typing fast stays well under it; a script does not.
SEND_BURST, SEND_PER_SECOND = 10, 1.0
# Typing notices per socket and room: one per 3 s is enough for an indicator.
TYPING_INTERVAL_SECONDS = 3.0
# Malformed/unknown frames: 10 are forgiven (a buggy client), refilled one per
# 10 s; beyond that the socket is closed with 1008.
BAD_FRAME_BURST, BAD_FRAMES_PER_SECOND = 10, 0.1
# Clients send `ping` every HEARTBEAT_SECONDS; a socket silent for
# IDLE_TIMEOUT_SECONDS (three missed heartbeats) is closed with 1001 so
# half-open connections from sleeping phones do not pile up.
HEARTBEAT_SECONDS = 25
IDLE_TIMEOUT_SECONDS = 75
# client_msg_id is the client's idempotency key (a UUID fits easily).
MAX_CLIENT_MSG_ID = 64
# How long a fan-out gap (seq 7 arrived, 6 not yet) may stay open before the
# hub reads the missing messages from the database. Publish-after-commit from
# two writers can reorder by microseconds; a lost Redis event takes this long.
GAP_FILL_DELAY_SECONDS = 0.5
# Presence snapshots between processes are refreshed this often and forgotten
# after three missed refreshes (a crashed process's users drop off).
PRESENCE_REFRESH_SECONDS = 20
PRESENCE_EXPIRY_SECONDS = 3 * PRESENCE_REFRESH_SECONDS
# Presence changes in a room are gathered this long into one delta frame.
PRESENCE_COALESCE_SECONDS = 0.25
# Closing a socket whose peer stopped reading can block on a full buffer;
# give up waiting after this long (the transport is dropped by uvicorn).
CLOSE_TIMEOUT_SECONDS = 5

# Broker channels.
CONTROL_CHANNEL = "control"
STAFF_CHANNEL = "staff"


def room_channel(room_id: int) -> str:
    return f"room:{room_id}"


def user_channel(user_id: int) -> str:
    return f"user:{user_id}"


def thread_channel(thread_id: int) -> str:
    return f"thread:{thread_id}"


def dumps(frame: dict[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


def iso(ts: datetime) -> str:
    return ts.isoformat().replace("+00:00", "Z")


def message_payload(msg: RoomMessage, handle: str, room_slug: str) -> dict[str, Any]:
    """The client-visible form of a stored message: a ``message`` frame, or a
    ``removed`` frame if a facilitator took it down (the seq stays, the text goes)."""
    if msg.removed_at is not None:
        return {"type": "removed", "room": room_slug, "seq": msg.seq}
    return {
        "type": "message",
        "room": room_slug,
        "seq": msg.seq,
        "id": msg.id,
        "author": {"id": msg.author_id, "handle": handle},
        "text": msg.text,
        "ts": iso(msg.created_at),
    }


def message_event(msg: RoomMessage, handle: str, room_slug: str) -> dict[str, Any]:
    """The broker event for a stored message: the payload plus what fan-out
    needs to decide per recipient without rescanning the text."""
    event = message_payload(msg, handle, room_slug)
    event["room_id"] = msg.room_id
    event["topics"] = list(msg.topics or [])
    event["crisis_level"] = msg.crisis_level
    return event


# Fields of a message event that are for the server only.
SERVER_ONLY_FIELDS = ("room_id", "topics", "crisis_level")


def frame_of_event(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k not in SERVER_ONLY_FIELDS}


# Fields of a forum ``thread:<id>`` event that are for the server only (the
# filter facts the forum publishes with a post: docs/protocol.md, "Forum frames").
THREAD_SERVER_ONLY_FIELDS = ("topics", "source", "title")


def frame_of_thread_event(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k not in THREAD_SERVER_ONLY_FIELDS}


def error_frame(code: str, message: str, **extra: Any) -> str:
    frame: dict[str, Any] = {"type": "error", "code": code, "message": message}
    frame.update(extra)
    return dumps(frame)
