"""Forum read path: category list, thread pages, a thread's reply tree,
search and notifications. Every function runs a fixed number of statements
whatever the page holds (asserted by the tests with a statement counter).

Cursors are opaque to clients (base64url JSON). A cursor that does not
decode is a 422 ``invalid_cursor``, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace
from datetime import datetime
from typing import Any

from peerhub.accounts.service import Viewer
from peerhub.context import AppContext
from peerhub.errors import InvalidInput, NotFound
from peerhub.forum import store
from peerhub.forum.events import notification_json
from peerhub.forum.present import (
    Audience,
    load_audience,
    post_filter_action,
    present_category,
    present_post,
    present_thread,
)
from peerhub.forum.search import search_store, search_terms
from peerhub.forum.service import access_thread
from peerhub.forum.store import ThreadKey
from peerhub.forum.tree import preorder
from peerhub.moderation.sanitize import escape_text, highlight_snippet
from peerhub.moderation.service import Place, can_moderate

THREADS_PAGE = 25
# Top-level posts per page of a thread, each with all its replies: a page of
# a busy thread stays a few hundred posts at most.
TOP_LEVEL_PAGE = 50
NOTIFICATIONS_PAGE = 30
SEARCH_LIMIT = 20
# Characters of post text shown around the first match.
SNIPPET_CHARS = 200


def encode_cursor(data: list[Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list[Any] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        data = None
    if not isinstance(data, list):
        raise InvalidInput("invalid_cursor", "That page link is not valid.")
    return data


def _thread_key(cursor: str | None) -> ThreadKey | None:
    data = decode_cursor(cursor)
    if data is None:
        return None
    try:
        pinned, when, thread_id = data
        key = ThreadKey(bool(pinned), datetime.fromisoformat(str(when)), int(thread_id))
    except (TypeError, ValueError):
        raise InvalidInput("invalid_cursor", "That page link is not valid.") from None
    if key.last_activity_at.tzinfo is None:
        raise InvalidInput("invalid_cursor", "That page link is not valid.")
    return key


def _int_cursor(cursor: str | None) -> int | None:
    data = decode_cursor(cursor)
    if data is None:
        return None
    if len(data) != 1 or not isinstance(data[0], int) or isinstance(data[0], bool):
        raise InvalidInput("invalid_cursor", "That page link is not valid.")
    return data[0]


async def list_categories(ctx: AppContext, viewer: Viewer) -> list[dict[str, Any]]:
    async with ctx.db.read() as session:
        rows = await store.list_categories(session)
    return [present_category(category, count) for category, count in rows]


async def list_threads(
    ctx: AppContext, viewer: Viewer, category_id: int, cursor: str | None, limit: int = THREADS_PAGE
) -> dict[str, Any]:
    """One page of a category: pinned first, then by last activity, with unread counts."""
    after = _thread_key(cursor)
    async with ctx.db.read() as session:
        category = await store.get_category(session, category_id)
        if category is None:
            raise NotFound()
        rows = await store.list_threads(session, category_id, after, limit + 1)
        page = rows[:limit]
        unread = await store.unread_counts(session, viewer.id, [t.id for t, _ in page])
    next_cursor = None
    if len(rows) > limit:
        last = page[-1][0]
        next_cursor = encode_cursor([int(last.pinned), last.last_activity_at.isoformat(), last.id])
    return {
        "category": present_category(category),
        "threads": [present_thread(t, handle, unread.get(t.id, 0)) for t, handle in page],
        "next_cursor": next_cursor,
    }


async def get_thread(
    ctx: AppContext, viewer: Viewer, thread_id: int, cursor: str | None, limit: int = TOP_LEVEL_PAGE
) -> dict[str, Any]:
    """The thread and one page of top-level posts with all their replies, in tree order."""
    after = _int_cursor(cursor) or 0
    async with ctx.db.read() as session:
        thread, category = await access_thread(session, viewer, thread_id, write=False)
        audience = await load_audience(session, viewer, ctx.clock.now())
        if viewer.is_staff:  # members never moderate: no query for them
            audience = replace(audience, moderator=await can_moderate(session, viewer, Place("category", category.id)))
        top = await store.list_top_level(session, thread_id, after, limit + 1)
        page = top[:limit]
        replies = await store.list_descendants(session, thread_id, [p.id for p in page])
        state = await store.get_viewer_thread_state(session, viewer.id, thread)
    ordered = preorder(page + replies)
    return {
        "thread": present_thread(thread, state.author_handle)
        | {"following": state.following, "read_position": state.read_position},
        "category": present_category(category),
        "posts": [present_post(p, p.author_handle, audience) for p in ordered],
        "next_cursor": encode_cursor([page[-1].id]) if len(top) > limit else None,
    }


async def search(
    ctx: AppContext, viewer: Viewer, query: str, category_id: int | None, limit: int = SEARCH_LIMIT
) -> dict[str, Any]:
    """Ranked hits with escaped, highlighted title and snippet (only ``<mark>`` markup)."""
    terms = search_terms(query)
    async with ctx.db.read() as session:
        rows = await search_store(session).search(session, terms, category_id, limit) if terms else []
        audience = await load_audience(session, viewer, ctx.clock.now()) if rows else None
        facts = await store.get_post_facts(session, [r.post_id for r in rows]) if audience and audience.filters else {}
    # SANCTIONS / agreements: drop hits in threads the viewer may not read (hook in access_thread).
    # Trigger filters: hidden posts are left out, collapsed ones carry ``filter``.
    results: list[dict[str, Any]] = []
    for r in rows:
        decision = filter_action(r.post_id, r.body_source, facts, audience)
        if decision is not None and decision[0] == "hide":
            continue
        hit: dict[str, Any] = {
            "thread_id": r.thread_id,
            "post_id": r.post_id,
            "category_id": r.category_id,
            "title": r.thread_title,
            "title_html": highlight_snippet(r.thread_title, terms, max_len=250) if terms else escape_text(
                r.thread_title),
            "snippet_html": highlight_snippet(r.body_source, terms, max_len=SNIPPET_CHARS),
            "created_at": r.created_at.isoformat(),
            "rank": round(r.rank, 6),
        }
        if decision is not None:
            hit["filter"] = {"action": decision[0], "reasons": decision[1]}
        results.append(hit)
    return {"terms": terms, "results": results}


async def list_notifications(
    ctx: AppContext, viewer: Viewer, cursor: str | None, limit: int = NOTIFICATIONS_PAGE
) -> dict[str, Any]:
    before = _int_cursor(cursor)
    async with ctx.db.read() as session:
        rows = await store.list_notifications(session, viewer.id, before, limit + 1)
        unread = await store.count_unread_notifications(session, viewer.id)
        audience = await load_audience(session, viewer, ctx.clock.now())
    page = rows[:limit]
    # Trigger filters: a notification about a post this viewer hides is left out.
    return {
        "notifications": [notification_json(note, thread.title, handle) for note, thread, post, handle in page
                          if not _hidden(post_filter_action(post, audience))],
        "unread": unread,
        "next_cursor": encode_cursor([page[-1][0].id]) if len(rows) > limit else None,
    }


def _hidden(decision: tuple[str, list[str]] | None) -> bool:
    return decision is not None and decision[0] == "hide"


def filter_action(post_id: int, body: str, facts: dict[int, tuple[int, list[str]]],
                  audience: Audience | None) -> tuple[str, list[str]] | None:
    """The viewer's filter decision for a search hit (``facts`` from ``store.get_post_facts``)."""
    if audience is None or post_id not in facts:
        return None
    author_id, topics = facts[post_id]
    return audience.decide(author_id, topics, body)
