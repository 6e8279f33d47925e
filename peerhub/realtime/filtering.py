"""Trigger filters at fan-out: wires ``moderation.filters`` into the hub.

Per socket, the person's ``Filters`` are loaded once (``on_connect``) into
``conn.attrs["filters"]`` and reloaded when ``_filters_changed`` arrives on
``user:<id>`` (published by ``PUT /api/me/filters`` after commit), so a change
applies to the very next frame.

Per room, one word automaton (``RoomWords``) is built from the custom words of
the sockets currently in it, lazily on the first message after someone
joined, left or changed their filters; ``scan`` runs it once per message. Each
recipient's decision is then set operations only: stored topic ids, matched
words and the author against their active rules.

Forum thread frames (``thread:<id>``) get the same decision per watcher as
the thread view: a hidden post is replaced by the neutral placeholder (its
place in the tree is kept), a collapsed one carries ``filter``, and a
thread's opening post is hidden with a title the watcher hides
(``filters.with_title``). The words are found once per event (the post's
Markdown ``source``, and the ``title`` item for an opening post) with one
automaton of the watchers' words; the server-only fields are always stripped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from peerhub.context import AppContext
from peerhub.moderation.filters import DELIVER as DELIVERED
from peerhub.moderation.filters import HIDDEN_POST_HTML, Decision, Filters, RoomWords, decide, with_title
from peerhub.moderation.filters import HIDE as HIDDEN
from peerhub.moderation.filters_service import FILTERS_CHANGED, load_filters
from peerhub.realtime.connection import Connection
from peerhub.realtime.delivery import DELIVER, HIDE, Collapse, Delivery, MessageView
from peerhub.realtime.hub import Hub
from peerhub.realtime.protocol import dumps, frame_of_thread_event, message_payload
from peerhub.realtime.store import MessageRow

FILTERS_KEY = "filters"
_TAG = re.compile(r"<[^>]*>")


def _filters(conn: Connection) -> Filters | None:
    f = conn.attrs.get(FILTERS_KEY)
    return f if isinstance(f, Filters) else None


def _keep(conn: Connection, f: Filters) -> None:
    """Keep a person's filters on their socket; someone with no rules at all
    (most people) keeps none and is not ``filtered``, so fan-out delivers to
    them without asking ``decide`` (no rules always means deliver)."""
    if f.topics or f.words or f.muted:
        conn.attrs[FILTERS_KEY] = f
        conn.filtered = True
    else:
        conn.attrs.pop(FILTERS_KEY, None)
        conn.filtered = False


def post_text(body_html: str) -> str:
    """Plain text of stored, sanitised post HTML (for the one word scan)."""
    return html.unescape(_TAG.sub(" ", body_html))


class LiveFilters:
    def __init__(self, ctx: AppContext, hub: Hub) -> None:
        self.ctx = ctx
        self.hub = hub
        self._rooms: dict[int, RoomWords] = {}
        self._view: MessageView | None = None
        self._now = ctx.clock.now()
        self._collapses: dict[tuple[str, ...], Collapse] = {}

    def install(self) -> None:
        hub = self.hub
        hub.decide = self.decide
        hub.scan = self.scan
        hub.on_connect.append(self.load)
        hub.on_members_changed.append(self.invalidate)
        hub.user_hooks[FILTERS_CHANGED] = self.reload
        hub.thread_frames = self.thread_frames

    # -- keeping filters and automata current ---------------------------------

    async def load(self, conn: Connection) -> None:
        _keep(conn, await load_filters(self.ctx, conn.user_id))

    async def reload(self, user_id: int, conns: list[Connection]) -> None:
        if not conns:
            return
        fresh = await load_filters(self.ctx, user_id)
        for conn in conns:
            _keep(conn, fresh)
            for room_id in conn.rooms:
                self.invalidate(room_id)

    def invalidate(self, room_id: int) -> None:
        self._rooms.pop(room_id, None)

    def room_words(self, room_id: int) -> RoomWords:
        words = self._rooms.get(room_id)
        if words is None:
            state = self.hub.rooms.get(room_id)
            members = list(state.members) if state is not None else []
            words = self._rooms[room_id] = RoomWords.of(f for c in members if (f := _filters(c)) is not None)
        return words

    # -- rooms ------------------------------------------------------------------

    def scan(self, room_id: int, text: str) -> frozenset[tuple[str, bool]]:
        """Once per message: the room members' custom words found in ``text``."""
        words = self.room_words(room_id)
        return frozenset() if words.empty else words.matches(text)

    def decide(self, conn: Connection, view: MessageView) -> Delivery:
        """Per recipient, inside fan-out: a dict lookup, the cached active rules
        and set tests (``moderation.filters.decide``); nothing is allocated
        except one ``Collapse`` per distinct reason list."""
        f: Filters | None = conn.attrs.get(FILTERS_KEY)
        if f is None:
            return DELIVER
        if not view.topics and not view.words and view.author_id not in f.muted_ids:
            return DELIVER  # topic and word rules need a topic or a word; person rules need this author
        if view is not self._view:  # one clock read per message, not per recipient
            self._view, self._now = view, self.ctx.clock.now()
        d = decide(f.user_id, f.active(self._now), view.author_id, view.topics, view.words)
        if d is DELIVERED:
            return DELIVER
        if d is HIDDEN:
            return HIDE
        c = self._collapses.get(d.reasons)
        if c is None:
            c = self._collapses[d.reasons] = Collapse(d.reasons)
        return c

    # -- forum threads ------------------------------------------------------------

    def thread_frames(self, watchers: list[Connection], event: dict[str, Any]) -> list[tuple[Connection, str]]:
        public = frame_of_thread_event(event)
        post = event.get("post")
        if event.get("type") != "forum" or not isinstance(post, dict) or post.get("removed"):
            frame = dumps(public)
            return [(c, frame) for c in watchers]
        author = int((post.get("author") or {}).get("id") or 0)
        topics = frozenset(event.get("topics") or ())
        source = event.get("source")
        text = source if isinstance(source, str) else post_text(str(post.get("body_html", "")))
        everyone = [f for c in watchers if (f := _filters(c)) is not None]
        automaton = RoomWords.of(everyone)

        def found(scanned: str) -> frozenset[tuple[str, bool]]:
            return frozenset() if automaton.empty else automaton.matches(scanned)

        words = found(text) if everyone else frozenset()
        title = _title_item(event.get("title")) if everyone else None
        title_view = (title[0], title[1], found(title[2])) if title is not None else None
        now = self.ctx.clock.now()
        frames: dict[Decision, str] = {}
        out: list[tuple[Connection, str]] = []
        for conn in watchers:
            f = _filters(conn)
            if f is None:
                d = Decision("deliver")
            else:
                d = with_title(f.decide(now, author, topics, words),
                               f.decide(now, *title_view) if title_view is not None else None)
            chosen = frames.get(d)
            if chosen is None:
                chosen = frames[d] = dumps(_post_frame(public, post, d))
            out.append((conn, chosen))
        return out


