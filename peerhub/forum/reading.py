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
from peerhub.forum import store, store_filters
from peerhub.forum.events import notification_json
from peerhub.forum.present import (
    Audience,
    decision_pair,
    filtered_title,
    load_audience,
    post_filter_action,
    present_category,
    present_post,
    present_thread,
    thread_filter_action,
    thread_item,
)
from peerhub.forum.search import search_store, search_terms
from peerhub.forum.service import access_thread
from peerhub.forum.store import PostRow, ThreadKey
from peerhub.forum.tree import preorder
from peerhub.moderation.filters import with_title
from peerhub.moderation.sanitize import escape_text, highlight_snippet
from peerhub.moderation.service import Place, can_moderate

THREADS_PAGE = 25
# Top-level posts per page of a thread, each with all its replies: a page of
# a busy thread stays a few hundred posts at most.
TOP_LEVEL_PAGE = 50
NOTIFICATIONS_PAGE = 30
# Unread notifications checked against the viewer's filters for the count: a
# badge shows "99+" long before this, and it bounds the work of one request
# (beyond it, older hidden ones are still counted).
UNREAD_FILTER_SCAN = 500
# The same bound per thread for a thread list's unread counts (a page holds
# up to THREADS_PAGE threads; beyond it, older hidden posts are still counted).
UNREAD_THREAD_FILTER_SCAN = 100
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
    """One page of a category: pinned first, then by last activity, with unread counts.

    A thread whose title the viewer hides stays in the page under
    ``HIDDEN_THREAD_TITLE`` rather than being left out: pages stay full and the
    keyset cursor (taken from the last row) never lands on a thread the viewer
    was not shown, and no page comes back empty with a ``next_cursor``.

    ``unread_count`` leaves out what the thread view hides from this viewer
    (posts their filters hide, and an opening post hidden with its title);
    collapsed posts are delivered, so they count. Posts a facilitator removed
    are not unread (as in the notification count), staff's included."""
    after = _thread_key(cursor)
    async with ctx.db.read() as session:
        category = await store.get_category(session, category_id)
        if category is None:
            raise NotFound()
        rows = await store.list_threads(session, category_id, after, limit + 1)
        page = rows[:limit]
        unread = await store.unread_counts(session, viewer.id, [t.id for t, _ in page])
        audience = await load_audience(session, viewer, ctx.clock.now())
        openings = await store_filters.get_opening_facts(session, [t.id for t, _ in page]) if audience.filters else {}
        counted = [tid for tid, n in unread.items() if n]
        scanned = await store_filters.list_unread_post_facts(
            session, viewer.id, counted, UNREAD_THREAD_FILTER_SCAN) if audience.filters and counted else []
    titles = {t.id: thread_filter_action(t.title, openings.get(t.id), audience) for t, _ in page}
    for post in scanned:
        opening = openings.get(post.thread_id)
        with_title = opening is not None and opening.post_id == post.post_id and _hidden(titles[post.thread_id])
        if with_title or _hidden(audience.decide(post.author_id, post.topics, post.body_source)):
            unread[post.thread_id] -= 1
    next_cursor = None
    if len(rows) > limit:
        last = page[-1][0]
        next_cursor = encode_cursor([int(last.pinned), last.last_activity_at.isoformat(), last.id])
    return {
        "category": present_category(category),
        "threads": [present_thread(t, handle, unread.get(t.id, 0), titles[t.id]) for t, handle in page],
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
        opening = (await store_filters.get_opening_facts(session, [thread_id])).get(thread_id) if audience.filters else None
    ordered = preorder(page + replies)
    # A hidden title hides the opening post with it (one item for the
    # filters: ``filters.with_title``, as live thread frames decide it).
    title = audience.decision(*thread_item(thread.title, opening)) if opening is not None else None
    first = opening.post_id if opening is not None else None

    def override(p: PostRow) -> tuple[str, list[str]] | None:
        if p.id != first:
            return None
        return decision_pair(with_title(audience.decision(p.author_id, p.topics, p.body_source), title))

    return {
        "thread": present_thread(thread, state.author_handle, decision=decision_pair(title) if title is not None else None)
        | {"following": state.following, "read_position": state.read_position},
        "category": present_category(category),
        "posts": [present_post(p, p.author_handle, audience, override(p)) for p in ordered],
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
        filtered = audience is not None and audience.filters is not None
        facts = await store.get_post_facts(session, [r.post_id for r in rows]) if filtered else {}
        openings = await store_filters.get_opening_facts(session, sorted({r.thread_id for r in rows})) if filtered else {}
    # SANCTIONS / agreements: drop hits in threads the viewer may not read (hook in access_thread).
    # Trigger filters: hidden posts are left out, collapsed ones carry ``filter``.
    # A hidden thread title: its opening post is left out (title and opening
    # post are one item); a reply in it is shown under HIDDEN_THREAD_TITLE.
    # A hidden or collapsed title carries ``thread_filter`` (``filtered_title``).
    results: list[dict[str, Any]] = []
    for r in rows:
        decision = filter_action(r.post_id, r.body_source, facts, audience)
        opening = openings.get(r.thread_id)
        title_decision = thread_filter_action(r.thread_title, opening, audience) if audience is not None else None
        title_hidden = _hidden(title_decision)
        if _hidden(decision) or (title_hidden and opening is not None and opening.post_id == r.post_id):
            continue
        title, marker = filtered_title(r.thread_title, title_decision)
        hit: dict[str, Any] = {
            "thread_id": r.thread_id,
            "post_id": r.post_id,
            "category_id": r.category_id,
            "title": title,
            "title_html": escape_text(title) if title_hidden or not terms else highlight_snippet(
                title, terms, max_len=250),
            "snippet_html": highlight_snippet(r.body_source, terms, max_len=SNIPPET_CHARS),
            "created_at": r.created_at.isoformat(),
            "rank": round(r.rank, 6),
        }
        if decision is not None:
            hit["filter"] = {"action": decision[0], "reasons": decision[1]}
        if marker is not None:  # the title's own marker, as notifications carry it
            hit["thread_filter"] = marker
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
        if audience.filters is not None and unread:
            # The count leaves out what the list leaves out: posts this viewer hides.
            scanned = await store_filters.list_unread_notification_facts(session, viewer.id, UNREAD_FILTER_SCAN)
            unread -= sum(1 for author, topics, body in scanned if _hidden(audience.decide(author, topics, body)))
        page = rows[:limit]
        threads = sorted({thread.id for _, thread, _, _ in page})
        openings = await store_filters.get_opening_facts(session, threads) if audience.filters and threads else {}
    # Trigger filters: a notification about a post this viewer hides is left
    # out; a thread title they hide or collapse is named as in thread lists.
    notes: list[dict[str, Any]] = []
    for note, thread, post, handle in page:
        if _hidden(post_filter_action(post, audience)):
            continue
        title, marker = filtered_title(thread.title, thread_filter_action(thread.title, openings.get(thread.id),
                                                                          audience))
        notes.append(notification_json(note, title, handle, marker))
    return {
        "notifications": notes,
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
