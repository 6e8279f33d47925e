"""Per-recipient delivery decisions at fan-out (the trigger-filter extension point).

``Hub.decide`` may be set to a ``Decide`` function ``(conn, view) -> Delivery``:

- ``DELIVER``: the message frame as is (the default when no function is set);
- ``HIDE``: nothing is sent; the client sees a seq gap, which is not loss;
- ``Collapse(reasons)``: the frame gains ``"filter": {"action": "collapse",
  "reasons": [...]}`` so the UI folds it behind a tap.

It runs once per recipient per message, inside fan-out: it must be fast and
must not do I/O. ``view.topics`` are the topic ids stored with the message at
write time and ``view.words`` what ``Hub.scan`` found in it, once per message,
so text is never rescanned per recipient; per-user settings belong in
``conn.attrs`` (loaded once per socket by an ``on_connect`` hook). Replay and
gap filling apply the same decision.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from peerhub.realtime.connection import Connection
from peerhub.realtime.protocol import dumps, frame_of_event

DELIVER = "deliver"
HIDE = "hide"


@dataclass(frozen=True, slots=True)
class Collapse:
    reasons: tuple[str, ...]


Delivery = str | Collapse


@dataclass(frozen=True, slots=True)
class MessageView:
    """What a delivery decision may look at (no text)."""

    room_id: int
    seq: int
    author_id: int
    topics: frozenset[str]
    crisis_level: str
    words: frozenset[Any] = frozenset()


Decide = Callable[[Connection, MessageView], Delivery]
# (room_id, text) -> the custom filter words found; run once per message.
Scan = Callable[[int, str], frozenset[Hashable]]
# (watchers, event) -> [(conn, frame)] for a ``thread:<id>`` event.
ThreadFrames = Callable[[list[Connection], dict[str, Any]], list[tuple[Connection, str]]]


def frame_for(decide: Decide | None, conn: Connection, view: MessageView | None, event: dict[str, Any],
              frame: str, cache: dict[tuple[str, ...], str]) -> str | None:
    """The frame this recipient gets for a room event (None: hidden).

    ``frame`` is the event's shared, pre-serialised frame; collapsed variants
    are serialised once per distinct reason list and kept in ``cache``."""
    if decide is None or view is None:
        return frame
    return frame_of_verdict(decide(conn, view), event, frame, cache)


def frame_of_verdict(verdict: Delivery, event: dict[str, Any], frame: str,
                     cache: dict[tuple[str, ...], str]) -> str | None:
    """``frame_for`` once the decision is made (fan-out calls ``decide`` itself)."""
    if verdict == DELIVER:
        return frame
    if isinstance(verdict, Collapse):
        cached = cache.get(verdict.reasons)
        if cached is None:
            body = frame_of_event(event)
            body["filter"] = {"action": "collapse", "reasons": list(verdict.reasons)}
            cached = cache[verdict.reasons] = dumps(body)
        return cached
    return None