def _title_item(raw: Any) -> tuple[int, frozenset[str], str] | None:
    """The ``title`` filter facts of an opening post's event: (author, topics, text)."""
    if not isinstance(raw, dict):
        return None
    return int(raw.get("author_id") or 0), frozenset(raw.get("topics") or ()), str(raw.get("text", ""))


def _post_frame(public: dict[str, Any], post: dict[str, Any], d: Decision) -> dict[str, Any]:
    if d.hidden:
        return public | {"post": post | {"author": None, "body_html": HIDDEN_POST_HTML,
                                         "filter": {"action": "hide"}}}
    if d.collapsed:
        return public | {"post": post | {"filter": d.frame()}}
    return public


def install_filters(ctx: AppContext, hub: Hub) -> LiveFilters:
    """Turn on per-recipient trigger filtering for this process's hub."""
    live = LiveFilters(ctx, hub)
    live.install()
    return live


async def filtered_history(ctx: AppContext, viewer_id: int, rows: list[MessageRow], slug: str) -> list[dict[str, Any]]:
    """A history page as ``viewer_id`` may see it: hidden messages left out
    (a seq gap, as live), collapsed ones with ``filter``. The viewer's own
    words are matched once per message; no filters, no scanning."""
    f = await load_filters(ctx, viewer_id)
    now = ctx.clock.now()
    words = RoomWords(f.word_keys) if not f.active(now).empty else None
    out: list[dict[str, Any]] = []
    for msg, handle in rows:
        payload = message_payload(msg, handle, slug)
        if payload["type"] == "message" and words is not None and msg.author_id != viewer_id:
            found = frozenset() if words.empty else words.matches(msg.text)
            d = f.decide(now, msg.author_id, frozenset(msg.topics or ()), found)
            if d.hidden:
                continue
            if d.collapsed:
                payload["filter"] = d.frame()
        out.append(payload)
    return out
